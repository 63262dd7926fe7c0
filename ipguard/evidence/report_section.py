"""The evidence vault's section of the quarterly report (a reports SECTION_PROVIDERS entry).

It re-verifies the whole vault at generation time, so the report states whether the ledger
verified on that day, not merely that records exist.
"""

from django.utils import timezone

from ipguard.accounts.tenancy import for_company
from ipguard.evidence.models import ChainAnchor, EvidenceEntry, EvidenceRecord
from ipguard.evidence.tracks import TRACK_FACTS, record_tracks
from ipguard.evidence.verification import vault_verify


def evidence_section(company, period):
    # `period` is an ipguard.reports.periods.ReportPeriod, handed in by the report: the vault
    # does not import the reports app, which names this provider in its section table.
    records = for_company(company, EvidenceRecord)
    if not records.exists():
        return None
    zone = timezone.get_current_timezone()
    start, end = period.starts_at(zone), period.ends_at(zone)
    this_quarter = []
    for record in records.filter(recorded_at__gte=start, recorded_at__lt=end).order_by(
        "recorded_at", "pk"
    ):
        files = list(record.entries.order_by("position").values("file_name", "file_sha256"))
        this_quarter.append(
            {
                "title": record.title,
                "recorded_on": timezone.localtime(record.recorded_at).date().isoformat(),
                "files": [
                    {"name": row["file_name"], "sha256": row["file_sha256"]} for row in files
                ],
                "is_correction": record.corrects_id is not None,
                "tracks": [track.as_data() for track in record_tracks(record)],
            }
        )
    verification = vault_verify(company)
    anchor = for_company(company, ChainAnchor).order_by("-gen_time").first()
    return {
        "track_keys": [facts.key for facts in TRACK_FACTS],
        "total_records": records.count(),
        "total_files": for_company(company, EvidenceEntry).count(),
        "recorded_this_quarter": this_quarter,
        "intact": verification.intact,
        "break": {
            "position": verification.first_break.position,
            "reason": str(verification.first_break.reason),
            "message": verification.first_break.message,
        }
        if verification.first_break
        else None,
        "head_position": verification.head_position,
        "head_hash": verification.head_hash,
        "last_anchor": {
            "gen_time": anchor.gen_time.isoformat(timespec="seconds"),
            "position": anchor.position,
            "authority": anchor.authority_url,
        }
        if anchor
        else None,
    }
