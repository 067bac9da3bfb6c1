"""The opa-server engine's HTTP client: requests, replies and one deadline per request.

One OPA request per decision is the engine's whole network work. Blocking
requests (``check``, ``--batch``, decision threads) go through httpcore's
connection pool, the transport under httpx without its per-request model
layers (about a third of httpx's CPU per request): keep-alive connections shared
by the threads, a retry of a failed *connection* only (never of a request that
was sent), TLS with a CA file. httpcore's time-outs bound each socket operation,
so a server that sends one byte every two seconds would never trip a three-second
read time-out: its network backend here (httpcore's public ``NetworkBackend``
interface) bounds every operation by the time left until this thread's deadline
(:func:`gatekeeper.limits._deadline.deadline`), so the whole request - connect,
TLS, send, headers, body - ends by the deadline. The event-loop client of
``gatekeeper serve`` is :mod:`gatekeeper.engines._http_async`.

Every failure is a :class:`HttpError`: :class:`ConnectFailed` (nothing was sent),
:class:`TimedOut` (the deadline passed) or :class:`HttpError` itself (the server
broke the protocol or the connection).
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import httpcore

from gatekeeper import __version__
from gatekeeper.limits._deadline import current_deadline

MAX_IDLE = 64
"""Idle keep-alive connections kept per client."""
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


class HttpError(Exception):
    """The request failed: the server broke the protocol or the connection."""


class ConnectFailed(HttpError):
    """No connection (refused, unresolvable, TLS handshake refused, time-out): nothing sent."""


class TimedOut(HttpError):
    """The request's deadline passed after it was sent."""


@dataclass
class Reply:
    """A complete response: status, reason, headers (lower-case names) and body."""

    status_code: int
    reason_phrase: str
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""

    @property
    def text(self) -> str:
        """The body as text (UTF-8, undecodable bytes replaced)."""
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body as JSON (``ValueError`` when it is not)."""
        return json.loads(self.content)


def default_context(cafile: str | None = None) -> ssl.SSLContext:
    """A verifying TLS context: the CA file, else certifi's roots when installed."""
    if cafile is None:
        try:
            import certifi

            cafile = certifi.where()
        except ImportError:
            cafile = None
    return ssl.create_default_context(cafile=cafile)


def joined_headers(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Response headers by lower-case name; a repeated header's values joined by ``, ``."""
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


class Target:
    """One server (``url`` may carry a path prefix) and the headers of every request."""

    def __init__(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float = 10.0,
        context: ssl.SSLContext | None = None,
        connect_retries: int = 0,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url}")
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.prefix = parts.path.rstrip("/")
        self.tls = (context or default_context()) if parts.scheme == "https" else None
        name = f"[{self.host}]" if ":" in self.host else self.host
        self.origin = f"{parts.scheme}://{name}:{self.port}"
        self.headers = {"User-Agent": f"gatekeeper/{__version__}", **(headers or {})}
        self.timeout = timeout
        self.connect_retries = max(0, connect_retries)

    def url(self, path: str, params: Mapping[str, str] | None) -> str:
        """The absolute URL of ``path`` below the prefix, with the query ``params``."""
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.origin}{quote(self.prefix + path, safe=_PATH_SAFE)}{query}"

    def payload(
        self, content: bytes | str | None, json_value: Any, headers: Mapping[str, str] | None
    ) -> tuple[bytes, dict[str, str]]:
        """The body and the headers of one request."""
        merged = {**self.headers, **(headers or {})}
        if json_value is not None:
            merged.setdefault("Content-Type", "application/json")
            content = json.dumps(json_value)
        body = content.encode("utf-8") if isinstance(content, str) else (content or b"")
        return body, merged


def retry_pause(attempt: int) -> float:
    """Seconds to wait before connection attempt ``attempt`` (0: the first)."""
    return 0.0 if attempt < 2 else 0.5 * 2 ** (attempt - 2)


class Client(Target):
    """Blocking requests from any thread, on one keep-alive connection pool."""

    def __init__(self, url: str, **settings: Any) -> None:
        super().__init__(url, **settings)
        self._pool = httpcore.ConnectionPool(
            ssl_context=self.tls,
            max_keepalive_connections=MAX_IDLE,
            retries=self.connect_retries,
            network_backend=_DeadlineBackend(),
        )

    def close(self) -> None:
        """Close every connection of the pool."""
        self._pool.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        content: bytes | str | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> Reply:
        """Send one request and read its whole response, within this thread's deadline."""
        end = current_deadline()
        if end is None:
            end = time.monotonic() + self.timeout
        body, merged = self.payload(content, json, headers)
        left = max(end - time.monotonic(), 0.001)
        timeouts = {"connect": left, "read": left, "write": left, "pool": left}
        try:
            response = self._pool.request(
                method,
                self.url(path, params),
                headers=list(merged.items()),
                content=body,
                extensions={"timeout": timeouts},
            )
        except (httpcore.ConnectError, httpcore.ConnectTimeout, httpcore.PoolTimeout) as exc:
            raise ConnectFailed(str(exc) or type(exc).__name__) from exc
        except httpcore.TimeoutException as exc:
            raise TimedOut(str(exc) or "the request deadline has passed") from exc
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise HttpError(str(exc) or type(exc).__name__) from exc
        reason = response.extensions.get("reason_phrase", b"")
        return Reply(
            response.status,
            reason.decode("latin-1") if isinstance(reason, bytes) else str(reason),
            joined_headers((k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers),
            response.content,
        )


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    end = current_deadline()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise error("the request deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
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
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's synchronous backend, every operation bounded by the thread's deadline."""

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, bounded, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)
