import dataclasses
import hashlib
import io
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipguard.evidence.chain import (
    GENESIS_PREVIOUS_HASH,
    BreakReason,
    EntryData,
    InvalidEntry,
    StoredEntry,
    build_entry,
    build_metadata,
    canonical_bytes,
    entry_hash,
    format_recorded_at,
    verify_chain,
)
from ipguard.evidence.hashing import (
    FileTooLarge,
    HashingReader,
    copy_and_hash,
    sha256_file,
    sha256_stream,
)

RECORDED = datetime(2026, 11, 22, 10, 15, tzinfo=UTC)
FILES = [
    ("logo.png", b"\x89PNG logo pixels"),
    ("lamp-drawing.dwg", b"AC1032 drawing of the desk lamp" * 100),
    ("website-home.jpg", b"\xff\xd8 homepage screenshot"),
    ("产品说明书.pdf", b"%PDF-1.7 product manual"),
]


def make_chain(folder: Path) -> tuple[list[StoredEntry], Callable[[StoredEntry], str | None]]:
    """Four entries over real files in `folder`, and a file_hasher that re-reads them."""
    entries: list[StoredEntry] = []
    paths: dict[int, Path] = {}
    previous = None
    for index, (name, content) in enumerate(FILES):
        path = folder / f"{index + 1}-{name}"
        path.write_bytes(content)
        digest, size = sha256_file(path)
        metadata = build_metadata(title=f"Evidence {index + 1}", author="Li Wei", asset_ids=[7])
        entry, digest_of_entry = build_entry(
            previous,
            file_sha256=digest,
            file_name=name,
            file_size=size,
            metadata=metadata,
            recorded_at=RECORDED + timedelta(minutes=index),
        )
        previous = StoredEntry.of(entry, digest_of_entry)
        entries.append(previous)
        paths[entry.position] = path

    def file_hasher(entry: StoredEntry) -> str | None:
        path = paths[entry.position]
        return sha256_file(path)[0] if path.exists() else None

    return entries, file_hasher


@pytest.fixture
def chain(tmp_path):
    return make_chain(tmp_path)


def test_first_entry_starts_from_genesis_and_the_next_links_to_it(chain):
    entries, _ = chain

    assert [entry.position for entry in entries] == [1, 2, 3, 4]
    assert entries[0].previous_hash == GENESIS_PREVIOUS_HASH == "0" * 64
    assert entries[1].previous_hash == entries[0].entry_hash
    assert entries[3].previous_hash == entries[2].entry_hash
    assert entries[0].file_sha256 == hashlib.sha256(b"\x89PNG logo pixels").hexdigest()
    assert entries[1].file_size == 3100
    assert entries[2].recorded_at == "2026-11-22T10:17:00Z"


def test_entry_hash_is_sha256_of_the_documented_canonical_json():
    entry = EntryData(
        position=1,
        file_sha256="ab" * 32,
        file_name="商标-logo.png",
        file_size=2048,
        metadata={"title": "Logo 标志", "corrects": None, "asset_ids": [3]},
        recorded_at="2026-11-22T10:15:00Z",
        previous_hash="0" * 64,
    )
    expected = (
        '{"file_name":"商标-logo.png","file_sha256":"' + "ab" * 32 + '","file_size":2048,'
        '"metadata":{"asset_ids":[3],"corrects":null,"title":"Logo 标志"},"position":1,'
        '"previous_hash":"' + "0" * 64 + '","recorded_at":"2026-11-22T10:15:00Z"}'
    )

    assert canonical_bytes(entry) == expected.encode("utf-8")
    # Pinned: if this changes, every chain already stored stops verifying.
    assert entry_hash(entry) == "f5e76bf5aae9aea247eb0333fe560711570e74cabcb3fb9595057a0f6b271af4"


