"""`manage.py ip_deadlines`: the table, --json, exit code 2, and the same dates as the pages."""

import json
import subprocess
import sys
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from tests.factories import AssetFactory, FilingFactory


def run(*args):
    out = StringIO()
    call_command("ip_deadlines", *args, stdout=out)
    return out.getvalue()


@time_machine.travel("2026-01-15 09:00:00+00:00", tick=False)
def test_json_lists_kind_opens_due_grace_ends():
    rows = json.loads(
        run("--right", "trademark", "--office", "cn", "--filed", "2014-05-06",
            "--registered", "2016-03-14", "--json")
    )  # fmt: skip
    assert rows[1] == {
        "kind": "tm_renewal",
        "opens": "2025-03-13",
        "due": "2026-03-13",  # CN term ends the day before the anniversary (S1, S2, Art 40)
        "grace_ends": "2026-09-14",  # 13 Sep 2026 is a Sunday
        "calendar": "CN",
        "calendar_years": "2026-2027",
        "beyond_calendar": False,
        "calendar_uncertain": False,
        "source": "S1, S2; CN Trademark Law Art 39-40",
        "uncertain": False,
    }
    keys = {"kind", "opens", "due", "grace_ends", "calendar", "calendar_years",
            "beyond_calendar", "calendar_uncertain", "source", "uncertain"}  # fmt: skip
    assert all(set(row) == keys for row in rows)
    # Paris priority is claimed at an office of the owner's choice: weekends only.
    assert rows[0]["due"] == "2014-11-06" and rows[0]["calendar"] is None


@time_machine.travel("2026-03-01 09:00:00+00:00", tick=False)  # horizon: 2036-03-01
def test_text_names_the_calendar_and_warns_beyond_its_years():
    table = run("--right", "trademark", "--office", "CN", "--registered", "2016-02-15")
    first, second = (line for line in table.splitlines() if line.startswith("tm_renewal"))
    # 2026-02-14 is a make-up working Saturday in China: not rolled.
    assert "2026-02-14" in first and "CN closing days 2026-2027" in first
    assert "OUTSIDE 2026-2027" in second and "OUTSIDE" not in first
    assert "Calendar CN (2026-2027):" in table and "holidays 0.108" in table


@time_machine.travel("2026-01-15 09:00:00+00:00", tick=False)
def test_table_for_a_pct_application_counts_from_priority():
    table = run("--right", "patent", "--office", "WO", "--priority", "2025-08-31")
    lines = table.splitlines()
    assert lines[0].split() == ["kind", "opens", "due", "grace_ends", "what"]
    ep = next(line for line in lines if line.startswith("pct_national_phase_ep"))
    assert "2028-03-31" in ep  # 31 months, at the EPO
    cn = next(line for line in lines if line.startswith("pct_national_phase_cn "))
    assert "2028-02-29" in cn and "2028-05-01" in cn  # leap day; 30 Apr is a Sunday


@time_machine.travel("2026-01-15 09:00:00+00:00", tick=False)
def test_new_offices_and_madrid_designations_are_accepted():
    # SG Trade Marks Rules r.49, Trade Marks Bill 1998 cl.15(2) (laws.sg): filed 2016-08-09 ->
    # expiry Sun 2026-08-09, Mon 10 Aug is the observed National Day (SG calendar) -> due Tue
    # 2026-08-11; checked against its source, so no longer uncertain.
    rows = json.loads(run("--right", "trademark", "--office", "sg", "--filed", "2016-08-09",
                          "--json"))  # fmt: skip
    renewal = next(row for row in rows if row["kind"] == "tm_renewal")
    assert (renewal["due"], renewal["calendar"]) == ("2026-08-11", "SG")
    assert renewal["uncertain"] is False
    # A Madrid registration designating the US and PH lists their own acts (§7).
    rows = json.loads(run("--right", "trademark", "--office", "WO", "--registered", "2020-05-04",
                          "--designated", "us, ph", "--json"))  # fmt: skip
    kinds = {row["kind"]: row for row in rows}
    assert kinds["ph_declaration_of_use"]["due"] == "2023-05-04"
    assert kinds["us_section71_declaration"]["calendar"] == "US"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--right", "trademark", "--office", "ZZ"], "unknown office 'ZZ'"),
        (
            ["--right", "trademark", "--office", "WO", "--designated", "USA"],
            "'USA' is not a two-letter office code",
        ),
        (["--right", "trademark", "--office", "SG", "--filed", "2026-02-29"], "not a real date"),
        (["--right", "patent", "--office", "XX"], "unknown office 'XX'"),
        (["--right", "trademark", "--office", "CN", "--filed", "2026-02-30"], "not a real date"),
        (["--right", "trademark", "--office", "EP"], "No rules for a trademark at EP"),
        (
            [
                "--right",
                "design",
                "--office",
                "CN",
                "--filed",
                "2020-01-01",
                "--priority",
                "2021-01-01",
            ],
            "priority date 2021-01-01 is after the filing date",
        ),  # fmt: skip
        (["--right", "copyright", "--office", "CN"], "invalid choice: 'copyright'"),
    ],
)
def test_bad_input_prints_a_clear_error_and_exits_2(args, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "ip_deadlines", *args],
        capture_output=True,
        text=True,
        env={"DEBUG": "true", "DATABASE_URL": "sqlite:///:memory:", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
@time_machine.travel("2026-01-15 09:00:00+00:00", tick=False)
@pytest.mark.parametrize(
    "right, office, dates",
    [
        ("trademark", "US", {"filing_date": date(2019, 1, 10),
                             "registration_date": date(2020, 2, 29),
                             "publication_date": date(2019, 8, 31)}),
        ("trademark", "WO", {"international_registration_date": date(2021, 8, 31)}),
        ("patent", "CN", {"filing_date": date(2019, 3, 30), "registration_date": date(2022, 7, 1)}),
        ("design", "EU", {"filing_date": date(2025, 8, 31)}),
    ],
)  # fmt: skip
def test_the_command_line_gives_the_same_dates_as_the_pages(personas, viewer_client, right,
                                                            office, dates):  # fmt: skip
    asset = AssetFactory(company=personas.company, right=right)
    values = {"filing_date": None, "registration_date": None, **dates}
    filing = FilingFactory(asset=asset, office=office, sync_deadlines=False, **values)
    from ipguard.portfolio.services import filing_deadlines_sync

    filing_deadlines_sync(filing=filing)
    args = ["--right", right, "--office", office, "--json"]
    names = {"filing_date": "--filed", "priority_date": "--priority",
             "publication_date": "--published", "registration_date": "--registered",
             "international_registration_date": "--registered"}  # fmt: skip
    for field, value in dates.items():
        args += [names[field], value.isoformat()]
    cli = sorted(
        (row["kind"], row["opens"], row["due"], row["grace_ends"]) for row in json.loads(run(*args))
    )
    assert cli, "the case should have deadlines"

    shown = []
    for deadline in filing.deadlines.all():
        page = viewer_client.get(reverse("portfolio:deadline_detail", args=[deadline.pk]))
        html = page.content.decode()

        def field(name, html=html):
            start = html.index(f'data-field="{name}">') + len(f'data-field="{name}">')
            value = html[start : html.index("</dd>", start)].strip()
            return None if value == "—" else value

        shown.append((deadline.kind, field("opens"), field("due"), field("grace_ends")))
    assert sorted(shown) == cli
