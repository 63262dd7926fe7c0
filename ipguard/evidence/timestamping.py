"""RFC 3161 trusted timestamps: request one for a SHA-256 digest, parse the reply, verify a token.

Pure Python (no Django). A token proves that the digest (an evidence file's hash, or a chain head
hash) existed at the token's genTime, on the word of the Time-Stamping Authority that signed it.
`verify_token` checks what RFC 3161 section 2.4.2 asks of a client: the messageImprint and nonce
match, the CMS signature is good, and the signer certificate is a timestamping certificate
(critical extended key usage whose only purpose is id-kp-timeStamping, as `openssl ts -verify`
also demands), valid at genTime and, when `trusted_certs` are given, one of them or linked to one
by a full certificate path (through intermediate CAs the token carries), validated at genTime.
Revocation is not checked.
"""

from __future__ import annotations

import hashlib
import http.client
import re
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

from asn1crypto import algos, cms, core, tsp
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import verification
from cryptography.x509.oid import ExtendedKeyUsageOID

MAX_RESPONSE_BYTES = 1024 * 1024
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


class TimeStampResp(core.Sequence):
    """RFC 3161's TimeStampResp. asn1crypto 1.5.1 marks the token as required, but a rejection
    carries none (the RFC makes it OPTIONAL), so such answers would not even parse."""

    _fields = [
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


class TimestampError(Exception):
    """Base class: no usable timestamp was obtained or the token cannot be read."""


class TimestampNetworkError(TimestampError):
    """The TSA could not be reached, or answered with an HTTP error."""


class TimestampResponseInvalid(TimestampError):
    """The TSA's answer is not a well-formed RFC 3161 response or token."""


class TimestampRejected(TimestampError):
    """The TSA answered with a status other than granted."""

    def __init__(self, status: str, status_text: str, fail_info: tuple[str, ...]) -> None:
        detail = f": {status_text}" if status_text else ""
        failures = f" ({', '.join(fail_info)})" if fail_info else ""
        super().__init__(f"The timestamp authority refused the request: {status}{detail}{failures}")
        self.status = status
        self.status_text = status_text
        self.fail_info = fail_info


class TimestampVerificationFailed(TimestampError):
    """A token was received but does not verify."""

    def __init__(self, verification: TimestampVerification) -> None:
        super().__init__(verification.message)
        self.verification = verification


class TimestampFailure(StrEnum):
    MALFORMED = "malformed"
    IMPRINT_MISMATCH = "imprint_mismatch"
    NONCE_MISMATCH = "nonce_mismatch"
    SIGNER_UNKNOWN = "signer_unknown"
    BAD_SIGNATURE = "bad_signature"
    NOT_TIMESTAMPING_CERT = "not_timestamping_cert"
    CERT_NOT_VALID = "cert_not_valid"
    UNTRUSTED = "untrusted"


@dataclass(frozen=True)
class TimestampToken:
    token_der: bytes  # the CMS ContentInfo (TimeStampToken): store this, it is self-contained
    gen_time: datetime  # aware, UTC
    serial_number: int
    policy_oid: str
    nonce: int | None
    hash_algorithm: str  # of the messageImprint, e.g. "sha256"
    message_imprint: str  # lowercase hex


@dataclass(frozen=True)
class TimestampVerification:
    valid: bool
    failure: TimestampFailure | None
    message: str
    token: TimestampToken | None = None
    signer_subject: str | None = None


def new_nonce() -> int:
    return secrets.randbelow(2**64 - 1) + 1


def build_request(digest_hex: str, nonce: int) -> bytes:
    """DER TimeStampReq for a SHA-256 digest, asking the TSA to include its certificate."""
    if not _HEX64.fullmatch(digest_hex):
        raise ValueError("digest_hex must be a SHA-256 digest: 64 hex characters.")
    request = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": bytes.fromhex(digest_hex),
            },
            "nonce": nonce,
            "cert_req": True,
        }
    )
    return request.dump()


def _signed_data(content_info: cms.ContentInfo) -> cms.SignedData:
    if content_info["content_type"].native != "signed_data":
        raise TimestampResponseInvalid("The timestamp token is not CMS SignedData.")
    signed_data = content_info["content"]
    if signed_data["encap_content_info"]["content_type"].native != "tst_info":
        raise TimestampResponseInvalid("The timestamp token does not contain a TSTInfo.")
    return signed_data


