"""The one-page PDF certificate of an evidence record, in English or Simplified Chinese."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from ipguard.evidence.chain import format_recorded_at
from ipguard.evidence.models import ChainAnchor, EvidenceChain, EvidenceRecord
from ipguard.evidence.ots_tracks import covering_proof


def certificate_context(record: EvidenceRecord) -> dict:
    entries = list(record.entries.order_by("position"))
    last_position = entries[-1].position if entries else 0
    chain = EvidenceChain.objects.filter(company=record.company).first()
    # The first timestamp taken at or after this record: its head hash chains back to it.
    anchor = (
        ChainAnchor.objects.filter(company=record.company, position__gte=last_position)
        .order_by("position")
        .first()
    )
    return {
        "record": record,
        "entries": entries,
        "chain": chain,
        "anchor": anchor,
        "anchor_time": format_recorded_at(anchor.gen_time) if anchor else "",
        "ots_proof": covering_proof(record.company_id, last_position),
        "issued_at": format_recorded_at(timezone.now()),
    }


def certificate_html(record: EvidenceRecord, *, language: str) -> str:
    with translation.override(language):
        context = certificate_context(record) | {"language": language}
        return render_to_string("evidence/certificate.html", context)


def certificate_pdf(record: EvidenceRecord, *, language: str) -> bytes:
    from ipguard.lib.pdf import html_to_pdf  # imported late: loading Pango costs a moment

    return html_to_pdf(certificate_html(record, language=language))
