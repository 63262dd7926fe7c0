"""Second factor: set up with a real authenticator code, asked after the password, required by a
company, recovery codes that work once."""

import base64
import hashlib
import hmac
import re
import struct
import time
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

DASHBOARD = "/dashboard/"


def totp(secret: str, at: float, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 TOTP (HMAC-SHA1), computed here from the secret the page shows."""
    key = base64.b32decode(secret.replace(" ", ""))
    digest = hmac.new(key, struct.pack(">Q", int(at // step)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


def test_the_totp_helper_matches_rfc_6238():
    # RFC 6238 appendix B: ASCII key "12345678901234567890", T = 59 s -> 94287082 (8 digits).
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, 59, digits=8) == "94287082"
    assert totp(secret, 1111111109, digits=8) == "07081804"


def _set_up(client):
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "<svg" in page  # the QR code
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    response = client.post(
        reverse("accounts:two_factor_setup"), {"code": totp(secret, time.time())}
    )
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    return secret, codes


def _log_in(client, email):
    response = client.post(
        reverse("accounts:login"), {"username": email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def test_turning_it_on_needs_a_right_code_and_gives_ten_recovery_codes(personas, owner_client):
    page = owner_client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert re.search(r'data-testid="totp-secret">[A-Z2-7 ]{32,}<', page)
    wrong = owner_client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=personas.owner, confirmed=True).exists()

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        secret, codes = _set_up(owner_client)
    assert len(codes) == 10 and len(set(codes)) == 10
    device = TOTPDevice.objects.get(user=personas.owner, confirmed=True)
    assert base64.b32encode(device.bin_key).decode() == secret.replace(" ", "")
    # The session that set it up counts as verified.
    assert owner_client.get(DASHBOARD).status_code == 200


def test_the_login_asks_for_the_code_once_a_device_is_confirmed(personas, owner_client, client):
    secret, _codes = _set_up(owner_client)
    later = time.time() + 90  # a new time step: a code is never accepted twice
    with time_machine.travel(later, tick=False):
        _log_in(client, "owner@acme.test")
        response = client.get(DASHBOARD)
        assert response.status_code == 302
        assert (
            response["Location"] == reverse("accounts:two_factor_verify") + "?next=%2Fdashboard%2F"
        )
        # Every page waits for the code.
        assert client.get("/portfolio/").status_code == 302
        assert client.get("/admin/").status_code == 302

        verify = reverse("accounts:two_factor_verify") + "?next=/dashboard/"
        wrong = client.post(verify, {"code": "123456", "next": DASHBOARD})
        assert wrong.status_code == 400 and "not right" in wrong.content.decode()
        # Wrong codes are throttled (django-otp: 1, 2, 4 ... seconds).
        again = client.post(verify, {"code": totp(secret, later), "next": DASHBOARD})
        assert "Too many wrong codes" in again.content.decode()
    with time_machine.travel(later + 5, tick=False):
        right = client.post(verify, {"code": totp(secret, later + 5), "next": DASHBOARD})
        assert right.status_code == 302 and right["Location"] == DASHBOARD
        assert client.get(DASHBOARD).status_code == 200


def test_a_recovery_code_works_once(personas, owner_client, client):
    _secret, codes = _set_up(owner_client)
    _log_in(client, "owner@acme.test")
    verify = reverse("accounts:two_factor_verify")
    assert client.post(verify, {"code": codes[0].upper(), "next": DASHBOARD}).status_code == 302
    assert client.get(DASHBOARD).status_code == 200
    assert StaticToken.objects.filter(device__user=personas.owner).count() == 9

    other = type(client)()
    _log_in(other, "owner@acme.test")
    assert other.post(verify, {"code": codes[0], "next": DASHBOARD}).status_code == 400


def test_a_password_alone_cannot_swap_in_another_authenticator(personas, owner_client, client):
    _set_up(owner_client)
    _log_in(client, "owner@acme.test")
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.status_code == 302
    # The two-factor page itself waits for the code.
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and "/two-factor/verify/" in follow["Location"]
    assert client.post(reverse("accounts:two_factor_setup"), {"code": "000000"}).status_code == 302
    assert TOTPDevice.objects.filter(user=personas.owner).count() == 1


def test_a_company_can_require_it_of_every_member(personas, owner_client, editor_client):
    form = owner_client.get(reverse("accounts:company_settings")).content.decode()
    assert 'name="require_two_factor"' in form
    personas.company.require_two_factor = True
    personas.company.save(update_fields=["require_two_factor"])

    response = editor_client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    page = editor_client.get(response["Location"]).content.decode()
    assert "Acme Lighting requires two-step verification of all members" in page
    # A member of another company is not affected.
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(DASHBOARD).status_code == 200

    secret, _codes = _set_up(editor_client)
    assert editor_client.get(DASHBOARD).status_code == 200
    # Turning it off is refused while the company requires it.
    with time_machine.travel(time.time() + 60, tick=False):
        editor_client.post(
            reverse("accounts:two_factor_disable"), {"code": totp(secret, time.time())}
        )
    assert TOTPDevice.objects.filter(user=personas.editor, confirmed=True).exists()


def test_turning_it_off_needs_a_code(personas, owner_client):
    secret, _codes = _set_up(owner_client)
    owner_client.post(reverse("accounts:two_factor_disable"), {"code": "999999"})
    assert TOTPDevice.objects.filter(user=personas.owner, confirmed=True).exists()
    with time_machine.travel(time.time() + 60, tick=False):
        owner_client.post(
            reverse("accounts:two_factor_disable"), {"code": totp(secret, time.time())}
        )
    assert not TOTPDevice.objects.filter(user=personas.owner).exists()
    assert not StaticToken.objects.filter(device__user=personas.owner).exists()


def _trail(company):
    from ipguard.audit.models import AuditEvent

    return list(
        AuditEvent.objects.filter(company_id=company.pk, code__startswith="security.")
        .order_by("pk")
        .values_list("code", "actor_email", "object_label")
    )


def test_turning_it_on_off_and_renewing_codes_are_in_the_audit_trail(personas, owner_client):
    owner = personas.owner
    secret, _codes = _set_up(owner_client)
    with time_machine.travel(time.time() + 60, tick=False):
        response = owner_client.post(
            reverse("accounts:two_factor_recovery_codes"), {"code": totp(secret, time.time())}
        )
        assert response.status_code == 200
    with time_machine.travel(time.time() + 120, tick=False):
        owner_client.post(
            reverse("accounts:two_factor_disable"), {"code": totp(secret, time.time())}
        )
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert _trail(personas.company) == [
        ("security.two_factor_on", owner.email, str(owner)),
        ("security.recovery_codes_renewed", owner.email, str(owner)),
        ("security.two_factor_off", owner.email, str(owner)),
    ]
    assert _trail(personas.other_company) == []  # not a member there
    page = owner_client.get(reverse("core:audit_log") + "?category=security").content.decode()
    assert "Two-step verification turned on" in page and "Recovery codes renewed" in page


def test_the_companys_requirement_is_in_the_audit_trail(personas, owner_client):
    from ipguard.audit.models import AuditEvent

    page = owner_client.get(reverse("accounts:company_settings"))
    form = page.context["form"]
    data = {name: form.initial.get(name) for name in form.fields if name != "logo"}
    data["require_two_factor"] = "on"
    assert owner_client.post(reverse("accounts:company_settings"), data).status_code == 302
    (event,) = AuditEvent.objects.filter(code="company.settings_changed")
    assert event.changes == {"require_two_factor": [False, True]}
    assert event.actor_email == personas.owner.email and event.at is not None
    rows = [(row.field, row.old, row.new) for row in event.change_rows]
    assert rows == [("require two-step verification", "no", "yes")]
