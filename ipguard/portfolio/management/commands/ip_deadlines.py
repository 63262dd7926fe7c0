"""Print a filing's statutory deadlines from the command line, as the register computes them."""

import argparse
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ipguard.portfolio import calendars, rules, schedule

ENGINE_RIGHTS = ("trademark", "patent", "utility_model", "design")


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a real date; write it as YYYY-MM-DD, e.g. 2024-02-29."
        ) from None


def office_code(value: str) -> str:
    code = value.strip().upper()
    if code not in rules.OFFICES:
        raise argparse.ArgumentTypeError(
            f"unknown office {value!r}; use one of {', '.join(rules.OFFICES)}."
        )
    return code


def country_codes(value: str) -> tuple[str, ...]:
    codes = tuple(sorted({c.strip().upper() for c in value.replace(" ", ",").split(",") if c}))
    for code in codes:
        if len(code) != 2 or not code.isalpha():
            raise argparse.ArgumentTypeError(f"{code!r} is not a two-letter office code.")
    return codes


def _iso(day):
    return day.isoformat() if day else None


def calendar_note(deadline: rules.Deadline) -> str:
    """Which closing days rolled the dates, as the deadline page says it."""
    if not deadline.calendar:
        if deadline.nominal_due == deadline.due and deadline.kind in MILESTONE_KINDS:
            return "not rolled (an expiry)"
        return "weekends only (act at the office of your choice)"
    calendar = calendars.calendar_for(deadline.calendar)
    years = calendar.years if calendar else "?"
    text = f"{deadline.calendar} closing days {years}"
    if deadline.beyond_calendar:
        text += f"; OUTSIDE {years}: only weekends rolled"
    if deadline.calendar_uncertain:
        text += "; ⚠ rolled past a closing day we could not confirm"
    return text


MILESTONE_KINDS = {r.kind for r in rules.RULES if not r.rolls}


def calendar_years(code: str) -> str | None:
    calendar = calendars.calendar_for(code) if code else None
    return calendar.years if calendar else None


# The grace_ends column of an opposition window is the furthest an extension on request reaches.
EXTENSION_NOTE = " · grace_ends: extendable on request only, not a grace period"


class Command(BaseCommand):
    help = (
        "Compute a filing's deadlines with the rules engine. For a Madrid or Hague registration "
        "(--office WO --right trademark or design), --registered is the international "
        "registration date. "
        "Series (renewals, annuities) are listed for the next ten years, as on the pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--right", required=True, choices=ENGINE_RIGHTS)
        parser.add_argument("--office", required=True, type=office_code, metavar="CODE")
        parser.add_argument("--filed", type=iso_date, metavar="D")
        parser.add_argument("--priority", type=iso_date, metavar="D")
        parser.add_argument("--published", type=iso_date, metavar="D")
        parser.add_argument("--registered", type=iso_date, metavar="D")
        parser.add_argument(
            "--designated",
            type=country_codes,
            default=(),
            metavar="CODES",
            help="offices a Madrid registration designates, e.g. US,PH (adds their own acts)",
        )
        parser.add_argument("--json", action="store_true", help="print a JSON list instead")

    def handle(self, *args, **options):
        right, office = options["right"], options["office"]
        madrid = office == "WO" and right in ("trademark", "design")  # Madrid or Hague
        filing = rules.FilingDates(
            right=right,
            office=office,
            filed=options["filed"],
            priority=options["priority"],
            published=options["published"],
            registered=None if madrid else options["registered"],
            international_registration=options["registered"] if madrid else None,
            designated=options["designated"],
        )
        try:
            rules.validate(filing)
            deadlines = schedule.deadlines_for(filing)
        except rules.RuleError as error:
            raise CommandError(str(error), returncode=2) from error
        if options["json"]:
            rows = [
                {
                    "kind": d.kind,
                    "opens": _iso(d.opens),
                    "due": _iso(d.due),
                    "grace_ends": _iso(d.grace_ends),
                    "calendar": d.calendar or None,
                    "calendar_years": calendar_years(d.calendar),
                    "beyond_calendar": d.beyond_calendar,
                    "calendar_uncertain": d.calendar_uncertain,
                    "source": d.source,
                    "uncertain": d.uncertain,
                }
                for d in deadlines
            ]
            self.stdout.write(json.dumps(rows, indent=2))
            return
        if not deadlines:
            self.stdout.write("No deadlines: enter the dates they hang on (e.g. --registered).")
            return
        header = ("kind", "opens", "due", "grace_ends", "what")
        rows = [
            (
                d.key,
                _iso(d.opens) or "-",
                _iso(d.due),
                _iso(d.grace_ends) or "-",
                f"{d.label}{' ⚠ uncertain' if d.uncertain else ''} [{d.source}]"
                f"{EXTENSION_NOTE if rules.extension_rule(d.kind, office) else ''}"
                f" · calendar: {calendar_note(d)}",
            )
            for d in deadlines
        ]
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
        for row in [header, *rows]:
            cells = [str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[4]]).rstrip())
        used = sorted({d.calendar for d in deadlines if d.calendar})
        for code in used:
            calendar = calendars.calendar_for(code)
            if calendar:
                self.stdout.write(f"Calendar {code} ({calendar.years}): {calendar.source}")
                for note in calendar.notes:
                    self.stdout.write(f"  ⚠ {note}")
