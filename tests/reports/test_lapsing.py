"""Overdue and in-grace statutory deadlines open the report, with the day the right is lost.

Dates are hand-checked against ip-rules.md §2 "China annuities" (S30, S31): year n is due on the
(n-1)th anniversary of filing, with a 6-month late period; the report runs on 2026-11-20.
"""

import datetime

import pytest

from ipguard.portfolio.models import Asset, Deadline, Filing
from tests.reports.pdf_tools import pdf_text, pdf_text_without_spaces
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


def test_english_report_lists_both_annuities_first_with_the_day_the_right_is_lost(
    two_annuities_past_due,
):
    text = pdf_text(pdf_of(make_report(two_annuities_past_due.company)))
    assert "Overdue statutory deadlines" in text
    listed = text.index("Overdue statutory deadlines")
    assert listed < text.index("Scores by area") and listed < text.index("Top risks")
    # The one lost tomorrow comes first, flagged, with due date, last day and the day it is lost.
    driver, heat_sink = text.index("Lamp driver"), text.index("Heat sink")
    assert listed < driver < heat_sink
    assert (
        "CN annuity #8 Last day: lost tomorrow if not paid today 2026-05-20 2026-11-20 2026-11-21"
        in text
    )
    assert (
        "CN annuity #6 In grace period: 110 days left to pay with a surcharge "
        "2026-09-10 2027-03-10 2027-03-11" in text
    )
    assert text.count("lost tomorrow if not paid today") == 1
    assert "Paid lens" not in text
    assert "Given up" not in text


def test_chinese_report_flags_the_last_day_of_grace(two_annuities_past_due):
    text = pdf_text_without_spaces(
        pdf_of(make_report(two_annuities_past_due.company, language="zh-hans"))
    )
    listed = text.index("已逾期的法定期限")
    assert listed < text.index("各领域得分")
    assert "最后一天：今天不缴费，明天即失去权利" in text
    assert "宽限期内：还剩110天可缴费（需缴滞纳金）" in text
    assert text.index("Lampdriver") < text.index("Heatsink")
    assert "2026-11-21" in text and "2027-03-11" in text


def test_a_deadline_past_its_last_day_is_listed_as_possibly_lost(history):
    annuity(history.company, "Forgotten", filed=datetime.date(2019, 3, 2), year=8,
            due=datetime.date(2026, 3, 2), grace_ends=datetime.date(2026, 9, 2))  # fmt: skip
    text = pdf_text(pdf_of(make_report(history.company)))
    assert "The last day has passed: the right may be lost 2026-03-02 2026-09-02 2026-09-03" in text


def test_no_section_when_nothing_is_overdue(history):
    text = pdf_text(pdf_of(make_report(history.company)))
    assert "Overdue statutory deadlines" not in text