def test_intact_chain_verifies(chain):
    entries, file_hasher = chain

    result = verify_chain(entries, file_hasher, head_hash=entries[-1].entry_hash)
    assert result.intact is True
    assert result.checked == 4
    assert result.first_break is None


def test_empty_chain_is_intact_unless_a_head_was_recorded():
    assert verify_chain([], lambda entry: None).checked == 0
    assert verify_chain([], lambda entry: None).intact is True
    result = verify_chain([], lambda entry: None, head_hash="ab" * 32)
    assert (result.first_break.position, result.first_break.reason) == (1, "entry_missing")


def test_changed_file_is_caught(chain, tmp_path):
    entries, file_hasher = chain
    (tmp_path / "2-lamp-drawing.dwg").write_bytes(b"AC1032 a redrawn lamp")

    result = verify_chain(entries, file_hasher)
    assert result.intact is False
    assert result.checked == 1
    assert result.first_break.position == 2
    assert result.first_break.reason is BreakReason.FILE_CHANGED
    assert result.first_break.message.startswith('The file for entry 2 ("lamp-drawing.dwg")')
    assert hashlib.sha256(b"AC1032 a redrawn lamp").hexdigest() in result.first_break.message


def test_missing_file_is_caught(chain, tmp_path):
    entries, file_hasher = chain
    (tmp_path / "4-产品说明书.pdf").unlink()

    result = verify_chain(entries, file_hasher)
    assert result.first_break.position == 4
    assert result.first_break.reason == "file_missing"
    assert result.first_break.message == 'The file for entry 4 ("产品说明书.pdf") is missing.'


def test_changed_metadata_is_caught(chain):
    entries, file_hasher = chain
    backdated = {**entries[1].metadata, "created_on": "2019-01-01"}
    entries[1] = dataclasses.replace(entries[1], metadata=backdated)

    result = verify_chain(entries, file_hasher)
    assert result.first_break.position == 2
    assert result.first_break.reason == "entry_changed"
    assert result.first_break.message.startswith('Entry 2 ("lamp-drawing.dwg") was changed')
    assert result.checked == 1


def test_changed_metadata_with_a_recomputed_hash_breaks_the_next_link(chain):
    entries, file_hasher = chain
    forged = dataclasses.replace(entries[1], recorded_at="2025-01-01T00:00:00Z")
    entries[1] = dataclasses.replace(forged, entry_hash=entry_hash(forged))

    result = verify_chain(entries, file_hasher)
    assert result.first_break.position == 3
    assert result.first_break.reason == "order_changed"
    assert "does not link to entry 2" in result.first_break.message


def test_removed_entry_is_caught(chain):
    entries, file_hasher = chain
    del entries[1]

    result = verify_chain(entries, file_hasher)
    assert result.first_break.position == 2
    assert result.first_break.reason == "entry_missing"
    assert result.first_break.message == "Entry 2 is missing: entry 3 follows entry 1."


def test_removed_first_entries_are_caught(chain):
    entries, file_hasher = chain

    result = verify_chain(entries[2:], file_hasher)
    assert (result.first_break.position, result.first_break.reason) == (1, "entry_missing")
    assert result.first_break.message == (
        "Entries 1 to 2 are missing: the chain starts at entry 3."
    )


def test_removed_last_entry_is_caught_only_with_the_recorded_head(chain):
    entries, file_hasher = chain
    head = entries[-1].entry_hash

    assert verify_chain(entries[:3], file_hasher).intact is True
    result = verify_chain(entries[:3], file_hasher, head_hash=head)
    assert result.intact is False
    assert (result.first_break.position, result.first_break.reason) == (4, "entry_missing")
    assert result.checked == 3


def test_swapped_order_is_caught(chain):
    entries, file_hasher = chain
    entries[1], entries[2] = entries[2], entries[1]

    result = verify_chain(entries, file_hasher)
    assert result.first_break.position == 3
    assert result.first_break.reason == "order_changed"
    assert result.first_break.message == (
        "Entry 3 comes before entry 2: the entries are out of order."
    )


