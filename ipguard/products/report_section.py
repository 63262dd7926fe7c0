"""The coverage matrix as a static section of the quarterly report (a SECTION_PROVIDERS entry).

Products and markets carry no history, so the matrix is the register as it stands when the
report is generated, evaluated at the period's `as_of` date (review periods count to that day).
"""

from django.utils import translation

from ipguard.products import labels, selectors
from ipguard.products.models import MarketStatus

SEVERITY_NAMES = {3: "high", 2: "medium", 1: "low", 0: "covered"}


def _both(render) -> dict:
    texts = {}
    for language, key in (("en", "en"), ("zh-hans", "zh_hans")):
        with translation.override(language):
            texts[key] = str(render())
    return texts


def coverage_section(company, period):
    products, markets, cells = selectors.company_matrix(company, today=period.as_of)
    if not cells:
        return None
    counts = dict.fromkeys(SEVERITY_NAMES.values(), 0)
    rows = []
    for product in products:
        row = []
        for market in markets:
            cell = cells.get((product.pk, market))
            if cell is None:
                row.append(None)
                continue
            severity = SEVERITY_NAMES[cell.severity]
            counts[severity] += 1
            row.append(
                {
                    "market": market,
                    "launched": cell.status == MarketStatus.LAUNCHED,
                    "severity": severity,
                    "exposures": [
                        {
                            "reason": _both(lambda e=e, m=market: labels.exposure_reason(e, m)),
                            "route": _both(lambda e=e: labels.route_label(e.route)),
                        }
                        for e in cell.exposures
                    ],
                }
            )
        rows.append({"product": product.name, "cells": row})
    return {"as_of": period.as_of.isoformat(), "markets": markets, "rows": rows, "counts": counts}
