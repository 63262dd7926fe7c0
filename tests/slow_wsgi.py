"""The WSGI app with the evidence store slowed down, so a test can kill the server mid-upload.

Run as `gunicorn tests.slow_wsgi:application`. With SLOW_STORE_SECONDS set, every stored file
pauses that long after its first chunk has been read into storage.
"""

import os
import time

from ipguard.evidence.hashing import HashingReader
from ipguard.wsgi import application

__all__ = ["application"]

SECONDS = float(os.environ.get("SLOW_STORE_SECONDS", "0"))

if SECONDS:
    _read = HashingReader.read

    def _slow_read(self, size=-1, /):
        if getattr(self, "_chunks_read", 0) == 1:
            time.sleep(SECONDS)
        self._chunks_read = getattr(self, "_chunks_read", 0) + 1
        return _read(self, size)

    HashingReader.read = _slow_read
