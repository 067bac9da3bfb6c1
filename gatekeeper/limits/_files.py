"""Open and read files that must be regular files, within a size bound.

A decision log, its head file and a key are files on disk. A symlink to
``/dev/full`` or ``/dev/zero`` reads forever, a FIFO blocks, a directory cannot be
read: each is refused with an error naming the file, before anything is read
(``docs/security.md``, "Only regular files, within bounds"). Symlinks to regular
files are followed (mounted secrets are often symlinks).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gatekeeper.models._exceptions import GatekeeperError

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def require_regular(
    fd: int, path: Path | str, what: str, error: type[GatekeeperError], verb: str = "read"
) -> os.stat_result:
    """``fstat`` of ``fd``; ``error`` naming ``what`` and ``path`` unless it is a regular file."""
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        raise error(f"{what} {path}: cannot {verb}: {kind_of(status.st_mode)}, not a regular file")
    return status


def open_regular(
    path: Path | str,
    what: str,
    error: type[GatekeeperError],
    flags: int = os.O_RDONLY,
    mode: int = 0o644,
    verb: str = "read",
) -> int:
    """A descriptor of ``path`` opened with ``flags``, refused unless a regular file.

    The file is opened non-blocking (a FIFO nobody writes would block ``open``
    itself), checked, and switched back to blocking.
    """
    fd = os.open(path, flags | os.O_NONBLOCK | os.O_CLOEXEC, mode)
    try:
        require_regular(fd, path, what, error, verb)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(
    path: Path | str,
    what: str,
    max_bytes: int,
    error: type[GatekeeperError],
    verb: str = "read",
) -> bytes:
    """The bytes of the regular file ``path``, refused beyond ``max_bytes``.

    ``OSError`` (a missing file, no permission) propagates for the caller to name.
    """
    fd = open_regular(path, what, error, verb=verb)
    try:
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > max_bytes:
        raise error(f"{what} {path}: cannot {verb}: larger than {max_bytes} bytes")
    return b"".join(chunks)
