"""Done-when of issue 11: a Chinese exporter's portfolio, through the deadline pages and the CLI.

Marks in CN, the US, the EU, SG and PH, a PCT application and a Hague design. The dates are the
ones the offices' certificates and closing-day calendars give (hand-checked below, each with its
source); every deadline page names its calendar and source; `ip_deadlines --json` agrees.
"""

import json
import re
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from ipguard.lib.sources import readable_source
from tests.factories import AssetFactory, FilingFactory

pytestmark = pytest.mark.django_db

# name: (right, office, filing fields, CLI arguments)
PORTFOLIO = {
    "cn_mark": ("trademark", "CN", {"filing_date": date(2015, 5, 6),
                                    "registration_date": date(2016, 10, 2)},
                ["--filed", "2015-05-06", "--registered", "2016-10-02"]),
    "us_mark": ("trademark", "US", {"filing_date": date(2018, 6, 1),
                                    "registration_date": date(2020, 2, 18)},
                ["--filed", "2018-06-01", "--registered", "2020-02-18"]),
    "eu_mark": ("trademark", "EU", {"filing_date": date(2016, 2, 29),
                                    "registration_date": date(2016, 7, 1)},
                ["--filed", "2016-02-29", "--registered", "2016-07-01"]),
    "sg_mark": ("trademark", "SG", {"filing_date": date(2016, 8, 9),
                                    "registration_date": date(2017, 1, 5)},
                ["--filed", "2016-08-09", "--registered", "2017-01-05"]),
    "ph_mark": ("trademark", "PH", {"filing_date": date(2023, 4, 3),
                                    "registration_date": date(2024, 1, 10)},
                ["--filed", "2023-04-03", "--registered", "2024-01-10"]),
    "pct": ("patent", "WO", {"filing_date": date(2025, 8, 29), "priority_date": date(2024, 8, 31),
                             "registration_date": None},
            ["--filed", "2025-08-29", "--priority", "2024-08-31"]),
    "hague": ("design", "WO", {"filing_date": date(2022, 7, 1), "registration_date": None,
                               "international_registration_date": date(2022, 7, 15)},
              ["--filed", "2022-07-01", "--registered", "2022-07-15"]),
}  # fmt: skip

# Hand-checked: (portfolio entry, deadline key) -> (opens, due, grace_ends, calendar)
EXPECTED = {
    # CN Trademark Law Art 39-40 (S1, S2): registered 2016-10-02, the certificate's term ends
    # 2026-10-01, inside the National Day closure (1-7 Oct 2026, State Council) -> Thu 8 Oct.
    ("cn_mark", "tm_renewal:1"): ("2025-10-01", "2026-10-08", "2027-04-01", "CN"),
    # S3, S4: §8 between the 5th and 6th anniversaries of 2020-02-18 (Wed 2026-02-18).
    ("us_mark", "us_section8_declaration"): ("2025-02-18", "2026-02-18", "2026-08-18", "US"),
    # EUTMR Art 52-53, §7: filed 29 Feb 2016 -> expires Sat 2026-02-28 -> Mon 2 Mar; grace
    # from the clamped expiry: Fri 2026-08-28.
    ("eu_mark", "tm_renewal:1"): ("2025-08-28", "2026-03-02", "2026-08-28", "EU"),
    # ⚠ SG TMA s.18: filed 2016-08-09 -> expires Sun 2026-08-09; Mon 10 Aug is the observed
    # National Day (SG calendar) -> Tue 2026-08-11.
    ("sg_mark", "tm_renewal:1"): ("2026-02-09", "2026-08-11", "2027-02-09", "SG"),
    # §7, PH IP Code s.124.2: declaration of actual use 3 y from filing = Fri 2026-04-03, Good
    # Friday (Black Saturday follows) -> Mon 2026-04-06 (PH calendar).
    ("ph_mark", "ph_declaration_of_use"): (None, "2026-04-06", None, "PH"),
    # §7, PCT Art 22/39: priority 2024-08-31; 31 months = Wed 2027-03-31 at KR/GB/AU/IN/EPO;
    # 30 months = Sun 2027-02-28 -> Mon 2027-03-01 at US/JP/CN/CA; CN late to Fri 2027-04-30.
    ("pct", "pct_national_phase_kr"): (None, "2027-03-31", None, "KR"),
    ("pct", "pct_national_phase_ep"): (None, "2027-03-31", None, "EP"),
    ("pct", "pct_national_phase_us"): (None, "2027-03-01", None, "US"),
    ("pct", "pct_national_phase_cn"): (None, "2027-03-01", "2027-04-30", "CN"),
    # "Most offices": weekends only, the page and the CLI say so (no single calendar).
    ("pct", "pct_national_phase"): (None, "2027-03-01", None, None),
    # Hague Art 17, §7: IR 2022-07-15 -> first 5-year term ends Thu 2027-07-15 (WO calendar).
    ("hague", "design_renewal:1"): ("2027-01-15", "2027-07-15", "2028-01-17", "WO"),
}


def _cli(right, office, args):
    out = StringIO()
    call_command("ip_deadlines", "--right", right, "--office", office, *args, "--json", stdout=out)
    return {
        (row["kind"], row["due"]): (
            row["opens"], row["due"], row["grace_ends"], row["calendar"],
            readable_source(row["source"]),  # the page shows the source readably (issue 16)
        )
        for row in json.loads(out.getvalue())
    }  # fmt: skip


def _page(client, deadline):
    html = client.get(reverse("portfolio:deadline_detail", args=[deadline.pk])).content.decode()

    def field(name):
        start = html.index(f'data-field="{name}">') + len(f'data-field="{name}">')
        value = html[start : html.index("</dd>", start)].strip()
        return None if value == "—" else value

    calendar = re.search(r"using the (\w+) closing-day calendar for 2026-2027", html)
    if calendar is None:
        assert "Only weekends are rolled" in html or "An expiry" in html, deadline.key
    return (
        field("opens"),
        field("due"),
        field("grace_ends"),
        calendar.group(1) if calendar else None,
        field("source"),
    )


@time_machine.travel("2026-01-15 09:00:00+00:00", tick=False)
def test_a_chinese_exporters_portfolio_matches_certificates_calendars_and_the_cli(
    personas, viewer_client
):
    checked = set()
    for name, (right, office, fields, args) in PORTFOLIO.items():
        asset = AssetFactory(company=personas.company, right=right, name=name)
        filing = FilingFactory(asset=asset, office=office, **fields)
        cli = _cli(right, office, args)
        shown = {}
        for deadline in filing.deadlines.all():
            row = _page(viewer_client, deadline)
            shown[(deadline.kind, row[1])] = row
            expected = EXPECTED.get((name, deadline.key))
            if expected:
                assert row[:4] == expected, (name, deadline.key)
                checked.add((name, deadline.key))
        assert shown == cli, name  # same dates, same calendar, same source
    assert checked == set(EXPECTED)
