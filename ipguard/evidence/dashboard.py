"""The evidence vault's dashboard panel (listed in ipguard/core/dashboard.py)."""

from django.conf import settings

from ipguard.accounts.tenancy import for_company
from ipguard.evidence.models import ChainAnchor, EvidenceChain, EvidenceRecord


def evidence_panel(request):
    records = for_company(request.company, EvidenceRecord)
    return {
        "template": "evidence/_panel.html",
        "record_count": records.count(),
        "latest": records.first(),
        "chain": for_company(request.company, EvidenceChain).first(),
        "last_anchor": for_company(request.company, ChainAnchor).first(),
        "tsa_configured": bool(settings.EVIDENCE_TSA_URL),
    }
