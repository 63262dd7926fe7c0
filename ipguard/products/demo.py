"""Demo products for the demo company: two product lines sold in five markets through four
channels, so the coverage matrix shows real gaps next to covered cells.

- L-300 desk lamp (class 11, brand SUNRISE): launched in the US with an FTO review and in CN
  with a recorded waiver; planned for Singapore, where SUNRISE has no filing (a Madrid
  designation would cover it). Sold in the own shop, on Amazon (SUNRISE enrolled in Brand
  Registry) and at trade shows.
- BRIGHTPATH smart driver (class 9, brand BRIGHTPATH, whose mark is filed for class 11 only):
  planned for the US (mark filed, class 9 not covered), the EU and the Philippines (no mark);
  sold on Alibaba.com, where the brand is not enrolled. No FTO review yet.

Dates follow today, like the register's demo. Safe to re-run: a product that exists by name is
left as it is.
"""

from datetime import date, timedelta

from ipguard.lib.dates import add_months
from ipguard.portfolio.models import Asset
from ipguard.products import services
from ipguard.products.models import PlatformBrandRegistration, Product


def seed_demo(company, owner, today: date | None = None):
    today = today or date.today()
    brands = {a.name: a for a in Asset.objects.filter(company=company, right="trademark")}
    if "SUNRISE" not in brands or "BRIGHTPATH" not in brands:
        return  # the register's demo makes the brands; without them there is nothing to show
    created = False
    if not Product.objects.filter(company=company, name="L-300 desk lamp").exists():
        created = True
        lamp = services.product_save(
            company=company,
            data={
                "name": "L-300 desk lamp",
                "description": "Dimmable LED desk lamp with USB-C charging.",
                "nice_classes": [11],
                "channels": ["own_shop", "amazon", "trade_shows"],
                "brands": [brands["SUNRISE"]],
            },
            evaluate=False,
            user=owner,
        )
        services.fto_review_create(
            product=lamp,
            user=owner,
            data={
                "market": "US",
                "scope": "LED driver dimming circuit; hinge; USB-C charging module.",
                "searched_classes": "H05B 45/10, F21V 21/14",
                "keywords": "desk lamp dimming flicker, USB-C lamp charging",
                "assignees": "Signify, Savant",
                "searched_on": add_months(today, -2),
                "reviewer": "Wang Fang (external counsel)",
                "reviewed_on": add_months(today, -2) + timedelta(days=10),
            },
        )
        services.market_save(
            product=lamp,
            user=owner,
            today=today,
            evaluate=False,
            data={"market": "US", "status": "launched", "launch_date": add_months(today, -1)},
        )
        services.market_save(
            product=lamp,
            user=owner,
            today=today,
            evaluate=False,
            data={
                "market": "CN",
                "status": "launched",
                "launch_date": add_months(today, -30),
                "fto_waiver_reason": "Sold in China since before the register; the design "
                "predates the patents found in the US review. Counsel to review the L-400.",
            },
        )
        services.market_save(
            product=lamp,
            user=owner,
            today=today,
            evaluate=False,
            data={"market": "SG", "status": "planned", "launch_date": add_months(today, 4)},
        )
        PlatformBrandRegistration.objects.get_or_create(
            company=company,
            platform="amazon",
            brand=brands["SUNRISE"],
            defaults={"status": "registered", "reference": "BR-2291-SUN"},
        )
    if not Product.objects.filter(company=company, name="BRIGHTPATH smart driver").exists():
        created = True
        driver = services.product_save(
            company=company,
            data={
                "name": "BRIGHTPATH smart driver",
                "description": "Wi-Fi LED driver module sold to lamp makers.",
                "nice_classes": [9],
                "channels": ["alibaba", "trade_shows"],
                "brands": [brands["BRIGHTPATH"]],
            },
            evaluate=False,
            user=owner,
        )
        for market, months_ahead in (("US", 2), ("EU", 3), ("PH", 6)):
            services.market_save(
                product=driver,
                user=owner,
                today=today,
                evaluate=False,
                data={
                    "market": market,
                    "status": "planned",
                    "launch_date": add_months(today, months_ahead),
                },
            )
    if created:
        services.coverage_evaluate(company=company, today=today)
