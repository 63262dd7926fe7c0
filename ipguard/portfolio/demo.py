"""Demo register for the demo company: marks and patents in CN, US, EU and WO.

Dates are set relative to today so that the demo always shows a renewal window that is open, an
opposition period that is running and a PCT deadline ahead. Safe to re-run: an asset that exists
by name is left as it is.
"""

from datetime import date

from ipguard.lib.dates import add_months
from ipguard.portfolio import services
from ipguard.portfolio.models import Asset


def _ago(today, months):
    return add_months(today, -months)


def demo_register(today: date):
    """(asset fields, [filing fields]) of the demo company's portfolio."""
    return [
        (
            {"name": "SUNRISE", "right": "trademark", "mark_type": "word",
             "nice_classes": [9, 11], "description": "House mark on LED lamps and drivers."},
            [
                {"office": "CN", "number": "12345678", "route": "national",
                 "status": "registered", "filing_date": _ago(today, 130),
                 "publication_date": _ago(today, 124), "registration_date": _ago(today, 116)},
                {"office": "US", "number": "88123456", "route": "paris",
                 "status": "registered", "filing_date": _ago(today, 70),
                 "priority_date": _ago(today, 74), "publication_date": _ago(today, 64),
                 "registration_date": _ago(today, 63)},
                {"office": "EU", "number": "018765432", "route": "national",
                 "status": "registered", "filing_date": _ago(today, 115),
                 "publication_date": _ago(today, 112), "registration_date": _ago(today, 110)},
                {"office": "WO", "number": "1623456", "route": "madrid",
                 "status": "registered", "filing_date": _ago(today, 50),
                 "international_registration_date": _ago(today, 49),
                 "designated_countries": ["GB", "JP", "KR", "VN"]},
            ],
        ),
        (
            {"name": "旭日 logo", "right": "trademark", "mark_type": "logo",
             "nice_classes": [11, 35]},
            [
                {"office": "CN", "number": "78901234", "route": "national",
                 "status": "published", "filing_date": _ago(today, 9),
                 "publication_date": _ago(today, 1)},
            ],
        ),
        (
            {"name": "BRIGHTPATH", "right": "trademark", "mark_type": "combined",
             "nice_classes": [11]},
            [
                {"office": "US", "number": "97000111", "route": "national",
                 "status": "published", "filing_date": _ago(today, 8),
                 "publication_date": add_months(today, 0).replace(day=1)},
            ],
        ),
        (
            {"name": "Dimmable LED driver with flicker suppression", "right": "patent"},
            [
                {"office": "CN", "number": "202110123456.7", "route": "national",
                 "status": "registered", "filing_date": _ago(today, 57),
                 "registration_date": _ago(today, 20)},
                {"office": "WO", "number": "PCT/CN2025/081234", "route": "pct",
                 "status": "published", "filing_date": _ago(today, 10),
                 "priority_date": _ago(today, 22), "publication_date": _ago(today, 4)},
                {"office": "US", "number": "11876543", "route": "paris",
                 "status": "registered", "filing_date": _ago(today, 68),
                 "priority_date": _ago(today, 79), "registration_date": _ago(today, 40)},
            ],
        ),
        (
            {"name": "Heat sink clip", "right": "utility_model"},
            [
                {"office": "CN", "number": "202320654321.0", "route": "national",
                 "status": "registered", "filing_date": _ago(today, 30),
                 "registration_date": _ago(today, 24)},
            ],
        ),
        (
            {"name": "Desk lamp L-7 (design)", "right": "design"},
            [
                {"office": "CN", "number": "202430111222.3", "route": "national",
                 "status": "registered", "filing_date": _ago(today, 5),
                 "registration_date": _ago(today, 1)},
                {"office": "EU", "number": "015012345-0001", "route": "paris",
                 "status": "registered", "filing_date": _ago(today, 1),
                 "priority_date": _ago(today, 5)},
            ],
        ),
        (
            {"name": "Lamp firmware v3", "right": "copyright",
             "description": "Source code registered with the CPCC."},
            [{"office": "CN", "number": "2024SR0123456", "status": "registered",
              "filing_date": _ago(today, 14), "registration_date": _ago(today, 12)}],
        ),
    ]  # fmt: skip


def seed_demo(company, owner, today: date | None = None):
    today = today or date.today()
    for asset_fields, filings in demo_register(today):
        if Asset.objects.filter(company=company, name=asset_fields["name"]).exists():
            continue
        asset = services.asset_create(company=company, data={"owner": owner, **asset_fields})
        for filing_fields in filings:
            services.filing_create(asset=asset, data=filing_fields, today=today)
