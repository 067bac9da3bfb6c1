"""An in-process engine's evaluations on a thread of their own, awaited by coroutines.

The embedded engine decides one input at a time. Its evaluations run on one
thread, beside the event loop rather than on it: the Wasm code runs without the
GIL (wasmtime's calls into its native library release it), so the event loop
reads and answers other requests meanwhile. The thread takes every input waiting
when it wakes and evaluates them in turn (a group costs one wake-up each way).

An input whose request was cancelled before its turn is skipped; one cancelled
during its evaluation is evaluated and its result dropped. Each evaluation is
bounded by the engine's own deadline (``--timeout``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from gatekeeper.engines import Engine
from gatekeeper.models._exceptions import EngineError
from gatekeeper.serve._groups import GroupWorker, Settled, settle


class EngineThread:
    """Evaluates inputs for coroutines with ``engine``, on one thread, in arrival order."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._worker: GroupWorker[tuple[Mapping[str, Any], asyncio.Future[dict[str, Any]]]] = (
            GroupWorker(
                f"gatekeeper-{engine.name}",
                self._evaluate_group,
                lambda: EngineError(f"{engine.name}: the server is stopping"),
            )
        )

    async def evaluate(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """The engine's raw decision for ``document`` (its errors are raised here)."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._worker.put((document, future))
        return await future

    def close(self) -> None:
        """Evaluate what is queued, then stop the thread (the engine stays open)."""
        self._worker.close()

    def _evaluate_group(
        self, group: list[tuple[Mapping[str, Any], asyncio.Future[dict[str, Any]]]]
    ) -> None:
        settled: list[Settled] = []
        for document, future in group:
            if future.done():  # its request was cancelled while it waited
                continue
            try:
                settled.append((future, self.engine.evaluate(document), None))
            except Exception as exc:  # the request gets it; the thread goes on
                settled.append((future, None, exc))
        settle(settled)


__all__ = ["EngineThread"]
