"""HTTP requests with a deadline for the whole exchange, not only for each read.

httpx's time-outs bound each network operation: a server that sends its answer a
byte at a time never trips them. :func:`deadline_client` gives a client whose
every connect, write and read waits at most the time left before the deadline
the calling thread set with :func:`bounded`, and fails once it has passed, so a
request ends by its deadline however the server drips. See docs/security.md
(slow bodies and slow Prometheus).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpcore

if TYPE_CHECKING:
    import ssl

    import httpx

_local = threading.local()


@contextmanager
def bounded(until: float | None) -> Iterator[None]:
    """Within the block, this thread's requests end by ``until`` (``time.monotonic()``)."""
    before = getattr(_local, "until", None)
    if until is not None and before is not None:
        until = min(until, before)
    _local.until = until if until is not None else before
    try:
        yield
    finally:
        _local.until = before


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` cut to the time left before this thread's deadline; ``error`` past it."""
    until: float | None = getattr(_local, "until", None)
    if until is None:
        return timeout
    left = until - time.monotonic()
    if left <= 0:
        raise error("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A network stream whose operations wait at most the time left."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bound = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, bound))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.SyncBackend):
    """Connections whose streams honour the calling thread's deadline."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        bound = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(super().connect_tcp(host, port, bound, local_address, socket_options))


def deadline_client() -> httpx.Client:
    """An ``httpx.Client`` whose requests honour :func:`bounded` (no proxies)."""
    import httpx

    transport = httpx.HTTPTransport(trust_env=False)
    # the transport's connection pool, rebuilt with the deadline-aware network backend
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=_Backend()
    )
    return httpx.Client(transport=transport, trust_env=False)


__all__ = ["bounded", "deadline_client"]
