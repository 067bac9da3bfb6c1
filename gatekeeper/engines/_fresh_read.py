"""One read shared by the coroutines that need a read begun after they asked.

The opa-server engine in upload mode proves each answer by reading the server's
module listing *after* the answer arrived. Under load many answers arrive while
one listing is being read; a read that began after all of them proves each of
them as well as a read of its own would. :class:`FreshRead` gives each caller
the result of a read that started after its call: the one starting now when none
is running, else the next one, started as soon as the running one ends and
shared by everybody who asked in the meantime.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class FreshRead(Generic[T]):
    """Reads by ``read``, each shared by the callers that asked before it began."""

    def __init__(self, read: Callable[[], Awaitable[T]]) -> None:
        self._read = read
        self._running = False
        self._next: asyncio.Future[T] | None = None

    async def get(self, end: float) -> T:
        """The result of a read begun after this call; ``TimeoutError`` past ``end``."""
        if not self._running:
            future = self._start()
        else:
            if self._next is None:
                self._next = asyncio.get_running_loop().create_future()
                self._next.add_done_callback(_consume)
            future = self._next
        async with asyncio.timeout_at(end):
            return await asyncio.shield(future)  # another caller may still want it

    def _start(self, into: asyncio.Future[T] | None = None) -> asyncio.Future[T]:
        self._running = True
        task: asyncio.Future[T] = asyncio.ensure_future(self._read())
        task.add_done_callback(lambda done: self._finished(done, into))
        return task

    def _finished(self, task: asyncio.Future[T], into: asyncio.Future[T] | None) -> None:
        self._running = False
        failure = None if task.cancelled() else task.exception()
        if into is not None and not into.done():
            if task.cancelled():
                into.cancel()
            elif failure is not None:
                into.set_exception(failure)
            else:
                into.set_result(task.result())
        if self._next is not None:
            waiting, self._next = self._next, None
            self._start(waiting)


def _consume(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()  # read by a caller or not: never "never retrieved"
