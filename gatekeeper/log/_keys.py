"""Ed25519 keys that anchor the decision log: writers sign, auditors verify.

The private key stays outside the log (a PEM file named by ``--log-key`` or
``$GATEKEEPER_LOG_KEY``); verifying needs only the public key (``--key`` or
``$GATEKEEPER_LOG_VERIFY_KEY``). A key is always read from a file, never given on
the command line. ``cryptography`` is imported only when a key is used.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, NamedTuple

from gatekeeper.models._exceptions import DecisionLogError

SIGNING_KEY_ENV = "GATEKEEPER_LOG_KEY"
VERIFY_KEY_ENV = "GATEKEEPER_LOG_VERIFY_KEY"


def _key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def _public_raw(public_key: Any) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw: bytes = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return raw


MAX_KEY_BYTES = 64 * 1024
"""The largest key file read (an Ed25519 PEM is about 120 bytes)."""


def _read_pem(path: Path, what: str) -> bytes:
    """A key file's bytes: a regular file of at most ``MAX_KEY_BYTES`` (``docs/security.md``)."""
    from gatekeeper.limits._files import read_regular

    try:
        return read_regular(path, what, MAX_KEY_BYTES, DecisionLogError)
    except OSError as exc:
        raise DecisionLogError(f"{what} {path}: cannot read: {exc.strerror or exc}") from exc


class LogSigner(NamedTuple):
    """Signs records and heads with an Ed25519 private key."""

    key: Any
    key_id: str

    def sign(self, message: bytes) -> str:
        """The hex signature of ``message``."""
        signature: bytes = self.key.sign(message)
        return signature.hex()


class LogVerifier(NamedTuple):
    """Checks signatures made by :class:`LogSigner` with the matching public key."""

    key: Any
    key_id: str

    def is_valid(self, message: bytes, signature_hex: str) -> bool:
        """Whether ``signature_hex`` is this key's signature of ``message``."""
        from cryptography.exceptions import InvalidSignature

        try:
            self.key.verify(bytes.fromhex(signature_hex), message)
        except (InvalidSignature, ValueError):
            return False
        return True


def load_signer(path: str | os.PathLike[str]) -> LogSigner:
    """Read an Ed25519 private key (PEM, unencrypted) for signing."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key_path = Path(path)
    pem = _read_pem(key_path, "log key")
    try:
        key = load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise DecisionLogError(f"log key {key_path}: not an unencrypted PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise DecisionLogError(f"log key {key_path}: not an Ed25519 key")
    return LogSigner(key=key, key_id=_key_id(_public_raw(key.public_key())))


def load_verifier(path: str | os.PathLike[str]) -> LogVerifier:
    """Read an Ed25519 public key (or a private key, whose public half is used)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    key_path = Path(path)
    pem = _read_pem(key_path, "verify key")
    if b"PRIVATE KEY" in pem:
        signer = load_signer(key_path)
        private: Ed25519PrivateKey = signer.key
        return LogVerifier(key=private.public_key(), key_id=signer.key_id)
    try:
        key = load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise DecisionLogError(f"verify key {key_path}: not a PEM public key") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise DecisionLogError(f"verify key {key_path}: not an Ed25519 key")
    return LogVerifier(key=key, key_id=_key_id(_public_raw(key)))


def signer_from(explicit: str | None) -> LogSigner | None:
    """The signer in force: ``--log-key``, else ``$GATEKEEPER_LOG_KEY``, else none."""
    path = explicit or os.environ.get(SIGNING_KEY_ENV)
    return load_signer(path) if path else None


def verifier_from(explicit: str | None) -> LogVerifier | None:
    """The verifier in force: ``--key``, else ``$GATEKEEPER_LOG_VERIFY_KEY``, else none."""
    path = explicit or os.environ.get(VERIFY_KEY_ENV)
    return load_verifier(path) if path else None


def generate_key_pair(private_path: Path, public_path: Path) -> str:
    """Write a new Ed25519 key pair (private key mode 0600); return its key id."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    public_pem = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    try:
        fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(private_pem)
        public_path.write_bytes(public_pem)
    except OSError as exc:
        raise DecisionLogError(f"log keygen: cannot write: {exc.strerror or exc}") from exc
    return _key_id(_public_raw(key.public_key()))
