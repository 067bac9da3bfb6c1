"""Work handed from the event loop to one thread of its own, a group at a time.

Two parts of the server work this way: the decision-log writer (one append and one
``fsync`` for every record waiting) and the embedded engine (every input waiting,
evaluated in turn). The thread takes all the items that wait when it wakes, so
under load one wake-up each way serves a whole group, and answers go back to the
event loop with one ``call_soon_threadsafe`` per group.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")

Settled = tuple["asyncio.Future[Any]", Any, BaseException | None]
"""A future with its result, or with the exception it ends with (then the result is None)."""


class GroupWorker(Generic[Item]):
    """A daemon thread that hands every waiting item to ``handle`` as one group.

    ``put`` raises ``refusal()`` once :meth:`close` has begun; ``close`` lets the
    thread handle what was queued before it, then joins it.
    """

    def __init__(
        self,
        name: str,
        handle: Callable[[list[Item]], None],
        refusal: Callable[[], Exception],
    ) -> None:
        self._handle = handle
        self._refusal = refusal
        self._lock = threading.Lock()  # orders "closed" against the queue
        self._queue: queue.SimpleQueue[Item | None] = queue.SimpleQueue()  # None: stop
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def put(self, item: Item) -> None:
        """Queue ``item`` for the next group."""
        with self._lock:
            if self._closed:
                raise self._refusal()
            self._queue.put(item)

    def close(self) -> None:
        """Handle what is queued, then stop the thread."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._queue.put(None)  # the last item: nothing is queued after it
        self._thread.join()

    def _run(self) -> None:
        stopping = False
        while not stopping:
            group: list[Item] = []
            item = self._queue.get()  # wait for the first, then take all that wait
            while True:
                if item is None:
                    stopping = True
                else:
                    group.append(item)
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if group:
                self._handle(group)


def settle(settled: Sequence[Settled]) -> None:
    """From a worker thread: end each future on its own loop, one wake-up per loop.

    A future already done (its request was cancelled) is left as it is.
    """
    by_loop: dict[asyncio.AbstractEventLoop, list[Settled]] = {}
    for entry in settled:
        by_loop.setdefault(entry[0].get_loop(), []).append(entry)
    for loop, entries in by_loop.items():
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits
            loop.call_soon_threadsafe(_settle_on_loop, entries)


def _settle_on_loop(entries: list[Settled]) -> None:
    for future, result, error in entries:
        if future.done():
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)


__all__ = ["GroupWorker", "Settled", "settle"]
