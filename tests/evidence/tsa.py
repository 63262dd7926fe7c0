"""A tiny but real RFC 3161 Time-Stamping Authority for tests.

It owns a self-signed CA and a TSA certificate (critical EKU id-kp-timeStamping) made with
`cryptography`, signs genuine TimeStampResp/CMS SignedData answers with asn1crypto, and serves them
over HTTP on 127.0.0.1. It deliberately does not reuse the client code it is testing.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

from asn1crypto import cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

TEST_POLICY_OID = "2.999.3161.1"  # 2.999 is the ASN.1 arc reserved for examples

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


class _TimeStampResp(core.Sequence):
    _fields = [
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


def _new_key(key_type: Literal["ec", "rsa"]) -> PrivateKey:
    if key_type == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


_CA_KEY_USAGE = x509.KeyUsage(
    digital_signature=False,
    content_commitment=False,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=True,
    crl_sign=True,
    encipher_only=False,
    decipher_only=False,
)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "IPGuard tests"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


class LocalTSA:
    """A CA, a TSA certificate it issued, and knobs to make the TSA misbehave."""

    def __init__(
        self,
        *,
        key_type: Literal["ec", "rsa"] = "ec",
        eku: tuple[x509.ObjectIdentifier, ...] = (ExtendedKeyUsageOID.TIME_STAMPING,),
        eku_critical: bool = True,
        ca_is_ca: bool = True,
        name: str = "IPGuard Test TSA",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        intermediate: bool = False,
    ) -> None:
        """`intermediate`: the root CA issues an intermediate CA, which issues the TSA
        certificate; answers carry the intermediate beside the TSA certificate."""
        self.clock = clock
        self.key_type = key_type
        now = clock()  # certificates are valid around the TSA's own clock
        self.ca_key = _new_key("ec")
        ca_name = _name(f"{name} Root CA")
        self.ca_cert = (
            x509.CertificateBuilder()
            .subject_name(ca_name)
            .issuer_name(ca_name)
            .public_key(self.ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=3650))
            .add_extension(
                x509.BasicConstraints(
                    ca=ca_is_ca, path_length=(1 if intermediate else 0) if ca_is_ca else None
                ),
                critical=True,
            )
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(self.ca_key, hashes.SHA256())
        )
        self.chain: list[x509.Certificate] = []
        issuer_key, issuer_name = self.ca_key, ca_name
        if intermediate:
            issuer_key, issuer_name = _new_key("ec"), _name(f"{name} Issuing CA")
            self.chain = [
                x509.CertificateBuilder()
                .subject_name(issuer_name)
                .issuer_name(ca_name)
                .public_key(issuer_key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - timedelta(days=1))
                .not_valid_after(now + timedelta(days=1825))
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                .add_extension(_CA_KEY_USAGE, critical=True)
                .add_extension(
                    x509.AuthorityKeyIdentifier.from_issuer_public_key(self.ca_key.public_key()),
                    critical=False,
                )
                .sign(self.ca_key, hashes.SHA256())
            ]
        self.tsa_key = _new_key(key_type)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(issuer_name)
            .public_key(self.tsa_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        )
        if eku:
            builder = builder.add_extension(x509.ExtendedKeyUsage(list(eku)), critical=eku_critical)
        self.tsa_cert = builder.sign(issuer_key, hashes.SHA256())

        self.serial = 1000
        self.reject_with: str | None = None  # e.g. "bad_alg": answer every request with rejection
        self.nonce_override: int | None = None  # echo this instead of the request's nonce
        self.ess_names: bytes | None = None  # DER certificate the signing-certificate attr names
        self.http_status = 200
        self.received: list[tuple[str | None, bytes]] = []  # (Content-Type, body) per request

    @property
    def ca_cert_der(self) -> bytes:
        return self.ca_cert.public_bytes(Encoding.DER)

    @property
    def tsa_cert_der(self) -> bytes:
        return self.tsa_cert.public_bytes(Encoding.DER)

    def _rejection(self, fail_info: str, text: str) -> bytes:
        status = {"status": "rejection", "status_string": [text], "fail_info": {fail_info}}
        return _TimeStampResp({"status": status}).dump()

    def sign_timestamp_request(self, request_der: bytes) -> bytes:
        """Answer a DER TimeStampReq with a DER TimeStampResp, as a TSA does."""
        if self.reject_with:
            return self._rejection(self.reject_with, "Request refused by the test TSA")
        try:
            request = tsp.TimeStampReq.load(request_der, strict=True)
            imprint = request["message_imprint"]
            algorithm = imprint["hash_algorithm"]["algorithm"].native
            nonce = request["nonce"].native
            cert_req = request["cert_req"].native
        except ValueError:
            return self._rejection("bad_data_format", "The request is not a TimeStampReq")
        if algorithm not in ("sha256", "sha384", "sha512"):
            return self._rejection("bad_alg", f"Unsupported hash algorithm {algorithm}")

        self.serial += 1
        tst_fields = {
            "version": "v1",
            "policy": TEST_POLICY_OID,
            "message_imprint": imprint,
            "serial_number": self.serial,
            "gen_time": self.clock().replace(microsecond=0),
            "accuracy": {"seconds": 1},
        }
        if self.nonce_override is not None or nonce is not None:
            tst_fields["nonce"] = self.nonce_override if self.nonce_override is not None else nonce
        tst_info = tsp.TSTInfo(tst_fields)
        tst_der = tst_info.dump()

        cert_der = self.tsa_cert_der
        named = self.ess_names or cert_der
        asn1_cert = asn1_x509.Certificate.load(cert_der)
        signed_attrs = cms.CMSAttributes(
            [
                {"type": "content_type", "values": ["tst_info"]},
                {"type": "message_digest", "values": [hashlib.sha256(tst_der).digest()]},
                {
                    "type": "signing_certificate_v2",
                    "values": [{"certs": [{"cert_hash": hashlib.sha256(named).digest()}]}],
                },
            ]
        )
        to_sign = signed_attrs.dump()  # DER SET OF, which is what a CMS signature covers
        if isinstance(self.tsa_key, rsa.RSAPrivateKey):
            signature = self.tsa_key.sign(to_sign, padding.PKCS1v15(), hashes.SHA256())
            signature_algorithm = "sha256_rsa"
        else:
            signature = self.tsa_key.sign(to_sign, ec.ECDSA(hashes.SHA256()))
            signature_algorithm = "sha256_ecdsa"
        signed_data = cms.SignedData(
            {
                "version": "v3",
                "digest_algorithms": [{"algorithm": "sha256"}],
                "encap_content_info": {"content_type": "tst_info", "content": tst_info},
                "signer_infos": [
                    {
                        "version": "v1",
                        "sid": {
                            "issuer_and_serial_number": {
                                "issuer": asn1_cert.issuer,
                                "serial_number": asn1_cert.serial_number,
                            }
                        },
                        "digest_algorithm": {"algorithm": "sha256"},
                        "signed_attrs": signed_attrs,
                        "signature_algorithm": {"algorithm": signature_algorithm},
                        "signature": signature,
                    }
                ],
            }
        )
        if cert_req:
            chain = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in self.chain]
            signed_data["certificates"] = [asn1_cert, *chain]
        token = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
        return _TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token}).dump()

    @contextmanager
    def serve(self) -> Iterator[str]:
        """Run the TSA over HTTP on an ephemeral loopback port; yield its URL."""
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                tsa.received.append((self.headers.get("Content-Type"), body))
                if tsa.http_status != 200:
                    self.send_error(tsa.http_status)
                    return
                try:
                    answer = tsa.sign_timestamp_request(body)
                except Exception:  # a bug here should fail the test, not hang the client
                    self.send_error(500)
                    raise
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}/tsa"
        finally:
            server.shutdown()
            server.server_close()
            thread.join()
