"""Overdue and in-grace statutory deadlines open the report, with the day the right is lost.

Dates are hand-checked against ip-rules.md §2 "China annuities" (S30, S31): year n is due on the
(n-1)th anniversary of filing, with a 6-month late period; the report runs on 2026-11-20.
"""

import datetime

import pytest

from ipguard.portfolio.models import Asset, Deadline, Filing
from tests.reports.pdf_tools import pdf_pages, pdf_text
from tests.reports.test_pdf import make_report, pdf_of

pytestmark = pytest.mark.django_db


def annuity(company, name, *, filed, year, due, grace_ends, status="open", filing_status=None):
    patent = Asset.objects.create(company=company, right="patent", name=name)
    filing = Filing.objects.create(
        asset=patent,
        office="CN",
        status=filing_status or "registered",
        number=f"ZL{filed:%Y%m%d}.1",
        filing_date=filed,
    )
    return Deadline.objects.create(
        company=company,
        filing=filing,
        key=f"cn_annuity:{year}",
        kind="annuity",
        label="CN annuity",
        due_date=due,
        grace_ends=grace_ends,
        status=status,
    )


@pytest.fixture
def two_annuities_past_due(history):
    company = history.company
    # Filed 2019-05-20: year 8 due 2026-05-20; six months of grace end 2026-11-20, today.
    annuity(company, "Lamp driver", filed=datetime.date(2019, 5, 20), year=8,
            due=datetime.date(2026, 5, 20), grace_ends=datetime.date(2026, 11, 20))  # fmt: skip
    # Filed 2021-09-10: year 6 due 2026-09-10; grace ends 2027-03-10, 110 days after today.
    annuity(company, "Heat sink", filed=datetime.date(2021, 9, 10), year=6,
            due=datetime.date(2026, 9, 10), grace_ends=datetime.date(2027, 3, 10))  # fmt: skip
    # Neither a paid annuity nor one of a patent already recorded as lapsed is at stake.
    annuity(company, "Paid lens", filed=datetime.date(2020, 8, 1), year=7, status="done",
            due=datetime.date(2026, 8, 1), grace_ends=datetime.date(2027, 2, 1))  # fmt: skip
    annuity(company, "Given up", filed=datetime.date(2020, 7, 1), year=7, filing_status="lapsed",
            due=datetime.date(2026, 7, 1), grace_ends=datetime.date(2027, 1, 4))  # fmt: skip
    return history


def page_texts(pdf, *, spaces=True):
    texts = [" ".join((page.extract_text() or "").split()) for page in pdf_pages(pdf)]
    return texts if spaces else ["".join(text.split()) for text in texts]


def test_english_report_lists_both_annuities_first_with_the_day_the_right_is_lost(
    two_annuities_past_due,
):
    pdf = pdf_of(make_report(two_annuities_past_due.company))
    summary, detail = page_texts(pdf)[:2]
    # The summary names both before anything else, the one lost tomorrow first, flagged.
    alerts = summary.index("Overdue or lapsing now")
    driver, heat_sink = summary.index("Lamp driver"), summary.index("Heat sink")
    assert alerts < driver < heat_sink < summary.index("Three things to do this month")
    assert (
        "Lamp driver · CN annuity #8 · CN ZL20190520.1: Last day: lost tomorrow if not paid "
        "today (right lost on 2026-11-21)" in summary
    )
    assert "Heat sink · CN annuity #6 · CN ZL20210910.1: in grace until 2027-03-10" in summary
    assert "Pay the CN annuity of Lamp driver by 2026-11-20." in summary
    # The detail opens with them too: due date, last day and the day the right is lost.
    assert detail.index("Overdue statutory deadlines") < detail.index("Scores by area")
    assert (
        "CN annuity #8 Last day: lost tomorrow if not paid today 2026-05-20 2026-11-20 2026-11-21"
        in detail
    )
    assert (
        "CN annuity #6 In grace period: 110 days left to pay with a surcharge "
        "2026-09-10 2027-03-10 2027-03-11"
    ) in detail
    text = pdf_text(pdf)
    assert text.count("lost tomorrow if not paid today") == 2  # summary and detail
    assert "Paid lens" not in text
    assert "Given up" not in text


def test_chinese_report_flags_the_last_day_of_grace(two_annuities_past_due):
    pdf = pdf_of(make_report(two_annuities_past_due.company, language="zh-hans"))
    summary, detail = page_texts(pdf, spaces=False)[:2]
    assert summary.index("已逾期或即将失效") < summary.index("Lampdriver")
    assert summary.index("Lampdriver") < summary.index("Heatsink")
    assert "最后一天：今天不缴费，明天即失去权利" in summary
    assert "2026-11-21起丧失权利" in summary
    assert "宽限期至2027-03-10" in summary
    assert detail.index("已逾期的法定期限") < detail.index("各领域得分")
    assert "宽限期内：还剩110天可缴费（需缴滞纳金）" in detail
    assert "2027-03-11" in detail


def test_a_deadline_past_its_last_day_is_listed_as_possibly_lost(history):
    annuity(history.company, "Forgotten", filed=datetime.date(2019, 3, 2), year=8,
            due=datetime.date(2026, 3, 2), grace_ends=datetime.date(2026, 9, 2))  # fmt: skip
    text = pdf_text(pdf_of(make_report(history.company)))
    assert "The last day has passed: the right may be lost 2026-03-02 2026-09-02 2026-09-03" in text


def test_no_section_when_nothing_is_overdue(history):
    text = pdf_text(pdf_of(make_report(history.company)))
    assert "Overdue statutory deadlines" not in text
