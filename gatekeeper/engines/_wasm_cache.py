"""The on-disk cache of compiled policy machine code (and of Wasm built from a policy folder).

Compiling the Wasm policy to machine code takes a few hundred milliseconds;
loading a serialised module takes about 2 ms. Entries live in the user's cache
folder (``$XDG_CACHE_HOME/gatekeeper``, else ``~/.cache/gatekeeper``; override with
``$GATEKEEPER_CACHE_DIR``), named by the sha256 of the Wasm and the wasmtime
version and configuration, written atomically (temporary file + rename) with
mode 0600 in a 0700 folder.

A folder keeps its :data:`KEEP_ENTRIES` most recently used entries: a read marks
an entry used (its modification time), and a write removes the least recently
used beyond that number, so rebuilt policies do not pile up.

Every entry starts with a header line ``gatekeeper-cache 1 <sha256 of the payload>``.
An entry that cannot be read, does not start with that header, or whose payload
does not match its digest is ignored and rebuilt: wasmtime never deserialises
bytes whose digest was not checked first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

CACHE_DIR_ENV = "GATEKEEPER_CACHE_DIR"
_MAGIC = b"gatekeeper-cache 1 "
_HEADER_LENGTH = len(_MAGIC) + 64 + 1
KEEP_ENTRIES = 8
"""Entries kept per cache folder (the most recently used)."""


def cache_dir() -> Path:
    """``$GATEKEEPER_CACHE_DIR``, ``$XDG_CACHE_HOME/gatekeeper`` or ``~/.cache/gatekeeper``."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "gatekeeper"


def read_entry(path: Path) -> bytes | None:
    """The payload of a cache entry, or None when it is absent, foreign or corrupt."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    header, payload = raw[:_HEADER_LENGTH], raw[_HEADER_LENGTH:]
    if not header.startswith(_MAGIC) or not header.endswith(b"\n"):
        return None
    expected = header[len(_MAGIC) : -1].decode("ascii", "replace")
    if hashlib.sha256(payload).hexdigest() != expected:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used: kept by the next prune
    return payload


def prune(folder: Path, keep: int = KEEP_ENTRIES) -> list[Path]:
    """Remove all but the ``keep`` most recently used entries of ``folder``; the removed."""
    entries = []
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            if entry.is_file(follow_symlinks=False) and not entry.name.startswith("."):
                with contextlib.suppress(OSError):
                    entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    entries.sort(reverse=True)
    removed = []
    for _, stale in entries[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(stale)
            removed.append(Path(stale))
    return removed


def write_entry(path: Path, payload: bytes) -> bool:
    """Store ``payload`` at ``path`` atomically with mode 0600; False when it cannot."""
    header = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n"
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(header)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    prune(path.parent)
    return True
