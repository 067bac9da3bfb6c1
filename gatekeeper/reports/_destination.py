"""Where reports go: checked before deciding, written only after the log holds the record.

:func:`open_destination` fails (exit 2) before any engine runs when ``-o FILE``
cannot be created or stdout is closed or read-only. A single report to a file is
written to a temporary file beside it and renamed into place by ``publish``; a
stream (``--batch``) is written group by group. A write that fails raises
``OutputError``, which the decision log turns into a rollback of the group's records.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from gatekeeper.models._exceptions import GatekeeperError


class OutputError(GatekeeperError):
    """The report could not be written where it was asked for (exit 2)."""


def _stdout_problem() -> str | None:
    stream = sys.stdout
    if stream is None:
        return "stdout is closed"
    try:
        fd = stream.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        return None  # an in-memory stream (tests, embedding): usable
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    except OSError as exc:
        return f"stdout is unusable ({exc.strerror or exc})"
    if flags & os.O_ACCMODE == os.O_RDONLY:
        return "stdout is open read-only"
    return None


def _silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so exit does not fail again."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class Destination:
    """An output target that was checked before deciding."""

    def __init__(self, target: str | None) -> None:
        self.target = target if target and target != "-" else None
        self.name = self.target or "stdout"
        self._handle: IO[str] | None = None
        self._temporary: Path | None = None

    def open_stream(self) -> None:
        """Open for streaming (``--batch``): the file is created now."""
        if self.target is not None:
            self._create(self.target)

    def open_single(self) -> None:
        """Prepare a temporary file beside the target, renamed into place by ``publish``."""
        if self.target is None:
            return
        target = Path(self.target)
        if target.exists() and not target.is_file():  # a device or FIFO: write to it directly
            self._create(target)
            return
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        self._create(temporary)
        self._temporary = temporary

    def _create(self, path: Path | str) -> None:
        try:
            self._handle = open(path, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise OutputError(f"-o {self.target}: cannot write: {exc.strerror or exc}") from exc

    def write(self, text: str) -> None:
        """Write and flush ``text`` (a group of a stream)."""
        try:
            stream = self._handle or sys.stdout
            stream.write(text)
            stream.flush()
        except (OSError, ValueError) as exc:
            if self._handle is None:
                _silence_stdout()
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise OutputError(f"{self.name}: cannot write the report: {reason}") from exc

    def publish(self, text: str) -> None:
        """Write a single report: to stdout, or atomically into the target file."""
        self.write(text)
        if self._handle is None or self._temporary is None:
            return
        try:
            os.fsync(self._handle.fileno())
            self._handle.close()
            os.replace(self._temporary, self.name)
        except OSError as exc:
            raise OutputError(f"-o {self.name}: cannot write: {exc.strerror or exc}") from exc
        self._handle = None
        self._temporary = None

    def close(self) -> None:
        """Close the file; an unpublished temporary file is removed."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None
        if self._temporary is not None:
            with contextlib.suppress(OSError):
                self._temporary.unlink()
            self._temporary = None


@contextmanager
def open_destination(target: str | None, *, stream: bool) -> Iterator[Destination]:
    """A checked :class:`Destination` for ``-o`` (``None`` or ``-``: stdout)."""
    destination = Destination(target)
    if destination.target is None:
        problem = _stdout_problem()
        if problem is not None:
            raise OutputError(f"{problem}: nowhere to write the decision")
    if stream:
        destination.open_stream()
    else:
        destination.open_single()
    try:
        yield destination
    finally:
        destination.close()