def _token_from(content_info: cms.ContentInfo) -> TimestampToken:
    try:
        encap = _signed_data(content_info)["encap_content_info"]
        tst_info = tsp.TSTInfo.load(bytes(encap["content"]))
        imprint = tst_info["message_imprint"]
        return TimestampToken(
            token_der=content_info.dump(),
            gen_time=tst_info["gen_time"].native,
            serial_number=tst_info["serial_number"].native,
            policy_oid=tst_info["policy"].dotted,
            nonce=tst_info["nonce"].native,
            hash_algorithm=imprint["hash_algorithm"]["algorithm"].native,
            message_imprint=imprint["hashed_message"].native.hex(),
        )
    except TimestampResponseInvalid:
        raise
    except (ValueError, TypeError, LookupError) as error:
        raise TimestampResponseInvalid(f"The timestamp token cannot be read: {error}") from error


def parse_token(token_der: bytes) -> TimestampToken:
    """Read a stored TimeStampToken (CMS ContentInfo DER) without verifying it."""
    try:
        content_info = cms.ContentInfo.load(token_der, strict=True)
    except (ValueError, TypeError) as error:
        raise TimestampResponseInvalid(f"The timestamp token is not valid DER: {error}") from error
    return _token_from(content_info)


def parse_response(der: bytes) -> TimestampToken:
    """Read a TimeStampResp: raise `TimestampRejected` unless granted, else return its token."""
    try:
        response = TimeStampResp.load(der, strict=True)
        status_info = response["status"]
        status = status_info["status"].native
    except (ValueError, TypeError) as error:
        raise TimestampResponseInvalid(f"The TSA's response is not valid DER: {error}") from error
    if status not in ("granted", "granted_with_mods"):
        text = " ".join(status_info["status_string"].native or [])
        fail_info = tuple(sorted(status_info["fail_info"].native or ()))
        raise TimestampRejected(str(status), text, fail_info)
    if not isinstance(response["time_stamp_token"], cms.ContentInfo):
        raise TimestampResponseInvalid("The TSA granted the request but sent no token.")
    return _token_from(response["time_stamp_token"])


def _load_cert(data: bytes) -> x509.Certificate:
    """A certificate given as DER or PEM."""
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(data)
    return x509.load_der_x509_certificate(data)


class _Failed(Exception):
    def __init__(self, failure: TimestampFailure, message: str) -> None:
        super().__init__(message)
        self.failure = failure


def _find_signer(signed_data: cms.SignedData, extra: list[x509.Certificate]) -> x509.Certificate:
    sid = signed_data["signer_infos"][0]["sid"]
    embedded = [
        c.chosen.dump() for c in signed_data["certificates"] or [] if c.name == "certificate"
    ]
    for der in embedded + [cert.public_bytes(Encoding.DER) for cert in extra]:
        cert = cms.Certificate.load(der)
        if sid.name == "issuer_and_serial_number":
            matches = (
                cert.serial_number == sid.chosen["serial_number"].native
                and cert.issuer.dump() == sid.chosen["issuer"].dump()
            )
        else:
            matches = cert.key_identifier == sid.chosen.native
        if matches:
            return x509.load_der_x509_certificate(der)
    message = "The token does not include the certificate that signed it."
    raise _Failed(TimestampFailure.SIGNER_UNKNOWN, message)


def _attribute(signer_info: cms.SignerInfo, name: str) -> core.Asn1Value | None:
    for attribute in signer_info["signed_attrs"]:
        if attribute["type"].native == name:
            return attribute["values"][0]
    return None


def _hash(name: str) -> hashes.HashAlgorithm:
    if name not in _HASHES:
        raise ValueError(f"unsupported hash algorithm {name!r}")
    return _HASHES[name]()


def _digest(name: str, data: bytes) -> bytes:
    return hashlib.new(_hash(name).name, data).digest()


