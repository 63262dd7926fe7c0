import hashlib
import shutil
import socket
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from asn1crypto import cms, tsp
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from cryptography.x509.oid import ExtendedKeyUsageOID
from hypothesis import given, settings
from hypothesis import strategies as st

from ipguard.evidence.timestamping import (
    TimestampFailure,
    TimestampNetworkError,
    TimestampRejected,
    TimestampResponseInvalid,
    TimestampVerificationFailed,
    build_request,
    parse_response,
    parse_token,
    request_timestamp,
    verify_token,
)
from tests.evidence.tsa import TEST_POLICY_OID, LocalTSA

GEN_TIME = datetime(2026, 11, 22, 10, 15, 0, tzinfo=UTC)
DIGEST = hashlib.sha256(b"drawing-v3.dwg contents").hexdigest()
OTHER_DIGEST = hashlib.sha256(b"a different drawing").hexdigest()


@pytest.fixture(scope="module")
def tsa() -> LocalTSA:
    return LocalTSA(clock=lambda: GEN_TIME)


def granted_token_der(tsa: LocalTSA, digest: str = DIGEST, nonce: int = 42) -> bytes:
    return parse_response(tsa.sign_timestamp_request(build_request(digest, nonce))).token_der


def test_build_request_is_a_sha256_timestampreq_with_nonce_and_cert_req():
    request = tsp.TimeStampReq.load(build_request(DIGEST, 123456789), strict=True)

    assert request["version"].native == "v1"
    assert request["message_imprint"]["hash_algorithm"]["algorithm"].dotted == (
        "2.16.840.1.101.3.4.2.1"
    )
    assert request["message_imprint"]["hashed_message"].native == bytes.fromhex(DIGEST)
    assert request["nonce"].native == 123456789
    assert request["cert_req"].native is True


def test_build_request_refuses_a_digest_that_is_not_sha256():
    with pytest.raises(ValueError, match="64 hex"):
        build_request("abc123", 1)


@pytest.mark.parametrize("key_type", ["ec", "rsa"])
def test_round_trip_through_a_real_http_tsa(key_type):
    tsa = LocalTSA(key_type=key_type, clock=lambda: GEN_TIME)
    with tsa.serve() as url:
        token = request_timestamp(url, DIGEST, timeout=5, trusted_certs=[tsa.ca_cert_der])

    [(content_type, body)] = tsa.received
    sent = tsp.TimeStampReq.load(body)
    assert content_type == "application/timestamp-query"
    assert token.gen_time == GEN_TIME
    assert token.serial_number == 1001
    assert token.policy_oid == TEST_POLICY_OID
    assert token.nonce == sent["nonce"].native
    assert token.hash_algorithm == "sha256"
    assert token.message_imprint == DIGEST

    verification = verify_token(
        token.token_der, DIGEST, nonce=token.nonce, trusted_certs=[tsa.ca_cert_der]
    )
    assert verification.valid is True
    assert verification.failure is None
    assert verification.signer_subject == "CN=IPGuard Test TSA,O=IPGuard tests"
    assert parse_token(token.token_der) == token


def test_token_for_another_file_fails(tsa):
    verification = verify_token(granted_token_der(tsa), OTHER_DIGEST)

    assert verification.valid is False
    assert verification.failure is TimestampFailure.IMPRINT_MISMATCH
    assert OTHER_DIGEST in verification.message


def test_wrong_nonce_fails(tsa):
    verification = verify_token(granted_token_der(tsa, nonce=42), DIGEST, nonce=43)

    assert verification.valid is False
    assert verification.failure is TimestampFailure.NONCE_MISMATCH


def test_tsa_that_echoes_another_nonce_is_refused_by_the_client():
    tsa = LocalTSA(clock=lambda: GEN_TIME)
    tsa.nonce_override = 7
    with tsa.serve() as url, pytest.raises(TimestampVerificationFailed) as caught:
        request_timestamp(url, DIGEST, timeout=5)

    assert caught.value.verification.failure is TimestampFailure.NONCE_MISMATCH
    assert "7" in str(caught.value)


def test_token_from_an_untrusted_authority_fails_when_trusted_certs_given(tsa):
    stranger = LocalTSA(name="Stranger TSA", clock=lambda: GEN_TIME)
    token_der = granted_token_der(stranger)

    untrusted = verify_token(token_der, DIGEST, trusted_certs=[tsa.ca_cert_der])
    assert untrusted.valid is False
    assert untrusted.failure is TimestampFailure.UNTRUSTED
    assert "Stranger TSA" in untrusted.message
    # Without a trust list the signature and certificate are still checked, and pass.
    assert verify_token(token_der, DIGEST).valid is True
    # Pinning the TSA certificate itself, in PEM, is enough.
    pinned = stranger.tsa_cert.public_bytes(Encoding.PEM)
    assert verify_token(token_der, DIGEST, trusted_certs=[pinned]).valid is True


