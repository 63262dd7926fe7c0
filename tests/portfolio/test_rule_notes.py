import pytest
from django.urls import reverse

from tests.factories import AssetFactory, FilingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("office", "english", "chinese"),
    [
        (
            "CN",
            "The term ends the day before the 10th anniversary, as the certificate prints it",
            "注册有效期截止于第 10 个周年日的前一天（与注册证所载一致）",
        ),
        # A note with a percent sign: `{% translate variable %}` would miss its catalogue entry.
        ("EU", "Grace renewals cost 25% more.", "在宽展期内续展，费用增加 25%。"),
    ],
)
def test_deadline_page_shows_the_rule_note_in_the_profile_language(
    personas, viewer_client, office, english, chinese
):
    personas.viewer.language = "zh-hans"
    personas.viewer.save(update_fields=["language"])
    filing = FilingFactory(asset=AssetFactory(company=personas.company), office=office)
    deadline = filing.deadlines.filter(kind="tm_renewal").first()
    page = viewer_client.get(
        reverse("portfolio:deadline_detail", args=[deadline.pk])
    ).content.decode()
    assert chinese in page
    assert english not in page


def test_deadline_page_names_the_calendar_in_chinese(personas, viewer_client):
    personas.viewer.language = "zh-hans"
    personas.viewer.save(update_fields=["language"])
    filing = FilingFactory(asset=AssetFactory(company=personas.company), office="CN")
    deadline = filing.deadlines.get(kind="tm_renewal")
    page = viewer_client.get(
        reverse("portfolio:deadline_detail", args=[deadline.pk])
    ).content.decode()
    assert "所用的是 CN 的 2026-2027 年非工作日日历" in page
    assert "有效期截止于周年日的前一天" in page  # the CN expiry convention