def test_swapped_positions_are_caught(chain):
    entries, file_hasher = chain
    second, third = entries[1], entries[2]
    entries[1] = dataclasses.replace(third, position=2)
    entries[2] = dataclasses.replace(second, position=3)

    result = verify_chain(entries, file_hasher)
    assert (result.first_break.position, result.first_break.reason) == (2, "entry_changed")
    assert 'Entry 2 ("website-home.jpg")' in result.first_break.message


def test_duplicated_entry_is_caught(chain):
    entries, file_hasher = chain
    entries.insert(2, entries[1])

    result = verify_chain(entries, file_hasher)
    assert (result.first_break.position, result.first_break.reason) == (2, "order_changed")
    assert result.first_break.message == "Entry 2 appears twice."


def test_a_new_entry_is_not_built_on_a_tampered_one(chain):
    entries, _ = chain
    tampered = dataclasses.replace(entries[-1], file_name="other.png")

    with pytest.raises(InvalidEntry, match="verify the chain"):
        build_entry(
            tampered,
            file_sha256="cd" * 32,
            file_name="next.png",
            file_size=1,
            metadata={},
            recorded_at=RECORDED + timedelta(hours=1),
        )


def first_entry() -> tuple[EntryData, str]:
    return build_entry(
        None,
        file_sha256="ab" * 32,
        file_name="a.png",
        file_size=1,
        metadata={},
        recorded_at=RECORDED,
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"file_sha256": "AB" * 32}, "64 lowercase hex"),
        ({"file_name": "  "}, "file_name"),
        ({"file_size": -1}, "non-negative"),
        ({"metadata": {"weight_kg": 1.5}}, "float"),
        ({"metadata": {"title": "nul\x00"}}, "NUL"),
        ({"metadata": {"corrects": 2}}, "earlier entry"),
        ({"recorded_at": datetime(2026, 11, 22, 10, 15)}, "timezone-aware"),
        ({"recorded_at": "2026-11-22 10:15"}, "not of the form"),
        ({"recorded_at": RECORDED - timedelta(days=1)}, "earlier than entry 1"),
    ],
)
def test_build_entry_refuses_bad_input(change, problem):
    first, first_hash = first_entry()
    arguments = {
        "file_sha256": "cd" * 32,
        "file_name": "b.png",
        "file_size": 2,
        "metadata": {},
        "recorded_at": RECORDED,
    }
    with pytest.raises(InvalidEntry, match=problem):
        build_entry(StoredEntry.of(first, first_hash), **(arguments | change))


def test_correction_may_point_to_an_earlier_entry():
    first, _ = first_entry()
    second, _ = build_entry(
        first,
        file_sha256="cd" * 32,
        file_name="a-fixed.png",
        file_size=1,
        metadata=build_metadata(title="Fixed logo", corrects=1),
        recorded_at=RECORDED,
    )
    assert second.metadata["corrects"] == 1
    assert second.previous_hash == entry_hash(first)


def test_recorded_at_is_utc_with_whole_seconds():
    shanghai = timezone(timedelta(hours=8))
    moment = datetime(2026, 11, 22, 18, 15, 0, 987654, tzinfo=shanghai)

    assert format_recorded_at(moment) == "2026-11-22T10:15:00Z"


def test_build_metadata_normalises_links_and_dates():
    metadata = build_metadata(
        title="Lamp", created_on=date(2026, 3, 1), asset_ids=[9, 2, 9], action_ids=(5,)
    )
    assert metadata == {
        "title": "Lamp",
        "description": "",
        "author": "",
        "created_on": "2026-03-01",
        "asset_ids": [2, 9],
        "action_ids": [5],
        "corrects": None,
    }


