"""Evidence tracks at a glance: which kinds of proof cover a record, and where each counts.

Dual-track evidence (ip-rules.md section 4): a domestic judicial blockchain or notary deposit for
Chinese courts, and an independently checkable timestamp for courts abroad. `TRACK_FACTS` says
what each track is good for, with its source; `record_tracks` says which a record has. Statuses
are stored and passed around as codes and rendered in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ipguard.evidence.deposits import deposits_covering
from ipguard.evidence.models import ChainAnchor, EvidenceRecord, ExternalDeposit

HASH_CHAIN = "hash_chain"
RFC3161 = "rfc3161"
PUBLIC_BLOCKCHAIN = "public_blockchain"
JUDICIAL = "judicial_deposit"
NOTARY = "notarisation"
COPYRIGHT = "copyright_registration"

DONE, PENDING, MISMATCH, NONE, NOT_CONFIGURED = (
    "done",
    "pending",
    "mismatch",
    "none",
    "not_configured",
)
STATUS_LABELS = {
    DONE: _("In place"),
    PENDING: _("Pending"),
    MISMATCH: _("Hash mismatch"),
    NONE: _("None yet"),
    NOT_CONFIGURED: _("Not configured"),
}


@dataclass(frozen=True)
class TrackFacts:
    key: str
    name: str
    chinese_courts: str
    foreign_courts: str
    source: str
    chinese_short: str = ""  # a few words, for the one-page certificate
    foreign_short: str = ""


TRACK_FACTS = (
    TrackFacts(
        HASH_CHAIN,
        _("Hash chain (IPGuard)"),
        _(
            "Supporting evidence: the SPC Internet-court rules (2018, Art 11) accept a hash check "
            "to prove authenticity, but the chain is kept by the company's own provider, so a "
            "court weighs its neutrality."
        ),
        _(
            "Shows the files have not changed since they were recorded; the recording date rests "
            "on IPGuard's own records unless a timestamp or a deposit fixes it."
        ),
        "ip-rules.md §4 (S41–S45)",
        _("Supporting (hash check, SPC 2018 Art 11)"),
        _("Integrity since recording"),
    ),
    TrackFacts(
        RFC3161,
        _("RFC 3161 trusted timestamp"),
        _(
            "A trusted timestamp is one of the means named in the SPC Internet-court rules "
            "(2018, Art 11)."
        ),
        _(
            "Proves the hash existed by the token's time; trust rests on the timestamp authority "
            "and its certificate."
        ),
        "ip-rules.md §4 (S43, S46, S47)",
        _("Named means (SPC 2018 Art 11)"),
        _("Yes; trust rests on the authority"),
    ),
    TrackFacts(
        PUBLIC_BLOCKCHAIN,
        _("Public blockchain (OpenTimestamps, Bitcoin)"),
        _(
            "Accepted in Huatai Yimei v. Daotong (Hangzhou Internet Court, 2018), where page "
            "hashes anchored in Bitcoin via Baoquan.com were checked; the court also examined the "
            "platform's neutrality and the capture method."
        ),
        _(
            "Anyone can check it without trusting IPGuard: replay the proof to the Merkle root in "
            "the Bitcoin block header. Proves existence before the block time (to within hours)."
        ),
        "ip-rules.md §4 (S44, S48–S50)",
        _("Accepted (Huatai Yimei, 2018)"),
        _("Yes; anyone can check it"),
    ),
    TrackFacts(
        JUDICIAL,
        _("Judicial blockchain deposit"),
        _(
            "Made for Chinese courts: e.g. the Hangzhou Internet Court consortium chain (since "
            "Sep 2018), whose nodes include notaries, forensic centres and courts; the 2021 SPC "
            "rules also review the data before it went on-chain."
        ),
        _(
            "Uncertain, not covered by our sources: a foreign court may treat the certificate as "
            "a private foreign document that needs translation and explanation."
        ),
        "ip-rules.md §4 (S41–S43, S45)",
        _("Made for Chinese courts"),
        _("Uncertain"),
    ),
    TrackFacts(
        NOTARY,
        _("Notarisation"),
        _(
            "Notaries are nodes of the judicial blockchain. Notarised facts are taken as the basis "
            "of findings unless disproved (Civil Procedure Law Art 72; uncertain: check the "
            "article number of the version in force)."
        ),
        _(
            "Uncertain: a Chinese notarial certificate used abroad usually needs an apostille "
            "(China joined the Apostille Convention, in force 7 Nov 2023) and a translation."
        ),
        "ip-rules.md §4 (S41); PRC Civil Procedure Law Art 72 ⚠; HCCH Apostille Convention ⚠",
        _("Strong (Civil Procedure Law Art 72, uncertain)"),
        _("With an apostille (uncertain)"),
    ),
    TrackFacts(
        COPYRIGHT,
        _("Copyright registration"),
        _(
            "CPCC registration is voluntary; its certificate is preliminary evidence of ownership "
            "and supports customs recordal (uncertain)."
        ),
        _(
            "US: registration is needed before suing over a US work (17 USC 411); statutory "
            "damages and fees need registration before the infringement or within 3 months of "
            "first publication (17 USC 412), foreign works included."
        ),
        "ip-rules.md §4 (S51–S54)",
        _("Preliminary evidence of ownership (uncertain)"),
        _("US: needed to sue (17 USC 411)"),
    ),
)
FACTS_BY_KEY = {facts.key: facts for facts in TRACK_FACTS}
DEPOSIT_TRACKS = {
    ExternalDeposit.Kind.JUDICIAL_BLOCKCHAIN: JUDICIAL,
    ExternalDeposit.Kind.NOTARY: NOTARY,
    ExternalDeposit.Kind.COPYRIGHT_REGISTRATION: COPYRIGHT,
}
ALWAYS_SHOWN = (HASH_CHAIN, RFC3161, PUBLIC_BLOCKCHAIN, JUDICIAL, NOTARY)


@dataclass(frozen=True)
class TrackStatus:
    key: str
    status: str
    at: datetime | None = None
    detail: dict = field(default_factory=dict)

    @property
    def facts(self) -> TrackFacts:
        return FACTS_BY_KEY[self.key]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def summary(self) -> str:
        """A short detail line in the reader's language, built from the stored codes."""
        return track_summary(self.key, self.status, self.detail)

    def as_data(self) -> dict:
        """Codes and ISO times, for snapshots (the report) that are rendered later."""
        at = self.at.isoformat(timespec="seconds") if self.at else None
        return {"key": self.key, "status": self.status, "at": at, "detail": self.detail}


def track_summary(key: str, status: str, detail: dict) -> str:
    if key == HASH_CHAIN:
        return _("Entries %(first)s–%(last)s") % detail
    if key == RFC3161 and status == DONE:
        return _("Timestamp of the chain head at entry %(position)s") % detail
    if key == RFC3161 and status == PENDING:
        return _("Taken by the next nightly run")
    if key == PUBLIC_BLOCKCHAIN and detail.get("block_height") is not None:
        return _("Bitcoin block %(block_height)s") % detail
    if key == PUBLIC_BLOCKCHAIN and status == PENDING:
        return _("Submitted to a calendar, waiting for a Bitcoin block")
    if status == DONE and detail.get("no_hash"):
        return _("%(platform)s, certificate %(certificate_number)s (shows no hash to compare)") % (
            detail
        )
    if status == DONE and "certificate_number" in detail:
        return _("%(platform)s, certificate %(certificate_number)s") % detail
    if status == MISMATCH:
        return _("%(platform)s: the hash on the certificate does not match") % detail
    return ""


def _deposit_track(key: str, deposits) -> TrackStatus:
    if not deposits:
        return TrackStatus(key, NONE)
    matching = [deposit for deposit, check in deposits if check.matches]
    unchecked = [deposit for deposit, check in deposits if check.no_hash]
    if not matching and unchecked:
        first = min(unchecked, key=lambda deposit: deposit.deposited_at)
        detail = {
            "platform": first.platform,
            "certificate_number": first.certificate_number,
            "no_hash": True,
        }
        return TrackStatus(key, DONE, first.deposited_at, detail)
    if not matching:
        deposit = deposits[0][0]
        return TrackStatus(key, MISMATCH, deposit.deposited_at, {"platform": deposit.platform})
    first = min(matching, key=lambda deposit: deposit.deposited_at)
    detail = {"platform": first.platform, "certificate_number": first.certificate_number}
    return TrackStatus(key, DONE, first.deposited_at, detail)


def _rfc3161_track(record: EvidenceRecord, last_position: int) -> TrackStatus:
    anchor = (
        ChainAnchor.objects.filter(company=record.company_id, position__gte=last_position)
        .order_by("position")
        .first()
    )
    if anchor:
        return TrackStatus(RFC3161, DONE, anchor.gen_time, {"position": anchor.position})
    return TrackStatus(RFC3161, PENDING if settings.EVIDENCE_TSA_URL else NOT_CONFIGURED)


def _public_blockchain_track(record: EvidenceRecord, last_position: int) -> TrackStatus:
    from ipguard.evidence.ots_tracks import public_blockchain_status

    return public_blockchain_status(record.company_id, last_position)


def record_tracks(record: EvidenceRecord) -> list[TrackStatus]:
    positions = sorted(record.entries.values_list("position", flat=True))
    if not positions:
        return []
    by_track: dict[str, list] = {}
    for deposit, check in deposits_covering(record):
        if deposit.kind in DEPOSIT_TRACKS:
            by_track.setdefault(DEPOSIT_TRACKS[deposit.kind], []).append((deposit, check))
    tracks = [
        TrackStatus(
            HASH_CHAIN, DONE, record.recorded_at, {"first": positions[0], "last": positions[-1]}
        ),
        _rfc3161_track(record, positions[-1]),
        _public_blockchain_track(record, positions[-1]),
        _deposit_track(JUDICIAL, by_track.get(JUDICIAL, [])),
        _deposit_track(NOTARY, by_track.get(NOTARY, [])),
    ]
    if by_track.get(COPYRIGHT):
        tracks.append(_deposit_track(COPYRIGHT, by_track[COPYRIGHT]))
    return tracks
