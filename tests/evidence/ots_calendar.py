"""A local OpenTimestamps calendar and block-header source, for tests on loopback only.

It speaks the calendar protocol the `ots` client uses, with the opentimestamps library's own
serialisation: POST <calendar>/digest answers a timestamp ending in a PendingAttestation;
GET <calendar>/timestamp/<commitment hex> answers 404 ("Pending confirmation") until `mine()`
puts the commitments in a fake Bitcoin block, then the steps from the commitment to that
block's Merkle root with a BitcoinBlockHeaderAttestation. The block's 80-byte header (with the
Merkle root computed here) is served Esplora-style: GET <esplora>/block-height/<h> and
GET <esplora>/block/<hash>/header.
"""

from __future__ import annotations

import hashlib
import os
import threading
from contextlib import contextmanager
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentimestamps.core.notary import BitcoinBlockHeaderAttestation, PendingAttestation
from opentimestamps.core.op import OpAppend, OpPrepend, OpSHA256
from opentimestamps.core.serialize import BytesSerializationContext
from opentimestamps.core.timestamp import Timestamp, cat_sha256d, make_merkle_tree


def _serialize(stamp: Timestamp) -> bytes:
    context = BytesSerializationContext()
    stamp.serialize(context)
    return context.getbytes()


def block_header(merkle_root: bytes, when: datetime, *, previous: bytes = b"\x11" * 32) -> bytes:
    """An 80-byte Bitcoin block header: version, previous hash, Merkle root, time, bits, nonce."""
    return (
        (0x20000000).to_bytes(4, "little")
        + previous
        + merkle_root
        + int(when.timestamp()).to_bytes(4, "little")
        + bytes.fromhex("1703a30c")[::-1]
        + os.urandom(4)
    )


def block_hash(header: bytes) -> str:
    return hashlib.sha256(hashlib.sha256(header).digest()).digest()[::-1].hex()


class LocalCalendar:
    def __init__(self) -> None:
        self.url = ""  # set while serving
        self.pending: dict[bytes, None] = {}
        self.completed: dict[bytes, Timestamp] = {}
        self.headers_by_height: dict[int, bytes] = {}
        self.received_digests: list[bytes] = []
        self.timestamp_requests: list[str] = []

    def mine(self, height: int, when: datetime) -> bytes:
        """Put every pending commitment in one block at `height`; returns its header."""
        commitments = list(self.pending)
        stamps = [Timestamp(commitment) for commitment in commitments]
        txids = [Timestamp(os.urandom(32))]  # a coinbase transaction
        for stamp in stamps:
            # The commitment sits inside a transaction: bytes before and after it, then sha256d.
            tx = stamp.ops.add(OpPrepend(os.urandom(41))).ops.add(OpAppend(os.urandom(12)))
            txids.append(tx.ops.add(OpSHA256()).ops.add(OpSHA256()))
        root = make_merkle_tree(txids, binop=cat_sha256d)
        root.attestations.add(BitcoinBlockHeaderAttestation(height))
        header = block_header(root.msg, when)
        self.headers_by_height[height] = header
        for commitment, stamp in zip(commitments, stamps, strict=True):
            self.completed[commitment] = stamp
            del self.pending[commitment]
        return header

    def _submit(self, digest: bytes) -> bytes:
        self.received_digests.append(digest)
        stamp = Timestamp(digest)
        commitment_stamp = stamp.ops.add(OpPrepend(os.urandom(8))).ops.add(OpSHA256())
        commitment_stamp.attestations.add(PendingAttestation(self.url.rstrip("/")))
        self.pending[commitment_stamp.msg] = None
        return _serialize(stamp)

    @contextmanager
    def serve(self):
        """Run on an ephemeral loopback port; yields (calendar URL, Esplora URL)."""
        calendar = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path != "/calendar/digest" or len(body) > 64:
                    self._answer(404, b"Not found")
                    return
                self._answer(200, calendar._submit(body))

            def do_GET(self) -> None:
                parts = self.path.strip("/").split("/")
                if parts[:2] == ["calendar", "timestamp"] and len(parts) == 3:
                    calendar.timestamp_requests.append(parts[2])
                    commitment = bytes.fromhex(parts[2])
                    if commitment in calendar.completed:
                        self._answer(200, _serialize(calendar.completed[commitment]))
                    elif commitment in calendar.pending:
                        self._answer(404, b"Pending confirmation in Bitcoin blockchain")
                    else:
                        self._answer(404, b"Not found")
                elif parts[:2] == ["esplora", "block-height"] and len(parts) == 3:
                    header = calendar.headers_by_height.get(int(parts[2]))
                    if header is None:
                        self._answer(404, b"Block not found")
                    else:
                        self._answer(200, block_hash(header).encode())
                elif parts[0] == "esplora" and len(parts) == 4 and parts[3] == "header":
                    for header in calendar.headers_by_height.values():
                        if block_hash(header) == parts[2]:
                            self._answer(200, header.hex().encode())
                            return
                    self._answer(404, b"Block not found")
                else:
                    self._answer(404, b"Not found")

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_port}"
        self.url = f"{base}/calendar"
        try:
            yield self.url, f"{base}/esplora/"
        finally:
            server.shutdown()
            server.server_close()
            thread.join()
