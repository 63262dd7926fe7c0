"""The public-blockchain track of a record (filled in once OpenTimestamps proofs are kept)."""

from ipguard.evidence.tracks import NOT_CONFIGURED, PUBLIC_BLOCKCHAIN, TrackStatus


def public_blockchain_status(company_id: int, last_position: int) -> TrackStatus:
    return TrackStatus(PUBLIC_BLOCKCHAIN, NOT_CONFIGURED)
