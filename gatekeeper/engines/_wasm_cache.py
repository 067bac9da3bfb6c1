"""The on-disk cache of compiled policy machine code (and of Wasm built from a policy folder).

Compiling the Wasm policy to machine code takes a few hundred milliseconds;
loading a serialised module takes about 2 ms. Entries live in the user's cache
folder (``$XDG_CACHE_HOME/gatekeeper``, else ``~/.cache/gatekeeper``; override with
``$GATEKEEPER_CACHE_DIR``), named by the sha256 of the Wasm and the wasmtime
version and configuration, written atomically (temporary file + rename) with
mode 0600 in a 0700 folder.

Only a cache nobody else could have written is used (docs/security.md, "A compiled
policy proves what it is"): the cache folder, its sub-folder and the entry must
each be owned by the current user, writable by neither group nor others, and not
a symbolic link; the folders must be folders and the entry a regular file. Each
is opened without following links (``O_NOFOLLOW``, relative to the folder already
checked) and checked on the open descriptor, so nothing can be swapped in between
the check and the read. Anything else is a :class:`CacheRefused` (exit 2) naming
the path: gatekeeper never decides with it, and never writes into it.

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
import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from gatekeeper.models._exceptions import EngineError

CACHE_DIR_ENV = "GATEKEEPER_CACHE_DIR"
_MAGIC = b"gatekeeper-cache 1 "
_HEADER_LENGTH = len(_MAGIC) + 64 + 1
KEEP_ENTRIES = 8
"""Entries kept per cache folder (the most recently used)."""
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_ENTRY_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_REMEDY = f"remove it, or point ${CACHE_DIR_ENV} at a folder only you can write"


class CacheRefused(EngineError):
    """A cache folder or entry someone else could have written: never used."""


def cache_dir() -> Path:
    """``$GATEKEEPER_CACHE_DIR``, ``$XDG_CACHE_HOME/gatekeeper`` or ``~/.cache/gatekeeper``."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "gatekeeper"


def untrusted(status: os.stat_result, *, folder: bool) -> str | None:
    """Why a file with ``status`` (from lstat/fstat) may not be used, or None when it may."""
    if stat.S_ISLNK(status.st_mode):
        return "is a symbolic link"
    if folder and not stat.S_ISDIR(status.st_mode):
        return "is not a folder"
    if not folder and not stat.S_ISREG(status.st_mode):
        return "is not a regular file"
    if status.st_uid != os.geteuid():
        return f"is owned by uid {status.st_uid}, not by the current user (uid {os.geteuid()})"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by group or others (mode {stat.S_IMODE(status.st_mode):04o})"
    return None


def _refuse(path: Path, reason: str) -> CacheRefused:
    return CacheRefused(f"embedded: refusing the compiled-policy cache: {path} {reason}: {_REMEDY}")


def _folders(folder: Path) -> list[Path]:
    """The cache folder and ``folder`` below it (just ``folder`` when it is elsewhere)."""
    root = cache_dir()
    if folder.parent == root:
        return [root, folder]
    return [folder]


def _open_checked(path: Path, flags: int, dir_fd: int | None, *, folder: bool) -> int | None:
    """A descriptor of ``path`` (never through a link) that passed :func:`untrusted`.

    None when ``path`` does not exist.
    """
    name = path.name if dir_fd is not None else str(path)
    try:
        descriptor = os.open(name, flags, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
            status = os.lstat(name, dir_fd=dir_fd)
            raise _refuse(path, untrusted(status, folder=folder) or "cannot be opened") from exc
        raise
    reason = untrusted(os.fstat(descriptor), folder=folder)
    if reason is not None:
        os.close(descriptor)
        raise _refuse(path, reason)
    return descriptor


@contextlib.contextmanager
def _checked_folder(folder: Path, *, create: bool) -> Iterator[int | None]:
    """A descriptor of ``folder`` after every folder of the chain passed the checks."""
    parent: int | None = None
    try:
        for path in _folders(folder):
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(path.name if parent is not None else path, 0o700, dir_fd=parent)
            descriptor = _open_checked(path, _FOLDER_FLAGS, parent, folder=True)
            if parent is not None:
                os.close(parent)
            parent = descriptor
            if parent is None:
                break
        yield parent
    finally:
        if parent is not None:
            os.close(parent)


def check_folder(folder: Path | None = None) -> None:
    """Raise :class:`CacheRefused` when ``folder`` (default: the cache folder) may not be used."""
    try:
        with _checked_folder(folder or cache_dir(), create=False):
            pass
    except OSError:
        return


def read_entry(path: Path) -> bytes | None:
    """The payload of a cache entry, or None when it is absent, foreign or corrupt.

    :class:`CacheRefused` when the entry or its folders fail the ownership checks.
    """
    try:
        with _checked_folder(path.parent, create=False) as folder:
            if folder is None:
                return None
            descriptor = _open_checked(path, _ENTRY_FLAGS, folder, folder=False)
            if descriptor is None:
                return None
            with os.fdopen(descriptor, "rb") as handle:
                raw = handle.read()
                with contextlib.suppress(OSError):
                    os.utime(handle.fileno())  # most recently used: kept by the next prune
    except OSError:
        return None
    header, payload = raw[:_HEADER_LENGTH], raw[_HEADER_LENGTH:]
    if not header.startswith(_MAGIC) or not header.endswith(b"\n"):
        return None
    expected = header[len(_MAGIC) : -1].decode("ascii", "replace")
    if hashlib.sha256(payload).hexdigest() != expected:
        return None
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
    """Store ``payload`` at ``path`` atomically with mode 0600; False when it cannot.

    :class:`CacheRefused` when the folders fail the ownership checks.
    """
    header = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n"
    try:
        path.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with _checked_folder(path.parent, create=True) as folder:
            if folder is None:
                return False
            _write_in(folder, path.name, header + payload)
    except OSError:
        return False
    prune(path.parent)
    return True


def _write_in(folder: int, name: str, content: bytes) -> None:
    """Write ``content`` to a new 0600 file in ``folder`` and rename it to ``name``."""
    temporary = f".tmp-{os.getpid()}-{os.urandom(6).hex()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    descriptor = os.open(temporary, flags, 0o600, dir_fd=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise
