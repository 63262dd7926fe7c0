"""ZIP exports of the vault or of one record, checkable with `sha256sum` and `python verify.py`.

The whole vault carries every entry and file. One record carries the chain from entry 1 up to
that record's last entry (or on to the first RFC 3161 timestamp and Bitcoin anchor after it), so
the links that date it can be recomputed, but only that record's own files: the other entries
are listed with their hashes ("stored_path": null), not their files.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from typing import IO

from django.core.files.storage import default_storage

from ipguard.evidence.chain import canonical_bytes, format_recorded_at
from ipguard.evidence.models import ChainAnchor, EvidenceEntry, EvidenceRecord, OtsProof
from ipguard.evidence.ots_tracks import covering_proof
from ipguard.evidence.standalone_verify import build_manifest, write_export_zip

README = """\
IPGuard evidence export / IPGuard 证据导出
=========================================

Company / 公司: {company}
Exported at / 导出时间 (UTC): {exported_at}
Entries / 条目: {count}    Head hash / 链头哈希: {head_hash}

What this folder proves
-----------------------
Each file in files/ was recorded in the company's evidence chain at the time shown in
manifest.json ("recorded_at", UTC). Every entry stores the file's SHA-256, its details and the
hash of the entry before it, so no file or entry can be changed, removed or reordered without
the check below failing. {scope}

1. Check a file with standard tools
   Linux:   sha256sum "files/<name>"
   macOS:   shasum -a 256 "files/<name>"
   Windows: certutil -hashfile "files\\<name>" SHA256
   The printed hash must equal the entry's "file_sha256" in manifest.json.

2. Check the whole chain (needs only Python 3.6 or later, no other software)
   python3 verify.py
   It recomputes every file hash, every entry hash and every link, and prints "intact" or the
   first entry where the chain breaks and why (file changed, entry changed, entry missing, out
   of order). The script is short: read it before you run it.

3. Trusted timestamps (if listed in manifest.json under "anchors")
   Each anchor is an RFC 3161 timestamp token over the hash of the entry at "position". The
   token file is in anchors/. With OpenSSL and the authority's CA certificate:
   openssl ts -verify -in anchors/anchor-<position>.tst -token_in \\
       -digest <entry_hash> -CAfile <authority-ca.pem>
   Without an anchor, the proof rests on the chain alone: deposit the head hash above with a
   judicial blockchain or a notary to fix it outside IPGuard.

4. Bitcoin anchors (OpenTimestamps; manifest.json "anchors" with "kind": "opentimestamps")
   anchors/chain-head-<position>.json is the chain entry at that position, byte for byte as it
   was hashed: its SHA-256 is the entry hash (verify.py checks this). The proof beside it,
   anchors/chain-head-<position>.json.ots, leads from that hash to the Merkle root of a Bitcoin
   block. Check it with the OpenTimestamps client (pip install opentimestamps-client):
   ots info anchors/chain-head-<position>.json.ots      shows the steps and the block height
   ots verify anchors/chain-head-<position>.json.ots    hashes the .json file, replays the
       steps and compares the result with the block header from your Bitcoin node; it prints
       the block time, before which the chain head (and every entry before it) existed.
   A proof listed as "pending" is not in a block yet: "ots upgrade" fetches the rest from the
   calendars named in it.

本文件夹证明什么
----------------
files/ 中的每个文件都在 manifest.json 所示时间（"recorded_at"，UTC）记入公司的证据链。
每个条目保存文件的 SHA-256、说明信息以及上一条目的哈希，
任何文件或条目被修改、删除或调换顺序，下面的校验都会失败。

1. 用标准工具核对文件：sha256sum "files/<文件名>"（macOS：shasum -a 256；Windows：certutil
   -hashfile … SHA256），结果须与 manifest.json 中该条目的 "file_sha256" 一致。
2. 核对整条链（只需 Python 3.6 或以上版本）：python3 verify.py。脚本会重新计算所有文件哈希、条目哈希
   和链接，输出 "intact"（完好），或指出第一个断裂的条目及原因。
3. 可信时间戳（manifest.json 的 "anchors"）：anchors/ 中的 RFC 3161 令牌可用 openssl ts -verify
   核验。如无时间戳，证明仅依赖哈希链本身，可将上面的链头哈希提交司法区块链或公证机构存证。
4. 比特币锚定（OpenTimestamps，"kind": "opentimestamps"）：anchors/chain-head-<序号>.json
   是该序号的链条目原文，其 SHA-256 即条目哈希（verify.py 会核对）。
   旁边的 .ots 证明从该哈希通向某个比特币区块的默克尔根。
   安装 OpenTimestamps 客户端（pip install opentimestamps-client）后：
   ots info anchors/chain-head-<序号>.json.ots 显示各步骤和区块高度；
   ots verify anchors/chain-head-<序号>.json.ots 会计算 .json 文件的哈希、重放各步骤，并与您的比特币
   节点中的区块头比对，输出区块时间：链头（及其之前的所有条目）在该时间之前已存在。
   标为 "pending" 的证明尚未写入区块，可用 ots upgrade 从日历服务器获取完整证明。
