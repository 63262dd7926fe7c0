"""SHA-256 over streams, so an uploaded file is hashed while it is copied and never held whole.

Pure Python (no Django): the upload service wraps the request's file in `HashingReader` (or calls
`copy_and_hash`) and records the digest and size in the evidence chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK_SIZE = 1024 * 1024


class FileTooLarge(ValueError):
    """The stream passed `max_size` bytes. Raised as soon as the limit is crossed."""

    def __init__(self, max_size: int) -> None:
        super().__init__(f"The file is larger than the {max_size:,}-byte limit.")
        self.max_size = max_size


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


def sha256_stream(chunks: Iterable[bytes], *, max_size: int | None = None) -> tuple[str, int]:
    """Return (lowercase hex SHA-256, size in bytes) of the concatenated chunks."""
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if max_size is not None and size > max_size:
            raise FileTooLarge(max_size)
        digest.update(chunk)
    return digest.hexdigest(), size


def iter_chunks(source: _Readable, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Yield a file-like object's bytes in chunks of at most `chunk_size`."""
    while chunk := source.read(chunk_size):
        yield chunk


def sha256_file(path: str | Path) -> tuple[str, int]:
    """Hash a file on disk in chunks."""
    with open(path, "rb") as source:
        return sha256_stream(iter_chunks(source))


class HashingReader:
    """A read-only file-like wrapper that hashes and counts every byte read through it.

    Hand it to code that copies by calling `read()` (a storage backend, `shutil.copyfileobj`);
    afterwards `hexdigest` and `size` describe exactly the bytes that were copied. With `max_size`,
    no more than `max_size + 1` bytes are ever read from the source, and `FileTooLarge` is raised
    from the `read()` that crosses the limit.
    """

    def __init__(self, source: _Readable, *, max_size: int | None = None) -> None:
        self._source = source
        self._max_size = max_size
        self._digest = hashlib.sha256()
        self._size = 0

    def read(self, size: int = -1, /) -> bytes:
        if self._max_size is not None:
            # Read at most one byte past the limit, so even read() with no size stays bounded.
            allowed = self._max_size - self._size + 1
            if size is None or size < 0 or size > allowed:
                size = allowed
        data = self._source.read(size)
        self._size += len(data)
        if self._max_size is not None and self._size > self._max_size:
            raise FileTooLarge(self._max_size)
        self._digest.update(data)
        return data

    def readable(self) -> bool:
        return True

    @property
    def size(self) -> int:
        return self._size

    @property
    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def copy_and_hash(
    source: _Readable | BinaryIO,
    destination: _Writable | BinaryIO,
    *,
    max_size: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> tuple[str, int]:
    """Copy `source` to `destination` in chunks; return (hex SHA-256, size) of what was copied.

    On `FileTooLarge` the destination holds a partial copy: the caller deletes it.
    """
    reader = HashingReader(source, max_size=max_size)
    for chunk in iter_chunks(reader, chunk_size):
        destination.write(chunk)
    return reader.hexdigest, reader.size