def _signature_problem(
    cert: x509.Certificate, signer_info: cms.SignerInfo, encap: cms.EncapsulatedContentInfo
) -> str | None:
    """None if the CMS signature over the signed attributes verifies, else what is wrong."""
    if not signer_info["signed_attrs"]:
        return "it has no signed attributes"
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    content_type = _attribute(signer_info, "content_type")
    if content_type is None or content_type.native != "tst_info":
        return "its content-type attribute is not TSTInfo"
    message_digest = _attribute(signer_info, "message_digest")
    tst_info_digest = _digest(digest_name, bytes(encap["content"]))
    if message_digest is None or message_digest.native != tst_info_digest:
        return "the signed message digest does not match the TSTInfo"
    # ESS signing-certificate(-v2) binds the signer certificate; RFC 3161 requires one of them.
    cert_der = cert.public_bytes(Encoding.DER)
    ess = _attribute(signer_info, "signing_certificate_v2")
    if ess is not None:
        cert_id = ess["certs"][0]
        expected = _digest(cert_id["hash_algorithm"]["algorithm"].native, cert_der)
    elif (ess := _attribute(signer_info, "signing_certificate")) is not None:
        cert_id, expected = ess["certs"][0], hashlib.sha1(cert_der).digest()
    if ess is not None and cert_id["cert_hash"].native != expected:
        return "its signing-certificate attribute names a different certificate"

    # The signature covers the DER SET OF the attributes, i.e. the [0] IMPLICIT field re-tagged.
    signed_bytes = b"\x31" + signer_info["signed_attrs"].dump()[1:]
    signature = signer_info["signature"].native
    algorithm: algos.SignedDigestAlgorithm = signer_info["signature_algorithm"]
    kind, key = algorithm.signature_algo, cert.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey) and kind == "rsassa_pss":
            params = algorithm["parameters"]
            mgf_hash = _hash(params["mask_gen_algorithm"]["parameters"]["algorithm"].native)
            pss = padding.PSS(padding.MGF1(mgf_hash), params["salt_length"].native)
            key.verify(signature, signed_bytes, pss, _hash(algorithm.hash_algo))
        elif isinstance(key, rsa.RSAPublicKey) and kind == "rsassa_pkcs1v15":
            key.verify(signature, signed_bytes, padding.PKCS1v15(), _hash(digest_name))
        elif isinstance(key, ec.EllipticCurvePublicKey) and kind == "ecdsa":
            key.verify(signature, signed_bytes, ec.ECDSA(_hash(digest_name)))
        elif isinstance(key, ed25519.Ed25519PublicKey) and kind == "ed25519":
            key.verify(signature, signed_bytes)
        else:
            return f"its signature algorithm {kind} does not fit the certificate's key"
    except InvalidSignature:
        return "the signature is not valid for the signer certificate"
    return None


def _is_timestamping_cert(cert: x509.Certificate) -> bool:
    try:
        usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        return False
    return usage.critical and list(usage.value) == [ExtendedKeyUsageOID.TIME_STAMPING]


def _valid_at(cert: x509.Certificate, moment: datetime) -> bool:
    return cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc


def _is_trusted(
    cert: x509.Certificate,
    trusted: list[x509.Certificate],
    moment: datetime,
    intermediates: list[x509.Certificate],
) -> bool:
    """The certificate is a trusted one, or a full certificate path leads from it to a trusted
    CA at `moment`, through the CA certificates the token carries (RFC 5280 path validation by
    cryptography's verifier: signatures, validity at genTime, CA flags and path lengths, key
    usage; the timestamping key purpose is checked by `_is_timestamping_cert`)."""
    if cert in trusted:
        return True
    if not trusted:
        return False
    verifier = (
        verification.PolicyBuilder()
        .store(verification.Store(trusted))
        .time(moment)
        .extension_policies(
            ca_policy=verification.ExtensionPolicy.webpki_defaults_ca(),
            ee_policy=verification.ExtensionPolicy.permit_all(),
        )
        .build_client_verifier()
    )
    try:
        verifier.verify(cert, [c for c in intermediates if c != cert])
    except verification.VerificationError:
        return False
    return True


def _embedded_certificates(signed_data: cms.SignedData) -> list[x509.Certificate]:
    return [
        x509.load_der_x509_certificate(c.chosen.dump())
        for c in signed_data["certificates"] or []
        if c.name == "certificate"
    ]


