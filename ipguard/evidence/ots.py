"""OpenTimestamps: anchoring a chain head in Bitcoin through public calendars, and checking it.

How it works (ip-rules.md section 4, S48-S50): the hash is sent to calendar servers, which put
many hashes into a Merkle tree whose root goes into a Bitcoin transaction. The receipt (`.ots`)
is "pending" until it is upgraded, hours later, with the steps from the hash to the Merkle root
of a Bitcoin block. Verifying replays those append/prepend/sha256 steps from the hash and
compares the result with the Merkle root in that block's 80-byte header; the header's time
bounds when the hash existed (to within hours).

Here the timestamped "file" is a chain entry: its SHA-256 (the entry hash) is the digest, so the
stock `ots` client can check the proof against the entry's canonical JSON (see export.py).
No database here: the functions take and return bytes, the services store them.
"""

from __future__ import annotations

import hashlib
import os
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime

from opentimestamps.calendar import CommitmentNotFoundError, RemoteCalendar
from opentimestamps.core.notary import BitcoinBlockHeaderAttestation, PendingAttestation
from opentimestamps.core.op import OpAppend, OpSHA256
from opentimestamps.core.serialize import (
    BytesDeserializationContext,
    BytesSerializationContext,
    DeserializationError,
)
from opentimestamps.core.timestamp import DetachedTimestampFile, Timestamp

USER_AGENT = "IPGuard evidence vault (python-opentimestamps)"
HEADER_BYTES = 80


class OtsError(Exception):
    """A calendar could not be reached or answered nonsense; nothing was changed."""


def calendar_url(url: str) -> str:
    """Calendar base URLs end with a slash, so that `digest` and `timestamp/...` join below it."""
    return url if url.endswith("/") else url + "/"


def serialize(detached: DetachedTimestampFile) -> bytes:
    context = BytesSerializationContext()
    detached.serialize(context)
    return context.getbytes()


def deserialize(proof: bytes) -> DetachedTimestampFile:
    """Parse an .ots file; raises DeserializationError (or ValueError) when it is damaged."""
    return DetachedTimestampFile.deserialize(BytesDeserializationContext(bytes(proof)))


def submit(digest_hex: str, calendars: list[str], *, timeout: float) -> bytes:
    """Send the digest to every calendar; returns the pending .ots proof (bytes).

    As the `ots` client does, a random nonce is appended and hashed first, so the calendars never
    see the chain hash itself. Raises OtsError when no calendar accepted it.
    """
    detached = DetachedTimestampFile(OpSHA256(), Timestamp(bytes.fromhex(digest_hex)))
    nonce_stamp = detached.timestamp.ops.add(OpAppend(os.urandom(16)))
    commitment = nonce_stamp.ops.add(OpSHA256())
    failures = []
    for url in calendars:
        remote = RemoteCalendar(calendar_url(url), user_agent=USER_AGENT)
        try:
            commitment.merge(remote.submit(commitment.msg, timeout=timeout))
        except Exception as error:  # noqa: BLE001 - the library raises bare Exception too
            failures.append(f"{url}: {error}")
    if not commitment.attestations and not commitment.ops:
        raise OtsError("; ".join(failures) or "no calendar configured")
    return serialize(detached)


def _pending_nodes(stamp: Timestamp):
    for attestation in stamp.attestations:
        if isinstance(attestation, PendingAttestation):
            yield stamp, attestation
    for sub in stamp.ops.values():
        yield from _pending_nodes(sub)


def upgrade(proof: bytes, allowed_calendars: list[str], *, timeout: float) -> tuple[bytes, bool]:
    """Ask the calendars named in the proof for the rest of it; returns (proof, changed).

    Only calendars in `allowed_calendars` are asked: a proof's URIs came from a calendar's reply
    and must not make the server fetch arbitrary addresses.
    """
    allowed = {calendar_url(url) for url in allowed_calendars}
    detached = deserialize(proof)
    changed = False
    for node, pending in list(_pending_nodes(detached.timestamp)):
        uri = calendar_url(pending.uri)
        if uri not in allowed:
            continue
        remote = RemoteCalendar(uri, user_agent=USER_AGENT)
        try:
            upgraded = remote.get_timestamp(node.msg, timeout=timeout)
        except CommitmentNotFoundError:
            continue  # not in a block yet: try again later
        except Exception as error:  # noqa: BLE001 - network and calendar errors alike
            raise OtsError(f"{uri}: {error}") from error
        before = serialize(detached)
        node.merge(upgraded)
        changed = changed or serialize(detached) != before
    return serialize(detached), changed


@dataclass(frozen=True)
class BlockAttestation:
    height: int
    merkle_root: bytes  # as it appears in the block header (internal byte order)


def bitcoin_attestations(proof: bytes) -> list[BlockAttestation]:
    """The Bitcoin block attestations of a proof, with the Merkle root its steps lead to."""
    detached = deserialize(proof)
    found = {
        (attestation.height, message)
        for message, attestation in detached.timestamp.all_attestations()
        if isinstance(attestation, BitcoinBlockHeaderAttestation)
    }
    return [BlockAttestation(height, root) for height, root in sorted(found)]


