"""A total deadline for one HTTP request, however slowly the server sends its bytes.

Per-operation time-outs bound each connect, read and write, so a server that sends
one byte every two seconds never trips a three-second read time-out. The
opa-server engine's client (``_http``) bounds every socket operation by the time
left until the deadline of the request in progress (:func:`deadline`), so the
whole request - connect, TLS, send, headers, body - ends by the deadline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_local = threading.local()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Bound every socket operation of this thread to ``seconds`` from now, in total.

    Nested, the earlier deadline wins: a decision made of several requests ends by
    the deadline of the decision.
    """
    previous: float | None = getattr(_local, "deadline", None)
    end = time.monotonic() + seconds
    _local.deadline = end if previous is None else min(previous, end)
    try:
        yield
    finally:
        _local.deadline = previous


def current_deadline() -> float | None:
    """This thread's deadline (a ``time.monotonic()`` value), or ``None`` outside one."""
    end: float | None = getattr(_local, "deadline", None)
    return end