def _check(
    token: TimestampToken,
    signed_data: cms.SignedData,
    signer: x509.Certificate,
    trusted: list[x509.Certificate] | None,
) -> None:
    subject = signer.subject.rfc4514_string()
    try:
        problem = _signature_problem(
            signer, signed_data["signer_infos"][0], signed_data["encap_content_info"]
        )
    except (ValueError, TypeError, LookupError, UnsupportedAlgorithm) as error:
        problem = f"it cannot be checked ({error})"
    if problem:
        message = f"The token's signature is not valid: {problem}."
        raise _Failed(TimestampFailure.BAD_SIGNATURE, message)
    if not _is_timestamping_cert(signer):
        message = (
            f"The signer {subject} is not a timestamping certificate (it needs a critical "
            "extended key usage of id-kp-timeStamping only)."
        )
        raise _Failed(TimestampFailure.NOT_TIMESTAMPING_CERT, message)
    if not _valid_at(signer, token.gen_time):
        message = (
            f"The signer certificate {subject} was not valid at the token's time "
            f"{token.gen_time.isoformat()}."
        )
        raise _Failed(TimestampFailure.CERT_NOT_VALID, message)
    if trusted is not None and not _is_trusted(
        signer, trusted, token.gen_time, _embedded_certificates(signed_data)
    ):
        message = f"The signer {subject} is not one of the trusted timestamp authorities."
        raise _Failed(TimestampFailure.UNTRUSTED, message)


def verify_token(
    token_der: bytes,
    digest_hex: str,
    *,
    nonce: int | None = None,
    trusted_certs: list[bytes] | None = None,
) -> TimestampVerification:
    """Check a TimeStampToken against the SHA-256 digest it should cover. Never raises on a bad
    token: the result says what failed. `trusted_certs` are DER or PEM certificates."""
    trusted = None if trusted_certs is None else [_load_cert(data) for data in trusted_certs]
    token: TimestampToken | None = None
    subject: str | None = None
    try:
        try:
            content_info = cms.ContentInfo.load(token_der, strict=True)
            token, signed_data = _token_from(content_info), content_info["content"]
        except (TimestampResponseInvalid, ValueError, TypeError) as error:
            raise _Failed(TimestampFailure.MALFORMED, str(error)) from error
        if token.hash_algorithm != "sha256" or token.message_imprint != digest_hex.lower():
            message = (
                f"The token covers {token.hash_algorithm}:{token.message_imprint}, not this "
                f"file (sha256:{digest_hex.lower()})."
            )
            raise _Failed(TimestampFailure.IMPRINT_MISMATCH, message)
        if nonce is not None and token.nonce != nonce:
            message = (
                f"The token's nonce {token.nonce} is not the {nonce} that was sent: it may be "
                "a replayed answer to another request."
            )
            raise _Failed(TimestampFailure.NONCE_MISMATCH, message)
        if len(signed_data["signer_infos"]) != 1:
            raise _Failed(TimestampFailure.MALFORMED, "A token must have exactly one signer.")
        signer = _find_signer(signed_data, trusted or [])
        subject = signer.subject.rfc4514_string()
        _check(token, signed_data, signer, trusted)
    except _Failed as failed:
        return TimestampVerification(False, failed.failure, str(failed), token, subject)
    except (ValueError, TypeError, LookupError, x509.InvalidVersion, UnsupportedAlgorithm) as error:
        message = f"The timestamp token cannot be read: {error}"
        return TimestampVerification(False, TimestampFailure.MALFORMED, message, token, subject)
    message = f"Timestamp valid: signed by {subject} at {token.gen_time.isoformat()}."
    return TimestampVerification(True, None, message, token, subject)


def request_timestamp(
    url: str,
    digest_hex: str,
    *,
    timeout: float,
    trusted_certs: list[bytes] | None = None,
) -> TimestampToken:
    """Ask the TSA at `url` to timestamp a SHA-256 digest; return the verified token.

    Raises `TimestampNetworkError`, `TimestampResponseInvalid`, `TimestampRejected` or
    `TimestampVerificationFailed` (all `TimestampError`).
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"A timestamp authority URL must be http or https, not {url!r}.")
    nonce = new_nonce()
    request = urllib.request.Request(
        url,
        data=build_request(digest_hex, nonce),
        method="POST",
        headers={
            "Content-Type": "application/timestamp-query",
            "Accept": "application/timestamp-reply",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            der = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise TimestampNetworkError(
            f"The timestamp authority at {url} answered HTTP {error.code} {error.reason}."
        ) from error
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        raise TimestampNetworkError(
            f"The request to the timestamp authority at {url} failed: {reason}."
        ) from error
    if len(der) > MAX_RESPONSE_BYTES:
        raise TimestampResponseInvalid(f"The answer from {url} is too large to be a timestamp.")
    token = parse_response(der)
    verification = verify_token(
        token.token_der, digest_hex, nonce=nonce, trusted_certs=trusted_certs
    )
    if not verification.valid:
        raise TimestampVerificationFailed(verification)
    return token