texts = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"))
FIELD_CHANGES = {
    "file_sha256": lambda entry: "f" * 64 if entry.file_sha256 != "f" * 64 else "e" * 64,
    "file_name": lambda entry: entry.file_name + "x",
    "file_size": lambda entry: entry.file_size + 1,
    "metadata": lambda entry: {**entry.metadata, "title": entry.metadata["title"] + "!"},
    "recorded_at": lambda entry: "2000-01-01T00:00:00Z",
}


@settings(max_examples=60, deadline=None)
@given(
    titles=st.lists(texts, min_size=1, max_size=6),
    data=st.data(),
)
def test_any_single_field_change_is_reported_at_that_entry(titles, data):
    entries: list[StoredEntry] = []
    previous = None
    for title in titles:
        content = title.encode("utf-8")
        entry, digest = build_entry(
            previous,
            file_sha256=hashlib.sha256(content).hexdigest(),
            file_name=f"{title[:20]}.bin" if title.strip() else "blank.bin",
            file_size=len(content),
            metadata=build_metadata(title=title),
            recorded_at=RECORDED,
        )
        previous = StoredEntry.of(entry, digest)
        entries.append(previous)
    files = {entry.position: entry.file_sha256 for entry in entries}

    def file_hasher(entry):
        return files[entry.position]

    assert verify_chain(entries, file_hasher).intact is True

    index = data.draw(st.integers(0, len(entries) - 1))
    field_name = data.draw(st.sampled_from(sorted(FIELD_CHANGES)))
    new_value = FIELD_CHANGES[field_name](entries[index])
    entries[index] = dataclasses.replace(entries[index], **{field_name: new_value})

    result = verify_chain(entries, file_hasher)
    assert result.first_break.position == index + 1
    assert result.first_break.reason == "entry_changed"
    assert result.checked == index


# hashing.py


def test_sha256_stream_hashes_the_concatenated_chunks():
    assert sha256_stream([b"evidence ", b"", b"vault"]) == (
        hashlib.sha256(b"evidence vault").hexdigest(),
        14,
    )
    assert sha256_stream([]) == (hashlib.sha256(b"").hexdigest(), 0)


def test_sha256_stream_stops_at_the_size_limit():
    with pytest.raises(FileTooLarge) as caught:
        sha256_stream([b"12345", b"67890"], max_size=9)
    assert caught.value.max_size == 9
    assert sha256_stream([b"12345", b"6789"], max_size=9)[1] == 9


def test_copy_and_hash_copies_exactly_what_it_hashes():
    content = bytes(range(256)) * 5000  # 1.28 MB: more than one chunk
    destination = io.BytesIO()

    digest, size = copy_and_hash(io.BytesIO(content), destination, chunk_size=64 * 1024)
    assert destination.getvalue() == content
    assert (digest, size) == (hashlib.sha256(content).hexdigest(), 1_280_000)


class EndlessUpload(io.RawIOBase):
    """A client that never stops sending; counts what was read from it."""

    def __init__(self) -> None:
        self.read_total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"x" * len(buffer)
        self.read_total += len(buffer)
        return len(buffer)


def test_oversized_upload_is_refused_as_soon_as_it_passes_the_limit():
    upload = EndlessUpload()
    destination = io.BytesIO()

    with pytest.raises(FileTooLarge, match="1,000,000-byte limit"):
        copy_and_hash(upload, destination, max_size=1_000_000, chunk_size=300_000)
    assert upload.read_total == 1_000_001
    assert len(destination.getvalue()) == 900_000


def test_hashing_reader_bounds_an_unsized_read():
    upload = EndlessUpload()
    reader = HashingReader(upload, max_size=10)

    with pytest.raises(FileTooLarge):
        reader.read()
    assert upload.read_total == 11


def test_hashing_reader_allows_exactly_the_limit():
    reader = HashingReader(io.BytesIO(b"0123456789"), max_size=10)

    assert reader.read(4) + reader.read() == b"0123456789"
    assert reader.read() == b""
    assert (reader.hexdigest, reader.size) == (hashlib.sha256(b"0123456789").hexdigest(), 10)
