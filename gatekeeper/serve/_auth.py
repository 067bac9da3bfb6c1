"""Bearer tokens from a file: token -> identity, compared in constant time.

The file is YAML (or JSON) mapping each token to the identity it stands for::

    "4f9c...e1": alice@example.com
    "b7d0...3a": argo-rollouts

It must not be readable by group or others (like an SSH key): tokens never appear
on a command line or in a process listing. The identity is what the approval gate
sees as the approver, never a name from the request body.
"""

from __future__ import annotations

import hmac
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from gatekeeper.limits._files import read_regular
from gatekeeper.models._exceptions import InputError

MIN_TOKEN_LENGTH = 16
MAX_TOKENS_FILE_BYTES = 1 << 20
"""A tokens file larger than this is refused (it holds a line per token)."""


@dataclass(frozen=True)
class TokenTable:
    """Tokens and the identities they authenticate."""

    entries: tuple[tuple[bytes, str], ...]

    def identify(self, token: str) -> str | None:
        """The identity of ``token``, or ``None``; every entry is compared (constant time)."""
        offered = token.encode("utf-8")
        found: str | None = None
        for secret, identity in self.entries:
            if hmac.compare_digest(secret, offered):
                found = identity
        return found


def load_tokens(path: Path) -> TokenTable:
    """Read a token file; an unsafe, unreadable or malformed file is an ``InputError``."""
    import yaml

    where = f"--tokens-file {path}"
    try:
        mode = os.stat(path).st_mode
        text = read_regular(path, "--tokens-file", MAX_TOKENS_FILE_BYTES, InputError).decode()
    except OSError as exc:
        raise InputError(f"{where}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text: {exc}") from exc
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise InputError(f"{where}: readable by group or others; chmod 600 it")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not raw:
        raise InputError(f"{where}: a mapping token -> identity is required")
    entries: list[tuple[bytes, str]] = []
    for token, identity in raw.items():
        if not isinstance(token, str) or len(token) < MIN_TOKEN_LENGTH:
            raise InputError(f"{where}: every token must be a string of {MIN_TOKEN_LENGTH}+ chars")
        if not isinstance(identity, str) or not identity.strip():
            raise InputError(f"{where}: the token for entry {len(entries) + 1} has no identity")
        entries.append((token.encode("utf-8"), identity.strip()))
    return TokenTable(tuple(entries))


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, else ``None``."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