def pending_calendars(proof: bytes) -> list[str]:
    detached = deserialize(proof)
    return sorted(
        {
            a.uri
            for _m, a in detached.timestamp.all_attestations()
            if isinstance(a, PendingAttestation)
        }
    )


@dataclass(frozen=True)
class BlockHeader:
    raw: bytes

    @classmethod
    def from_hex(cls, text: str) -> BlockHeader:
        """Parse an 80-byte header given as hex; raises ValueError with a reason."""
        cleaned = "".join((text or "").split()).lower()
        try:
            raw = bytes.fromhex(cleaned)
        except ValueError:
            raise ValueError("not hexadecimal") from None
        if len(raw) != HEADER_BYTES:
            raise ValueError(f"{len(raw)} bytes, a block header has {HEADER_BYTES}")
        return cls(raw)

    @property
    def merkle_root(self) -> bytes:
        return self.raw[36:68]

    @property
    def time(self) -> datetime:
        return datetime.fromtimestamp(int.from_bytes(self.raw[68:72], "little"), tz=UTC)

    @property
    def block_hash(self) -> str:
        """As block explorers show it (double SHA-256, byte-reversed)."""
        return hashlib.sha256(hashlib.sha256(self.raw).digest()).digest()[::-1].hex()


# Verification outcomes, as codes (rendered in the reader's language by ots_anchoring).
VERIFIED = "verified"
NOT_ATTESTED = "not_attested"  # still pending: no Bitcoin block yet
NO_HEADER = "no_header"  # the steps were replayed, but there is no header to compare with
WRONG_HEADER = "wrong_header"  # the header's Merkle root is not the one the proof leads to
TAMPERED = "tampered"  # the proof does not start at the hash, cannot be read, or was changed


@dataclass(frozen=True)
class OtsCheck:
    outcome: str
    height: int | None = None
    merkle_root: str = ""  # hex, internal byte order, what the replayed steps lead to
    header_root: str = ""
    block_time: datetime | None = None
    block_hash: str = ""
    reason: str = ""


def verify(
    digest_hex: str,
    proof: bytes,
    *,
    header: BlockHeader | None = None,
    expected_root: str = "",
) -> OtsCheck:
    """Replay the proof from `digest_hex` and compare the root it reaches with `header`.

    `expected_root` is the root recorded when the proof was completed: a replay that reaches
    another root means the stored proof was changed since.
    """
    try:
        detached = deserialize(proof)
    except (DeserializationError, ValueError, TypeError) as error:
        return OtsCheck(TAMPERED, reason=f"unreadable: {error}")
    if detached.file_digest.hex() != digest_hex.lower():
        return OtsCheck(TAMPERED, reason="starts from another hash")
    attestations = bitcoin_attestations(proof)
    if not attestations:
        return OtsCheck(NOT_ATTESTED)
    if expected_root:
        matching = [a for a in attestations if a.merkle_root.hex() == expected_root]
        if not matching:
            root = attestations[0]
            return OtsCheck(
                TAMPERED,
                height=root.height,
                merkle_root=root.merkle_root.hex(),
                reason="leads to another Merkle root than when it was stored",
            )
        attestations = matching
    attested = attestations[0]
    base = {"height": attested.height, "merkle_root": attested.merkle_root.hex()}
    if header is None:
        return OtsCheck(NO_HEADER, **base)
    for candidate in attestations:
        if header.merkle_root == candidate.merkle_root:
            return OtsCheck(
                VERIFIED,
                height=candidate.height,
                merkle_root=candidate.merkle_root.hex(),
                header_root=header.merkle_root.hex(),
                block_time=header.time,
                block_hash=header.block_hash,
            )
    return OtsCheck(
        WRONG_HEADER,
        **base,
        header_root=header.merkle_root.hex(),
        block_time=header.time,
        block_hash=header.block_hash,
    )


def fetch_header(source_url: str, height: int, *, timeout: float) -> BlockHeader:
    """Get block `height`'s header from an Esplora-style API (block explorer or own server):
    GET <source>block-height/<height> -> block hash; GET <source>block/<hash>/header -> hex."""
    base = calendar_url(source_url)
    try:
        with urllib.request.urlopen(f"{base}block-height/{int(height)}", timeout=timeout) as reply:
            block_hash = reply.read(200).decode("ascii").strip()
        if not all(c in "0123456789abcdef" for c in block_hash.lower()) or len(block_hash) != 64:
            raise OtsError(f"{base}: not a block hash: {block_hash[:80]!r}")
        with urllib.request.urlopen(f"{base}block/{block_hash}/header", timeout=timeout) as reply:
            header = BlockHeader.from_hex(reply.read(400).decode("ascii"))
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise OtsError(f"{base}: {error}") from error
    if header.block_hash != block_hash.lower():
        raise OtsError(f"{base}: the header returned is not the block {block_hash}")
    return header
