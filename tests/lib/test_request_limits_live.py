"""Over a real socket: a 300 MB upload declared to the login page is answered 413 at once."""

import socket
import time
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_declared_300_mb_body_is_refused_before_it_is_sent(live_server):
    url = urlsplit(live_server.url)
    head = (
        "POST /accounts/login/ HTTP/1.1\r\n"
        f"Host: {url.hostname}:{url.port}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {300 * 1024 * 1024}\r\n"
        "\r\n"
    ).encode()
    started = time.monotonic()
    with socket.create_connection((url.hostname, url.port), timeout=10) as connection:
        connection.sendall(head + b"--x\r\n" + b"a" * 64 * 1024)  # 64 KB of the 300 MB
        answer = connection.recv(4096).decode("latin-1")
    elapsed = time.monotonic() - started
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert elapsed < 5  # answered without waiting for (or reading) the rest of the body
