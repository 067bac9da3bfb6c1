"""One progress line on a terminal for long work (build-input, audit, scenarios, batches).

Only when stderr is a terminal (and ``$GATEKEEPER_PROGRESS`` is not ``0``, ``$TERM``
is not ``dumb``): the line is redrawn in place with the elapsed time and erased
when the work ends. Not on a terminal (CI logs, pipes, files) nothing is printed.
Code deep in a job calls :func:`note`; it does nothing unless a
:func:`progress` block is active. Work that counts items (a batch, a replay) uses
:class:`Progress`, a counter with a bar when the total is known.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

PROGRESS_ENV = "GATEKEEPER_PROGRESS"
_TICK_SECONDS = 0.25
_ERASE = "\r\033[K"


class _Line:
    """The progress line: label, current step, elapsed time; redrawn by a ticker thread."""

    def __init__(self, label: str, stream: IO[str]) -> None:
        self.label = label
        self.stream = stream
        self.step = "starting"
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.ticker = threading.Thread(target=self._tick, name="gatekeeper-progress", daemon=True)

    def _tick(self) -> None:
        while not self.stopped.wait(_TICK_SECONDS):
            self.draw()

    def draw(self) -> None:
        elapsed = time.monotonic() - self.started
        text = f"{self.label}: {self.step} ({elapsed:.0f} s)"
        width = shutil.get_terminal_size((80, 24)).columns - 1
        with self.lock:
            if self.stopped.is_set() and threading.current_thread() is self.ticker:
                return
            self.stream.write(_ERASE + text[:width])
            self.stream.flush()

    def update(self, step: str) -> None:
        self.step = step
        self.draw()

    def close(self) -> None:
        self.stopped.set()
        self.ticker.join()
        with self.lock:
            self.stream.write(_ERASE)
            self.stream.flush()


_active: _Line | None = None


def wanted(stream: IO[str]) -> bool:
    """Whether a progress line belongs on ``stream``: a terminal, and not turned off."""
    if os.environ.get(PROGRESS_ENV) == "0" or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress(label: str, stream: IO[str] | None = None) -> Iterator[None]:
    """Show a progress line for the work inside the block (on a terminal only)."""
    global _active
    target = stream or sys.stderr
    if _active is not None or not wanted(target):
        yield
        return
    line = _Line(label, target)
    _active = line
    line.draw()
    line.ticker.start()
    try:
        yield
    finally:
        _active = None
        line.close()


def note(step: str) -> None:
    """Tell the active progress line what is happening now (no-op without one)."""
    line = _active
    if line is not None:
        line.update(step)


_COUNTER_INTERVAL = 0.2


class Progress:
    """Counts work done and redraws ``label: N done [of T] (R/s)`` at most 5 times a second."""

    def __init__(self, label: str, total: int | None = None, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = wanted(self.stream)
        self.label = label
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more units and redraw when it is time."""
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn >= _COUNTER_INTERVAL:
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            width = 30
            filled = min(width, int(width * self.done / self.total))
            bar = "#" * filled + "." * (width - filled)
            text = f"{self.label}: [{bar}] {self.done}/{self.total} ({rate:,.0f}/s)"
        else:
            text = f"{self.label}: {self.done} ({rate:,.0f}/s)"
        self.stream.write(f"{_ERASE}{text}")
        self.stream.flush()

    def close(self) -> None:
        """Erase the progress line."""
        if self.enabled and self._drawn:
            self.stream.write(_ERASE)
            self.stream.flush()
