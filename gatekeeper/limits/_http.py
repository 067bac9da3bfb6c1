"""Blocking HTTP requests on httpx that end by the calling thread's deadline.

httpx's time-outs bound each network operation: a server that sends its answer
(or its headers) a byte at a time never trips them. :class:`DeadlineTransport`
is an httpx transport (httpx's public ``BaseTransport``) over httpcore's
connection pool, the pool under httpx's own transport, given a network backend
(httpcore's public ``network_backend``) that waits at most the time left until
the thread's deadline (:func:`gatekeeper.limits._deadline.deadline`) in every
connect, TLS handshake, write and read, and fails once it has passed. So a request
- waiting for a connection, connect, TLS, send, headers, body - ends by the
deadline however the server drips. Outside a deadline the request's own
time-outs apply. Used by the opa-server engine's blocking client and the
Prometheus source; see docs/security.md (slow bodies and slow Prometheus).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

from gatekeeper.limits._deadline import current_deadline


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` cut to the time left before this thread's deadline; ``error`` past it."""
    end = current_deadline()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise error("the request deadline has passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A connection whose every operation waits at most the time left."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.SyncBackend):
    """httpcore's blocking sockets, each connection bounded by the thread's deadline."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(super().connect_tcp(host, port, bounded, local_address, socket_options))

    def sleep(self, seconds: float) -> None:  # between connection attempts
        end = current_deadline()
        time.sleep(seconds if end is None else max(0.0, min(seconds, end - time.monotonic())))


@contextmanager
def _as_httpx() -> Iterator[None]:
    """httpcore's exceptions as httpx's of the same name (httpx's own transport does so)."""
    try:
        yield
    except Exception as exc:
        if not type(exc).__module__.startswith("httpcore"):
            raise
        raise getattr(httpx, type(exc).__name__, httpx.TransportError)(str(exc)) from exc


class _Body(httpx.SyncByteStream):
    def __init__(self, parts: Iterable[bytes]) -> None:
        self._parts = parts

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx():
            yield from self._parts

    def close(self) -> None:
        close = getattr(self._parts, "close", None)
        if close is not None:
            close()


class DeadlineTransport(httpx.BaseTransport):
    """httpx's transport for plain and TLS connections, no proxies, within the deadline."""

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | None = None,
        limits: httpx.Limits | None = None,
        retries: int = 0,
    ) -> None:
        limits = limits or httpx.Limits()
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,  # None: certifi's roots (httpx's default)
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            retries=retries,
            network_backend=_Backend(),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        sent = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx():
            response = self._pool.handle_request(sent)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response.stream),  # type: ignore[arg-type]
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


def deadline_client(
    *,
    ssl_context: ssl.SSLContext | None = None,
    limits: httpx.Limits | None = None,
    retries: int = 0,
) -> httpx.Client:
    """An ``httpx.Client`` on a :class:`DeadlineTransport`: no proxies, nothing read from
    the environment, no ``Accept-Encoding`` (bodies come as sent, nothing to inflate)."""
    transport = DeadlineTransport(ssl_context=ssl_context, limits=limits, retries=retries)
    client = httpx.Client(transport=transport, trust_env=False)
    del client.headers["Accept-Encoding"]
    return client


__all__ = ["DeadlineTransport", "deadline_client"]
