"""The evidence vault's dashboard panel (listed in ipguard/core/dashboard.py)."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipguard.accounts.tenancy import for_company
from ipguard.evidence.models import ChainAnchor, EvidenceChain, EvidenceRecord
from ipguard.lib.text import join_sentences, single_full_stop


def evidence_panel(request):
    records = for_company(request.company, EvidenceRecord)
    record_count = records.count()
    latest = records.first()
    return {
        "template": "evidence/_panel.html",
        "record_count": record_count,
        "summary": _summary(record_count, latest),
        "latest": latest,
        "chain": for_company(request.company, EvidenceChain).first(),
        "last_anchor": for_company(request.company, ChainAnchor).first(),
        "tsa_configured": bool(settings.EVIDENCE_TSA_URL),
    }


def _summary(record_count, latest):
    """ "2 records in the vault. Latest: …", joined without a space in Chinese."""
    if not record_count:
        return ""
    return join_sentences(
        [
            ngettext(
                "%(counter)s record in the vault.",
                "%(counter)s records in the vault.",
                record_count,
            )
            % {"counter": record_count},
            single_full_stop(_("Latest: %(title)s.") % {"title": latest.title}) if latest else "",
        ]
    )
