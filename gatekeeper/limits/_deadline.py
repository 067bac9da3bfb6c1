"""Deadlines: one for each HTTP request, and one for a whole decision of the command line.

Per-operation time-outs bound each connect, read and write, so a server that sends
one byte every two seconds never trips a three-second read time-out. The HTTP
transport of :mod:`gatekeeper.limits._http` (the opa-server engine's blocking
client, Prometheus queries) bounds every socket operation by the time left until
the deadline of the request in progress (:func:`deadline`, :func:`deadline_at`),
so the whole request - connect, TLS, send, headers, body - ends by the deadline.

:func:`decision_deadline` bounds a whole decision of ``gatekeeper check``: reading
the input (a FIFO nobody writes too), parsing, validation, encoding, the engine and
the log (``docs/security.md``, "The deadline covers the whole decision"). In the
main thread an interval timer (``SIGALRM``) raises :class:`DeadlineError` wherever
the work is; a long call into native code (a Wasm evaluation, ``opa eval``) gets
the time left (:func:`time_left`). A section that must finish or roll back whole
(the log's write, head update and publishing) runs :func:`shielded`: the alarm
waits for it, and :func:`raise_if_expired`, checked before publishing, takes a late
decision back; once published (:func:`finish_decision`) the deadline is over.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from gatekeeper.models._exceptions import DeadlineError, GatekeeperError

_local = threading.local()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Bound every socket operation of this thread to ``seconds`` from now, in total.

    Nested, the earlier deadline wins: a decision made of several requests ends by
    the deadline of the decision.
    """
    with deadline_at(time.monotonic() + seconds):
        yield


@contextmanager
def deadline_at(end: float) -> Iterator[None]:
    """:func:`deadline` ending at ``end`` (a ``time.monotonic()`` value)."""
    previous: float | None = getattr(_local, "deadline", None)
    _local.deadline = end if previous is None else min(previous, end)
    try:
        yield
    finally:
        _local.deadline = previous


def current_deadline() -> float | None:
    """This thread's deadline (a ``time.monotonic()`` value), or ``None`` outside one."""
    end: float | None = getattr(_local, "deadline", None)
    return end


def time_left(default: float) -> float:
    """Seconds left until this thread's deadline (at most ``default``; ``default`` outside one)."""
    end = current_deadline()
    if end is None:
        return default
    return max(0.001, min(default, end - time.monotonic()))


def _expired_error() -> DeadlineError:
    seconds = getattr(_local, "decision_seconds", 0.0)
    return DeadlineError(f"deadline exceeded: no decision within {seconds:g}s (--timeout)")


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if getattr(_local, "decision_end", None) is None:
        return  # the decision was published in time, or is over
    if getattr(_local, "shield", 0):
        return  # the shielded section finishes; raise_if_expired stops what follows
    raise _expired_error()


def raise_if_expired() -> None:
    """Raise :class:`DeadlineError` when the decision deadline in force has passed."""
    end: float | None = getattr(_local, "decision_end", None)
    if end is not None and time.monotonic() >= end:
        raise _expired_error()


def finish_decision() -> None:
    """The decision is published: its deadline no longer applies (nothing to take back)."""
    _local.decision_end = None


@contextmanager
def shielded() -> Iterator[None]:
    """Hold the decision deadline's alarm while a section that must not be cut runs."""
    _local.shield = getattr(_local, "shield", 0) + 1
    try:
        yield
    finally:
        _local.shield -= 1


@contextmanager
def paused() -> Iterator[None]:
    """Stop the decision deadline's clock while the engine starts (compiles, uploads).

    Starting an engine is bounded by its own time-outs, per request or process; the
    time it takes is added to the decision's deadline, so a cold start does not eat
    the time of the decision. Outside a decision deadline this does nothing.
    """
    end: float | None = getattr(_local, "decision_end", None)
    if end is None:
        yield
        return
    left = end - time.monotonic()
    main = threading.current_thread() is threading.main_thread()
    outer = _local.deadline
    _local.decision_end, _local.deadline = None, None
    if main:
        signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        shift = time.monotonic() - (end - left)
        _local.decision_end = end + shift
        _local.deadline = None if outer is None else outer + shift
        if main:
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


@contextmanager
def decision_deadline(seconds: float) -> Iterator[None]:
    """End the whole decision within ``seconds``, or raise :class:`DeadlineError`.

    Outside the main thread only the socket and engine deadlines apply. Any
    ``GatekeeperError`` raised once the deadline has passed is reported as the
    deadline (the cause is kept as ``__cause__``).
    """
    main = threading.current_thread() is threading.main_thread()
    with deadline(seconds):
        _local.decision_end, _local.decision_seconds = current_deadline(), seconds
        previous = signal.signal(signal.SIGALRM, _on_alarm) if main else None
        if main:
            signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        except DeadlineError:
            raise
        except GatekeeperError as exc:
            end = _local.decision_end
            if end is not None and time.monotonic() >= end:
                raise _expired_error() from exc
            raise
        finally:
            _local.decision_end = None
            if main:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
