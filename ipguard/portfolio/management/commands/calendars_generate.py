"""Regenerate the shipped office calendars from the `holidays` library (run by hand, then review).

The app reads the JSON files at run time and never calls `holidays` itself; commit the
regenerated files together with a note of what changed.
"""

import json
from datetime import date, timedelta

import holidays
from django.core.management.base import BaseCommand

from ipguard.portfolio.calendars import DIRECTORY, OFFICE_CLOSURES_FILE

# office: (holidays country, subdivision, where the office sits and why that calendar)
OFFICES = {
    "CN": ("CN", None, "CNIPA, Beijing: State Council holiday arrangements incl. make-up days"),
    "JP": ("JP", None, "JPO, Tokyo: national holidays (Act on National Holidays)"),
    "KR": ("KR", None, "KIPO, Daejeon: public holidays incl. substitute holidays"),
    "GB": ("GB", "ENG", "UKIPO, Newport: bank holidays in England and Wales"),
    "US": ("US", None, "USPTO: federal holidays (37 CFR 1.7, 5 USC 6103)"),
    "EU": ("ES", "VC", "EUIPO, Alicante: Spanish and Valencian holidays (⚠ office list differs)"),
    "EP": ("DE", "BY", "EPO, Munich: Bavarian holidays (⚠ office list differs)"),
    "WO": ("CH", "GE", "WIPO, Geneva: Geneva holidays (⚠ office list differs)"),
    "HK": ("HK", None, "IPD Hong Kong: general holidays"),
    "TW": ("TW", None, "TIPO, Taipei: government holidays incl. make-up days"),
    "SG": ("SG", None, "IPOS: public holidays"),
    "MY": ("MY", "14", "MyIPO, Kuala Lumpur: federal territory holidays"),
    "TH": ("TH", None, "DIP, Bangkok: public holidays"),
    "VN": ("VN", None, "IP Viet Nam, Hanoi: public holidays"),
    "ID": ("ID", None, "DGIP, Jakarta: public holidays and joint leave"),
    "PH": ("PH", None, "IPOPHL, Taguig: regular and special non-working days"),
    "IN": ("IN", None, "CGPDTM: national holidays (⚠ each office adds its state's list)"),
    "AU": ("AU", "ACT", "IP Australia, Canberra: ACT public holidays"),
    "CA": ("CA", None, "CIPO, Gatineau: federal statutory holidays"),
    "MX": ("MX", None, "IMPI, Mexico City: statutory rest days (⚠ IMPI adds its own)"),
}
YEARS = (2026, 2027)


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def office_calendar(office: str, closures: list[dict]) -> dict:
    country, subdiv, where = OFFICES[office]
    calendar = holidays.country_holidays(country, subdiv=subdiv, years=YEARS, language="en_US")
    generated = f"holidays {holidays.__version__}: country_holidays({country!r}, subdiv={subdiv!r})"
    closed, working = [], []
    for day in _days(date(YEARS[0], 1, 1), date(YEARS[-1], 12, 31)):
        weekend = day.weekday() >= 5
        if weekend and calendar.is_working_day(day):
            working.append({"date": day.isoformat(), "name": "Make-up working day"})
        elif not weekend and not calendar.is_working_day(day):
            name = calendar.get(day) or "Day off"
            closed.append({"date": day.isoformat(), "name": name, "source": generated})
    listed = {row["date"] for row in closed}
    for closure in (c for c in closures if c["office"] == office):
        for iso in closure["dates"]:
            if iso in listed or date.fromisoformat(iso).weekday() >= 5:
                continue
            closed.append(
                {"date": iso, "name": closure["name"], "source": closure["source"]}
                | ({"uncertain": True} if closure["uncertain"] else {})
            )
    proxy = "⚠" in where  # a regional calendar standing in for the office's own list
    for row in closed:
        if "estimated" in row["name"] or (proxy and row["source"] == generated):
            # lunar-calendar dates the library only estimates, or a region's holiday that the
            # office may not keep
            row["uncertain"] = True
    notes = []
    if office == "CN" and not any(r["date"].startswith("2027") for r in working):
        # The State Council publishes each year's arrangement late in the year before.
        notes.append(
            "2027: statutory holidays only; the State Council's 2027 arrangement "
            "(bridge days and make-up working days) is not in this version."
        )
        for row in closed:
            if row["date"].startswith("2027"):
                row["uncertain"] = True
    return {
        "office": office,
        "years": list(YEARS),
        "source": f"{where}; generated with {generated}",
        "notes": notes,
        "closed": sorted(closed, key=lambda row: row["date"]),
        "working_weekend_days": working,
    }


class Command(BaseCommand):
    help = "Regenerate ipguard/portfolio/calendars/<OFFICE>.json from the holidays library."

    def handle(self, *args, **options):
        closures = json.loads(OFFICE_CLOSURES_FILE.read_text(encoding="utf-8"))["closures"]
        for office in OFFICES:
            data = office_calendar(office, closures)
            path = DIRECTORY / f"{office}.json"
            path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
            self.stdout.write(f"{office}: {len(data['closed'])} closing days -> {path.name}")
