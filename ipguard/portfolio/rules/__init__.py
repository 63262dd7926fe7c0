"""Statutory deadlines of a filing: one table of rules, and one function that applies it.

Pure Python (no Django). Every fact comes from the team's IP-rules research notes (ip-rules.md:
numbered statements, each citing its statute or office page) or a statute named in the row;
`source` names it, and rows whose value is not settled by those notes carry
`uncertain=True` (⚠) and a note.

- `model`: the vocabulary (offices, periods, the `Rule` columns, filings, deadlines, calendars).
- `table`: the rows, `RULES`.
- `engine`: `compute_deadlines` and the checks around it.

How a rule becomes dates (`Rule` explains the columns):
- An offset is measured from the rule's anchor date in one step: occurrence n is nominally due
  at anchor + due + (n - 1) * repeat_every; its window opens at that offset minus `window_before`
  and its grace ends at that offset plus `grace_after`. A rolled date never feeds a later one,
  so a clamped month end (31 Aug + 6 months = 28 Feb) never leaks into a later deadline.
- A renewal of a term (`expiry` set) is due on the term's last day, under the office's
  convention (on the anniversary, or the day before it); each later term runs from the previous
  (unrolled) expiry, and the window and grace count from the expiry, as the statutes say.
- Only the dates shown as `due` and `grace_ends` roll forward past the office's closing days
  (weekends, public holidays, office closures: the shipped calendars); `opens` never rolls.
- End of term and the end of Madrid dependency are milestones, not acts: they do not roll,
  because moving an expiry to Monday would claim protection the law does not give.
- `registered` is the registration date for marks and designs and the grant date for patents and
  utility models, as in the Filing model's "registration or grant date".
"""

import hashlib
from pathlib import Path

from ipguard.portfolio.rules.engine import (
    SUPPORTED,
    compute_deadlines,
    describe_rules,
    is_supported,
    next_working_day,
    rules_for,
    term_expiry,
    validate,
)
from ipguard.portfolio.rules.model import (
    ANY_OFFICE,
    DESIGN_OFFICES,
    EXPIRY_LABELS,
    EXPORT_OFFICES,
    OFFICES,
    PATENT_LIKE,
    PATENT_OFFICES,
    RIGHTS,
    TRADEMARK_OFFICES,
    UTILITY_MODEL_OFFICES,
    Anchor,
    ClosingDays,
    Deadline,
    Expiry,
    FilingDates,
    OfficeCalendar,
    Period,
    Rule,
    RuleError,
    days,
    gettext_noop,
    months,
    years,
)
from ipguard.portfolio.rules.table import (
    EXTENSION_KINDS,
    LOSES_NO_RIGHT_KINDS,
    RULES,
    cn_design_term_years,
    extension_rule,
)

__all__ = [
    "RULES_VERSION",
    "ANY_OFFICE",
    "DESIGN_OFFICES",
    "EXPIRY_LABELS",
    "EXPORT_OFFICES",
    "EXTENSION_KINDS",
    "LOSES_NO_RIGHT_KINDS",
    "OFFICES",
    "PATENT_LIKE",
    "PATENT_OFFICES",
    "RIGHTS",
    "RULES",
    "SUPPORTED",
    "TRADEMARK_OFFICES",
    "UTILITY_MODEL_OFFICES",
    "Anchor",
    "ClosingDays",
    "Deadline",
    "Expiry",
    "FilingDates",
    "OfficeCalendar",
    "Period",
    "Rule",
    "RuleError",
    "cn_design_term_years",
    "compute_deadlines",
    "days",
    "extension_rule",
    "describe_rules",
    "gettext_noop",
    "is_supported",
    "months",
    "next_working_day",
    "rules_for",
    "term_expiry",
    "validate",
    "years",
]


def _rules_version() -> str:
    """A hash of the rules' own source (model, table, engine). Any change to a rule or to how
    rules become dates gives a new version; filings whose deadlines were computed with an older
    one are recomputed (`portfolio.services.deadlines_stale_refresh`)."""
    digest = hashlib.sha256()
    for name in ("model.py", "table.py", "engine.py"):
        digest.update(name.encode())
        digest.update((Path(__file__).resolve().parent / name).read_bytes())
    return digest.hexdigest()[:12]


RULES_VERSION = _rules_version()
