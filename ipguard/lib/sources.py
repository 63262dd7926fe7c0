"""Sources as a reader sees them: the guide's title, the statute or the office, translated.

Content and rules name their sources with short internal codes ("002 must-do list, urgent",
"ip-rules §4", "S3, S4") so that reviewers can trace them to the source guides
(shared/seeds/README.md) and ip-rules.md. Pages show the readable form made here.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# The source guides (shared/seeds/README.md).
GUIDES = {
    "000": gettext_noop("Article on the LOT Network (2025)"),
    "001": gettext_noop("Guide to taking AI patents abroad"),
    "002": gettext_noop("SME self-rescue guide"),
    "003": gettext_noop("Report on WIPO's China event"),
    "004": gettext_noop("Statistics of generative-AI patent filings by country"),
}
# The parts of the guides that content cites.
GUIDE_PARTS = {
    "must-do list, urgent": gettext_noop("must-do list, within a month"),
    "must-do list, strategic": gettext_noop("must-do list, within six months"),
    "must-do list, long term": gettext_noop("must-do list, within one to three years"),
    "must-do list": gettext_noop("must-do list"),
    "ultimate test": gettext_noop("the three-incident test"),
    "basic package": gettext_noop("basic package"),
    "enhanced package": gettext_noop("enhanced package"),
    "AI content compliance": gettext_noop("AI content compliance"),
    "LV case, low-cost alternatives": gettext_noop("the LV case, low-cost alternatives"),
    "LOT Network": gettext_noop("LOT Network"),
    "Huawei case": gettext_noop("the Huawei case"),
    "Tesla case": gettext_noop("the Tesla case"),
    "LV case": gettext_noop("the LV case"),
    "hard-learned lesson": gettext_noop("a hard-learned lesson"),
}
# ip-rules.md sections: statutes and office pages, summarised.
RULE_SECTIONS = {
    "1": gettext_noop("Trademark laws and office rules"),
    "2": gettext_noop("Patent and design laws (Paris Convention, PCT, national laws)"),
    "3": gettext_noop("Opposition rules of the trademark offices"),
    "4": gettext_noop("Copyright evidence rules (courts' blockchain evidence, CPCC, customs)"),
    "5": gettext_noop("LOT Network licence terms and patent pools"),
    "6": gettext_noop("US patent law on freedom to operate"),
    "7": gettext_noop("Further statutory rules"),
}
# The deadline rules' source codes (ip-rules.md "Sources"): the statute or office behind each.
RULE_SOURCES = {
    "S1, S2": gettext_noop("China Trademark Law Art 39-40 (renewal)"),
    "S3, S4": gettext_noop("US Lanham Act §8 and §9 (15 USC 1058, 1059), USPTO"),
    "S5": gettext_noop("EU Trade Mark Regulation Art 52-53, EUIPO renewals"),
    "S6, S7": gettext_noop("UK IPO: renewing a trade mark (gov.uk)"),
    "S8, S9": gettext_noop("Japan Patent Office: trademark renewal"),
    "S10, S11": gettext_noop("Korean Intellectual Property Office: trademark renewal"),
    "S12": gettext_noop("Madrid Protocol Art 7 (WIPO)"),
    "S13-S15": gettext_noop("Madrid Protocol Art 6(3) and 9quinquies (WIPO)"),
    "S22, S23": gettext_noop("Paris Convention Art 4C"),
    "S24, S25": gettext_noop("PCT Art 22 and 39, EPO guide for applicants"),
    "S26": gettext_noop("China National Intellectual Property Administration: PCT national phase"),
    "S27-S29": gettext_noop("China Patent Law Art 42 (terms)"),
    "S30, S31": gettext_noop("China Patent Law Art 43-44 and its Implementing Rules (annuities)"),
    "S32": gettext_noop("US Patent Act, 35 USC 41(b) and 154 (maintenance fees, term)"),
    "S32, S33": gettext_noop("US Patent Act, 35 USC 41(b) and 154 (maintenance fees, term)"),
    "S34, S35": gettext_noop("China Trademark Law Art 33 (opposition)"),
    "S36": gettext_noop("15 USC 1063 and 37 CFR 2.102 (TTAB opposition)"),
    "S37, S38": gettext_noop("EU Trade Mark Regulation Art 46 (opposition), EUIPO"),
    "S39, S40": gettext_noop("UK IPO: opposing a trade mark (forms TM7, TM7A)"),
}

_GUIDE = re.compile(r"^(00\d)\s*(.*)$")
_SOURCE_NUMBER = re.compile(r",?\s*\bS\d+(?:[-–]S?\d+)?\b")
_SECTION = re.compile(r"^§\s*\d$")  # an ip-rules.md section named on its own
_DETAIL = re.compile(r"^(.*?)\s*(?:\((.*)\))?$")


def _guide_part(code: str, rest: str, english: bool) -> str:
    title = _(GUIDES[code])
    head, detail = _DETAIL.match(rest).groups()
    part = GUIDE_PARTS.get(head)
    text = _("%(guide)s: %(part)s") % {"guide": title, "part": _(part)} if part else title
    if head and not part and english:
        text = f"{title}: {head}"
    if detail and english:  # the details are English notes; other languages keep the part
        text += f" ({detail})"
    return text


def readable_source(codes: str, language: str | None = None) -> str:
    """'002 must-do list, urgent; ip-rules §5' -> the guide's and the law's readable names.

    Uses the active language; a code it does not know is shown as written.
    """
    from django.utils import translation

    if not codes:
        return ""
    if codes in RULE_SOURCES:
        return _(RULE_SOURCES[codes])
    rule_parts = [part.strip() for part in codes.split(";")]
    statutes = [p for p in rule_parts if p not in RULE_SOURCES and not _SECTION.match(p)]
    if statutes and len(statutes) < len(rule_parts) and not any(map(_GUIDE.match, statutes)):
        # A deadline rule names its statute beside internal codes ("S5; EUTMR Art 52-53",
        # "CN Patent Law Art 35; §7"): the statute is what the reader needs.
        return _("; ").join(statutes)
    english = (language or translation.get_language() or "en").startswith("en")
    parts = []
    for part in (piece.strip() for piece in codes.split(";")):
        if match := _GUIDE.match(part):
            code, rest = match.groups()
            parts.append(_guide_part(code, rest, english) if code in GUIDES else part)
        elif _SECTION.match(part):
            parts.append(_(RULE_SECTIONS.get(part[-1], "")) or part)
        elif part.startswith("ip-rules"):
            # "ip-rules §4 (judicial blockchain), §7": the sections' names, the notes in English
            numbers = re.findall(r"§\s*(\d)", part)
            names = [_(RULE_SECTIONS[n]) for n in numbers if n in RULE_SECTIONS]
            details = re.findall(r"\(([^)]*)\)", part)
            name = _("; ").join(names) or part
            parts.append(f"{name} ({'; '.join(details)})" if details and english else name)
        elif part.startswith("IPGuard practice"):
            parts.append(_("IPGuard practice"))
        elif part:
            parts.append(part)
    text = _("; ").join(dict.fromkeys(parts))
    # Reference numbers of ip-rules.md's source list ("S75") mean nothing to a reader.
    text = _SOURCE_NUMBER.sub("", text)
    return text.replace("()", "").replace("( ", "(").strip()
