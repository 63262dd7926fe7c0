import pytest
from django.urls import reverse

from ipguard.accounts.models import Company, Membership, User
from tests.factories import TEST_PASSWORD, CompanyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

COMPANY_FORM = {
    "name": "Harbour Tools Co.",
    "country": "CN",
    "size_band": "10-49",
    "industry": "machinery",
    "export_markets": ["US", "EU"],
    "revenue_band": "under_5m_usd",
    "language": "en",
}


def test_signup_then_company_then_dashboard(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "full_name": "Wang Fang",
            "email": "Wang@Example.com",
            "language": "en",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:company_create")
    user = User.objects.get(email="wang@example.com")

    # Without a company, tenant pages send the user to create one.
    assert client.get(reverse("core:dashboard"))["Location"] == reverse("accounts:company_create")

    response = client.post(reverse("accounts:company_create"), COMPANY_FORM)
    assert response.status_code == 302
    company = Company.objects.get(name="Harbour Tools Co.")
    assert company.export_markets == ["US", "EU"]
    assert Membership.objects.get(user=user, company=company).role == "owner"

    page = client.get(reverse("core:dashboard"))
    assert page.status_code == 200
    assert "Harbour Tools Co." in page.content.decode()


def test_signup_rejects_a_taken_email_and_keeps_the_form(client):
    UserFactory(email="taken@example.com")
    response = client.post(
        reverse("accounts:signup"),
        {
            "full_name": "Someone",
            "email": "TAKEN@example.com",
            "language": "en",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert 'value="Someone"' in response.content.decode()


def test_company_form_names_the_missing_field(client):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:company_create"), {**COMPANY_FORM, "name": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Company.objects.exists()


def test_login_with_email_and_logout(client):
    UserFactory(email="li@example.com")
    response = client.post(
        reverse("accounts:login"), {"username": "li@example.com", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_wrong_password_says_so(client):
    UserFactory(email="li@example.com")
    response = client.post(
        reverse("accounts:login"), {"username": "li@example.com", "password": "nope"}
    )
    assert response.status_code == 200
    assert "correct email address and password" in response.content.decode()


def test_a_user_in_two_companies_switches_between_them(personas, owner_client):
    second = CompanyFactory(name="Second Brand Ltd.")
    MembershipFactory(user=personas.owner, company=second, role="viewer")

    assert "Acme Lighting" in owner_client.get(reverse("core:dashboard")).content.decode()
    response = owner_client.post(reverse("accounts:company_switch", args=[second.pk]))
    assert response.status_code == 302
    page = owner_client.get(reverse("core:dashboard")).content.decode()
    assert "Second Brand Ltd." in page
    personas.owner.refresh_from_db()
    assert personas.owner.current_company == second


def test_switching_to_a_company_you_do_not_belong_to_is_404(personas, owner_client):
    response = owner_client.post(
        reverse("accounts:company_switch", args=[personas.other_company.pk])
    )
    assert response.status_code == 404


def test_owner_edits_company_settings_but_editor_cannot(personas, owner_client, editor_client):
    url = reverse("accounts:company_settings")
    assert editor_client.get(url).status_code == 403
    response = owner_client.post(url, {**COMPANY_FORM, "name": "Acme Lighting Group"})
    assert response.status_code == 302
    personas.company.refresh_from_db()
    assert personas.company.name == "Acme Lighting Group"


def test_dashboard_speaks_chinese(owner_client):
    owner_client.post(
        reverse("core:language_switch"), {"language": "zh-hans", "next": "/dashboard/"}
    )
    page = owner_client.get(reverse("core:dashboard")).content.decode()
    assert 'lang="zh-hans"' in page
    assert "仪表盘" in page


def test_a_user_who_chose_chinese_gets_it_on_a_new_browser(personas):
    personas.editor.language = "zh-hans"
    personas.editor.save(update_fields=["language"])
    client = personas.client_for(personas.editor)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'lang="zh-hans"' in page
    # The switch in the browser still wins over the saved choice.
    client.cookies["django_language"] = "en"
    assert 'lang="en"' in client.get(reverse("core:dashboard")).content.decode()