"""

SCOPE_VAULT = "This export holds the whole vault."
SCOPE_RECORD = (
    "This export holds one record, \u201c{title}\u201d: the chain up to its last entry, with the "
    "files of that record only; the other entries are listed with their hashes so the links can "
    'be checked (their "stored_path" is null).'
)


def _anchor_path(anchor: ChainAnchor) -> str:
    return f"anchors/anchor-{anchor.position}.tst"


def _covering_reach(company, last: int) -> int:
    """How far a record's export runs: to its last entry, or on to the first timestamp and the
    first Bitcoin anchor taken after it, so the links from the record to them can be checked
    (the entries in between are listed by hash only)."""
    if not last:
        return last
    reach = last
    anchor = ChainAnchor.objects.filter(company=company, position__gte=last).order_by("position")
    proof = covering_proof(company.pk, last)
    for covering in (anchor.first(), proof):
        if covering is not None:
            reach = max(reach, covering.position)
    return reach


def _ots_entry_path(proof: OtsProof) -> str:
    # The `ots` client checks "<name>.ots" against the file "<name>" beside it.
    return f"anchors/chain-head-{proof.position}.json"


def _ots_manifest_item(proof: OtsProof) -> dict:
    return {
        "kind": "opentimestamps",
        "position": proof.position,
        "entry_hash": proof.entry_hash,
        "status": proof.status,
        "bitcoin_block_height": proof.block_height,
        "bitcoin_block_time": format_recorded_at(proof.block_time) if proof.block_time else None,
        "merkle_root": proof.merkle_root or None,
        "entry_path": _ots_entry_path(proof),
        "proof_path": _ots_entry_path(proof) + ".ots",
    }


def export_zip(
    destination: IO[bytes], *, company, record: EvidenceRecord | None, now: datetime
) -> dict:
    """Write the export ZIP to a seekable binary file; returns the manifest written."""
    rows = list(EvidenceEntry.objects.filter(company=company).order_by("pk"))
    included = {row.position for row in rows}
    if record is not None:
        own = set(record.entries.values_list("position", flat=True))
        last = _covering_reach(company, max(own) if own else 0)
        rows = [row for row in rows if row.position <= last]
        included = own
    anchors = list(
        ChainAnchor.objects.filter(
            company=company, position__lte=max((r.position for r in rows), default=0)
        ).order_by("position")
    )
    last_position = max((r.position for r in rows), default=0)
    ots_proofs = list(
        OtsProof.objects.filter(company=company, position__lte=last_position).order_by("position")
    )
    rows_by_position = {row.position: row for row in rows}
    ots_proofs = [proof for proof in ots_proofs if proof.position in rows_by_position]
    manifest = build_manifest(
        company=company.name,
        exported_at=now,
        entries=[row.as_stored_entry() for row in rows],
        anchors=[
            {
                "kind": anchor.kind,
                "position": anchor.position,
                "entry_hash": anchor.entry_hash,
                "timestamped_at": format_recorded_at(anchor.gen_time),
                "authority_url": anchor.authority_url,
                "serial_number": anchor.serial_number,
                "token_path": _anchor_path(anchor),
            }
            for anchor in anchors
        ]
        + [_ots_manifest_item(proof) for proof in ots_proofs],
    )
    for item in manifest["entries"]:
        if item["position"] not in included:
            item["stored_path"] = None
    storage_of = {row.position: row.storage_name for row in rows}
    write_export_zip(
        destination, manifest, lambda position: default_storage.open(storage_of[position], "rb")
    )

    folder = "evidence-" + manifest["exported_at"][:10]
    scope = SCOPE_VAULT if record is None else SCOPE_RECORD.format(title=record.title)
    readme = README.format(
        company=company.name,
        exported_at=manifest["exported_at"],
        count=len(manifest["entries"]),
        head_hash=manifest["head_hash"],
        scope=scope,
    )
    destination.seek(0)
    with zipfile.ZipFile(destination, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/README.txt", readme.encode("utf-8"))
        for anchor in anchors:
            archive.writestr(f"{folder}/{_anchor_path(anchor)}", bytes(anchor.token))
        for proof in ots_proofs:
            entry = rows_by_position[proof.position].as_stored_entry()
            archive.writestr(f"{folder}/{_ots_entry_path(proof)}", canonical_bytes(entry))
            archive.writestr(f"{folder}/{_ots_entry_path(proof)}.ots", bytes(proof.proof))
    return manifest