def test_rejection_status_raises_with_the_tsa_reason():
    tsa = LocalTSA(clock=lambda: GEN_TIME)
    tsa.reject_with = "bad_alg"
    with tsa.serve() as url, pytest.raises(TimestampRejected) as caught:
        request_timestamp(url, DIGEST, timeout=5)

    assert caught.value.status == "rejection"
    assert caught.value.fail_info == ("bad_alg",)
    assert caught.value.status_text == "Request refused by the test TSA"


@pytest.mark.parametrize(
    "certificate",
    [
        {"eku": ()},
        {"eku_critical": False},
        {"eku": (ExtendedKeyUsageOID.TIME_STAMPING, ExtendedKeyUsageOID.SERVER_AUTH)},
    ],
    ids=["no-eku", "eku-not-critical", "eku-with-other-purposes"],
)
def test_signer_must_be_a_timestamping_only_certificate(certificate):
    """RFC 3161 2.3, and what `openssl ts -verify` enforces too."""
    other = LocalTSA(clock=lambda: GEN_TIME, **certificate)
    verification = verify_token(granted_token_der(other), DIGEST)

    assert verification.valid is False
    assert verification.failure is TimestampFailure.NOT_TIMESTAMPING_CERT


def test_a_trusted_certificate_that_is_not_a_ca_cannot_vouch_for_others():
    leaf_issuer = LocalTSA(ca_is_ca=False, clock=lambda: GEN_TIME)
    verification = verify_token(
        granted_token_der(leaf_issuer), DIGEST, trusted_certs=[leaf_issuer.ca_cert_der]
    )

    assert verification.failure is TimestampFailure.UNTRUSTED


def test_changed_gen_time_breaks_the_signature(tsa):
    token_der = granted_token_der(tsa)
    forged = token_der.replace(b"20261122101500Z", b"20251122101500Z")
    assert forged != token_der

    verification = verify_token(forged, DIGEST)
    assert verification.valid is False
    assert verification.failure is TimestampFailure.BAD_SIGNATURE
    assert "message digest" in verification.message


def test_signing_certificate_attribute_must_name_the_signer():
    tsa = LocalTSA(clock=lambda: GEN_TIME)
    tsa.ess_names = tsa.ca_cert_der

    verification = verify_token(granted_token_der(tsa), DIGEST)
    assert verification.failure is TimestampFailure.BAD_SIGNATURE
    assert "names a different certificate" in verification.message


def test_changed_signature_bytes_fail():
    rsa_tsa = LocalTSA(key_type="rsa", clock=lambda: GEN_TIME)
    token_der = granted_token_der(rsa_tsa)
    signature = cms.ContentInfo.load(token_der)["content"]["signer_infos"][0]["signature"].native
    forged = token_der.replace(signature, signature[:-1] + bytes([signature[-1] ^ 1]))

    verification = verify_token(forged, DIGEST)
    assert verification.failure is TimestampFailure.BAD_SIGNATURE
    assert "not valid for the signer certificate" in verification.message


FLIP_TSA = LocalTSA(key_type="rsa", clock=lambda: GEN_TIME)
FLIP_TOKEN = granted_token_der(FLIP_TSA)
FLIP_FACTS = parse_token(FLIP_TOKEN)


@settings(max_examples=300, deadline=None)
@given(offset=st.integers(0, len(FLIP_TOKEN) - 1), mask=st.integers(1, 255))
def test_a_changed_byte_never_crashes_and_never_changes_what_a_valid_token_says(offset, mask):
    forged = bytearray(FLIP_TOKEN)
    forged[offset] ^= mask

    verification = verify_token(bytes(forged), DIGEST, trusted_certs=[FLIP_TSA.ca_cert_der])
    if verification.valid:  # e.g. a byte in an unsigned, unused field such as a version number
        token = verification.token
        assert (token.gen_time, token.serial_number, token.nonce) == (
            FLIP_FACTS.gen_time,
            FLIP_FACTS.serial_number,
            FLIP_FACTS.nonce,
        )
        assert (token.message_imprint, token.policy_oid) == (DIGEST, TEST_POLICY_OID)
    else:
        assert verification.failure in set(TimestampFailure)


def test_a_tsa_issued_by_an_intermediate_ca_verifies_through_the_full_path():
    # Root -> issuing CA -> TSA, as public TSAs are set up: trusting the root is enough when the
    # token carries the issuing CA (the old check accepted only a signer issued by the root).
    chained = LocalTSA(intermediate=True)
    token_der = granted_token_der(chained)
    verification = verify_token(token_der, DIGEST, trusted_certs=[chained.ca_cert_der])
    assert verification.valid is True, verification.message
    # Another root does not lead to it, and a path stops at a CA that may not issue CAs.
    other = LocalTSA()
    refused = verify_token(token_der, DIGEST, trusted_certs=[other.ca_cert_der])
    assert refused.failure == TimestampFailure.UNTRUSTED


