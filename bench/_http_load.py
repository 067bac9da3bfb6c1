"""A closed-loop HTTP load driver: N keep-alive clients post JSON bodies until a total.

Used by ``bench_serve.py`` (gatekeeper serve against a raw OPA server, same
driver, same run) and by the serve load tests. Every response is kept (status,
latency, body), so a caller can check each one.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    """One request: index, HTTP status (0: no response), seconds, JSON body, clock times."""

    index: int
    status: int
    seconds: float
    body: Any = None
    error: str | None = None
    started: float = 0.0
    finished: float = 0.0


@dataclass
class LoadRun:
    """Every result of a run and its wall time."""

    results: list[Result] = field(default_factory=list)
    wall_seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Responses per second over the run."""
        return len(self.results) / self.wall_seconds if self.wall_seconds else 0.0

    def statuses(self) -> dict[int, int]:
        """How many responses of each status (0: no response)."""
        counts: dict[int, int] = {}
        for result in self.results:
            counts[result.status] = counts.get(result.status, 0) + 1
        return counts

    def percentile(self, p: float) -> float:
        """Latency percentile ``p`` (0-100) in milliseconds."""
        times = sorted(r.seconds for r in self.results)
        if not times:
            return 0.0
        if len(times) == 1:
            return times[0] * 1000
        return statistics.quantiles(times, n=1000, method="inclusive")[int(p * 10) - 1] * 1000


async def _drive(
    url: str | Sequence[str],
    bodies: Sequence[bytes],
    total: int,
    clients: int,
    headers: dict[str, str],
    stop: Callable[[], bool] | None,
    timeout: float,
) -> LoadRun:
    import httpx

    run = LoadRun()
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    send_headers = {"Content-Type": "application/json", **headers}
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:

        async def worker() -> None:
            for index in counter:
                if stop is not None and stop():
                    return
                started = time.perf_counter()
                try:
                    target = url if isinstance(url, str) else url[index % len(url)]
                    response = await client.post(
                        target, content=bodies[index % len(bodies)], headers=send_headers
                    )
                    body = response.json() if response.content else None
                    result = Result(index, response.status_code, 0.0, body)
                except (httpx.HTTPError, ValueError) as exc:
                    result = Result(index, 0, 0.0, None, f"{type(exc).__name__}: {exc}")
                result.finished = time.perf_counter()
                result.started, result.seconds = started, result.finished - started
                run.results.append(result)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        run.wall_seconds = time.perf_counter() - began
    return run


def drive(
    url: str | Sequence[str],
    documents: Sequence[Any],
    total: int,
    clients: int = 32,
    headers: dict[str, str] | None = None,
    stop: Callable[[], bool] | None = None,
    timeout: float = 60.0,
) -> LoadRun:
    """Post ``total`` bodies (cycling through ``documents``) with ``clients`` clients.

    ``url`` is one URL, or one a request: request ``i`` goes to ``url[i % len(url)]``.

    ``stop`` is asked before each request; times are ``time.perf_counter()`` values.
    """
    bodies = [json.dumps(document).encode("utf-8") for document in documents]
    return asyncio.run(_drive(url, bodies, total, clients, headers or {}, stop, timeout))
