"""The opa-server engine's HTTP client: requests, replies and one deadline per request.

One OPA request per decision is the engine's whole network work. Blocking
requests (``check``, ``--batch``, decision threads) go through one ``httpx.Client``
on :class:`gatekeeper.limits._http.DeadlineTransport`: keep-alive connections
shared by the threads, a retry of a failed *connection* only (never of a request
that was sent), TLS with a CA file, and every socket operation bounded by the time
left until this thread's deadline (:func:`gatekeeper.limits._deadline.deadline`),
so the whole request - connect, TLS, send, headers, body - ends by the deadline
however slowly the server sends. The event-loop client of ``gatekeeper serve`` is
:mod:`gatekeeper.engines._http_async`.

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

import httpx

from gatekeeper import __version__
from gatekeeper.limits._deadline import current_deadline, deadline_at
from gatekeeper.limits._http import deadline_client

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
        self._http = deadline_client(
            ssl_context=self.tls,
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=MAX_IDLE),
            retries=self.connect_retries,
        )

    def close(self) -> None:
        """Close every connection of the pool."""
        self._http.close()

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
        try:
            with deadline_at(end):
                response = self._http.request(
                    method,
                    self.url(path, params),
                    content=body,
                    headers=merged,
                    timeout=max(end - time.monotonic(), 0.001),
                )
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise ConnectFailed(str(exc) or type(exc).__name__) from exc
        except httpx.TimeoutException as exc:
            raise TimedOut(str(exc) or "the request deadline has passed") from exc
        except httpx.HTTPError as exc:
            raise HttpError(str(exc) or type(exc).__name__) from exc
        return Reply(
            response.status_code,
            response.reason_phrase,
            joined_headers(response.headers.multi_items()),
            response.content,
        )
