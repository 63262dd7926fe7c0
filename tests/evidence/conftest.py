import hashlib
import io

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from django.test import TestCase

from tests.evidence.tsa import LocalTSA


@pytest.fixture
def media(settings, tmp_path):
    """Stored evidence goes to a fresh folder per test."""
    folder = tmp_path / "media"
    folder.mkdir()
    settings.MEDIA_ROOT = str(folder)
    return folder


def stored_files(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file())


@pytest.fixture
def record_files(media, personas):
    """A function that records files for the persona company through the real service."""
    from ipguard.evidence.services import IncomingFile, evidence_record_create

    def record(files, *, company=None, user=None, title="Desk lamp drawings", **fields):
        incoming = [
            IncomingFile(name=name, stream=io.BytesIO(content), size=len(content))
            for name, content in files
        ]
        # Files move to their recorded names on commit; the test's transaction never commits.
        with TestCase.captureOnCommitCallbacks(execute=True):
            return evidence_record_create(
                company=company or personas.company,
                user=user or personas.editor,
                title=title,
                files=incoming,
                **fields,
            )

    return record


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@pytest.fixture
def calendar(settings):
    """An OpenTimestamps calendar (and block-header source) on loopback, configured."""
    from tests.evidence.ots_calendar import LocalCalendar

    local = LocalCalendar()
    with local.serve() as (url, esplora):
        settings.EVIDENCE_OTS_CALENDARS = [url]
        settings.EVIDENCE_OTS_TIMEOUT = 10
        settings.EVIDENCE_BITCOIN_HEADER_URL = ""
        local.esplora = esplora
        yield local


@pytest.fixture
def tsa(settings, tmp_path):
    """A trusted timestamp authority on loopback, configured with its CA."""
    authority = LocalTSA()
    ca_file = tmp_path / "tsa-ca.pem"
    ca_file.write_bytes(authority.ca_cert.public_bytes(Encoding.PEM))
    with authority.serve() as url:
        settings.EVIDENCE_TSA_URL = url
        settings.EVIDENCE_TSA_CA_FILE = str(ca_file)
        settings.EVIDENCE_TSA_TIMEOUT = 10
        authority.url = url
        yield authority