def test_the_full_path_is_checked_at_the_tokens_time_not_today():
    issued = datetime(2026, 3, 1, tzinfo=UTC)
    old = LocalTSA(intermediate=True, clock=lambda: issued)
    token_der = granted_token_der(old)
    # Ten years on, the issuing CA (five years) and the TSA certificate (one) have expired; the
    # token was signed while both were valid, so it still verifies.
    with time_machine.travel(issued + timedelta(days=3650), tick=False):
        later = verify_token(token_der, DIGEST, trusted_certs=[old.ca_cert_der])
    assert later.valid is True, later.message


def test_token_without_certificate_needs_the_signer_in_trusted_certs(tsa):
    request = tsp.TimeStampReq.load(build_request(DIGEST, 5)).copy()
    request["cert_req"] = False
    token_der = parse_response(tsa.sign_timestamp_request(request.dump())).token_der

    assert verify_token(token_der, DIGEST).failure is TimestampFailure.SIGNER_UNKNOWN
    assert verify_token(token_der, DIGEST, trusted_certs=[tsa.tsa_cert_der]).valid is True


def test_token_dated_after_the_certificate_expired_fails():
    late = LocalTSA(clock=lambda: GEN_TIME)
    late.clock = lambda: GEN_TIME + timedelta(days=400)

    verification = verify_token(granted_token_der(late), DIGEST)
    assert verification.failure is TimestampFailure.CERT_NOT_VALID


def test_unreachable_tsa_raises_network_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TimestampNetworkError, match=f"127.0.0.1:{port}"):
        request_timestamp(f"http://127.0.0.1:{port}/tsa", DIGEST, timeout=2)


def test_http_error_from_tsa_raises_network_error():
    tsa = LocalTSA(clock=lambda: GEN_TIME)
    tsa.http_status = 503
    with tsa.serve() as url, pytest.raises(TimestampNetworkError, match="HTTP 503"):
        request_timestamp(url, DIGEST, timeout=5)


def test_garbage_response_is_invalid():
    with pytest.raises(TimestampResponseInvalid):
        parse_response(b"<html>Service Unavailable</html>")
    assert verify_token(b"\x30\x03\x02\x01\x01", DIGEST).failure is TimestampFailure.MALFORMED


def test_only_http_urls_are_accepted():
    with pytest.raises(ValueError, match="http or https"):
        request_timestamp("file:///etc/passwd", DIGEST, timeout=1)


needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI missing")


@needs_openssl
def test_openssl_accepts_the_test_tsa_responses(tsa, tmp_path):
    (tmp_path / "reply.tsr").write_bytes(tsa.sign_timestamp_request(build_request(DIGEST, 9)))
    (tmp_path / "ca.pem").write_bytes(tsa.ca_cert.public_bytes(Encoding.PEM))

    result = subprocess.run(
        ["openssl", "ts", "-verify", "-digest", DIGEST, "-in", "reply.tsr", "-CAfile", "ca.pem"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Verification: OK" in result.stdout


def _openssl_tsa_reply(tsa: LocalTSA, folder: Path, request_der: bytes) -> bytes:
    key_pem = tsa.tsa_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    (folder / "tsa.key").write_bytes(key_pem)
    (folder / "tsa.pem").write_bytes(tsa.tsa_cert.public_bytes(Encoding.PEM))
    (folder / "serial").write_text("0A\n")
    (folder / "tsa.cnf").write_text(
        "[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\n"
        f"serial = {folder}/serial\nsigner_cert = {folder}/tsa.pem\n"
        f"signer_key = {folder}/tsa.key\nsigner_digest = sha256\n"
        "default_policy = 2.999.3161.2\ndigests = sha256\naccuracy = secs:1\n"
        "ess_cert_id_alg = sha256\n"
    )
    (folder / "query.tsq").write_bytes(request_der)
    subprocess.run(
        ["openssl", "ts", "-reply", "-config", "tsa.cnf", "-queryfile", "query.tsq"]
        + ["-out", "reply.tsr"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    return (folder / "reply.tsr").read_bytes()


@needs_openssl
@pytest.mark.parametrize("key_type", ["ec", "rsa"])
def test_tokens_from_openssls_own_tsa_verify(key_type, tmp_path):
    tsa = LocalTSA(key_type=key_type)
    token = parse_response(_openssl_tsa_reply(tsa, tmp_path, build_request(DIGEST, 77)))

    assert token.serial_number == 11  # openssl's serial file holds the last serial used (0x0A)
    assert token.policy_oid == "2.999.3161.2"
    assert token.nonce == 77
    good = verify_token(token.token_der, DIGEST, nonce=77, trusted_certs=[tsa.ca_cert_der])
    assert good.valid is True, good.message
    assert verify_token(token.token_der, OTHER_DIGEST).failure is (
        TimestampFailure.IMPRINT_MISMATCH
    )
