"""A small keep-alive HTTP/1.1 client for the opa-server engine.

One OPA request per decision is the engine's whole network work, so the client
is kept to what that needs: ``Content-Length`` or chunked bodies, TLS with a CA
file, a bearer token header, idle connections kept for the next request (any
thread), a retry of a failed *connection* only (never of a request that was
sent) and one deadline for the whole request (connect, TLS, send, headers,
body), however slowly the server sends its bytes. A general client (httpx) costs
several times more per request, and its pool lock serialises the decision threads.

``_http_async`` makes the same requests from an event loop. Every failure is a
:class:`HttpError`: :class:`ConnectFailed` (nothing was sent),
:class:`TimedOut` (the deadline passed) or :class:`HttpError` itself (the server
broke the protocol or the connection).
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from gatekeeper import __version__
from gatekeeper.engines._deadline import current_deadline

MAX_HEADER_BYTES = 64 * 1024
MAX_IDLE = 64
_READ_SIZE = 65536
_NO_BODY = frozenset({204, 304})
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


class _Connection:
    """One socket and the bytes received past the last response."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()

    def stale(self) -> bool:
        """True when an idle connection has data or EOF waiting: the server closed it."""
        if self.buffer:
            return True
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)


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
        default_port = self.port == (443 if self.tls else 80)
        authority = name if default_port else f"{name}:{self.port}"
        fixed = {"Host": authority, "User-Agent": f"gatekeeper/{__version__}", "Accept": "*/*"}
        self.headers = {**fixed, **(headers or {})}
        self.timeout = timeout
        self.connect_retries = max(0, connect_retries)

    def encode(
        self,
        method: str,
        path: str,
        content: bytes | str | None,
        json: Any,
        headers: Mapping[str, str] | None,
        params: Mapping[str, str] | None,
    ) -> bytes:
        """The request's bytes: request line, headers, body."""
        if json is not None:
            content = _dumps(json)
            headers = {"Content-Type": "application/json", **(headers or {})}
        body = content.encode("utf-8") if isinstance(content, str) else (content or b"")
        target = quote(self.prefix + path, safe=_PATH_SAFE)
        if params:
            target += "?" + urlencode(params)
        lines = [f"{method} {target} HTTP/1.1"]
        lines += [f"{k}: {v}" for k, v in {**self.headers, **(headers or {})}.items()]
        if body or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def retry_pause(attempt: int) -> float:
    """Seconds to wait before connection attempt ``attempt`` (0: the first)."""
    return 0.0 if attempt < 2 else 0.5 * 2 ** (attempt - 2)


class Client(Target):
    """Blocking requests from any thread; idle connections reused by the next request."""

    def __init__(self, url: str, **settings: Any) -> None:
        super().__init__(url, **settings)
        self._idle: list[_Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """Close every idle connection; connections in use close when their request ends."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

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
        """Send one request and read its whole response, within the deadline."""
        end = current_deadline()
        if end is None:
            end = time.monotonic() + self.timeout
        data = self.encode(method, path, content, json, headers, params)
        connection = self._connection(end)
        try:
            _send_all(connection.sock, data, end)
            reply, reusable = _read_reply(connection, end)
        except BaseException:
            connection.close()
            raise
        self._release(connection, reusable)
        return reply

    # -- connections -----------------------------------------------------------

    def _connection(self, end: float) -> _Connection:
        while True:
            with self._lock:
                connection = self._idle.pop() if self._idle else None
            if connection is None:
                return self._connect(end)
            if not connection.stale():
                return connection
            connection.close()

    def _release(self, connection: _Connection, reusable: bool) -> None:
        if reusable:
            with self._lock:
                if not self._closed and len(self._idle) < MAX_IDLE:
                    self._idle.append(connection)
                    return
        connection.close()

    def _connect(self, end: float) -> _Connection:
        failure: Exception | None = None
        for attempt in range(self.connect_retries + 1):
            pause = retry_pause(attempt)  # at once, then 0.5 s, 1 s... while the deadline allows
            if pause:
                if time.monotonic() + pause >= end:
                    break
                time.sleep(pause)
            try:
                return self._open(end)
            except ConnectFailed as exc:
                failure = exc
        raise failure or ConnectFailed("no connection attempt before the deadline")

    def _open(self, end: float) -> _Connection:
        left = end - time.monotonic()
        if left <= 0:
            raise ConnectFailed("the request deadline passed before a connection was made")
        try:
            sock = socket.create_connection((self.host, self.port), timeout=left)
        except TimeoutError as exc:
            raise ConnectFailed(f"connect time-out ({exc})") from exc
        except OSError as exc:
            raise ConnectFailed(str(exc) or type(exc).__name__) from exc
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.tls is not None:
                sock.settimeout(max(end - time.monotonic(), 0.001))
                sock = self.tls.wrap_socket(sock, server_hostname=self.host)
        except (OSError, ssl.SSLError) as exc:
            sock.close()
            raise ConnectFailed(str(exc) or type(exc).__name__) from exc
        return _Connection(sock)


def _dumps(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8")


def _left(end: float) -> float:
    left = end - time.monotonic()
    if left <= 0:
        raise TimedOut("the request deadline has passed")
    return left


def _send_all(sock: socket.socket, data: bytes, end: float) -> None:
    try:
        sock.settimeout(_left(end))
        sock.sendall(data)
    except TimeoutError as exc:
        raise TimedOut(f"write time-out ({exc})") from exc
    except OSError as exc:
        raise HttpError(f"the connection broke while sending: {exc}") from exc


def _receive(connection: _Connection, end: float) -> bool:
    """Append what the socket has to the buffer; False at end of stream."""
    try:
        connection.sock.settimeout(_left(end))
        data = connection.sock.recv(_READ_SIZE)
    except TimeoutError as exc:
        raise TimedOut(f"read time-out ({exc})") from exc
    except OSError as exc:
        raise HttpError(f"the connection broke while receiving: {exc}") from exc
    connection.buffer += data
    return bool(data)


def _read_until(connection: _Connection, marker: bytes, end: float, limit: int) -> bytes:
    """The buffer's bytes up to ``marker`` (removed with it)."""
    start = 0
    while True:
        found = connection.buffer.find(marker, start)
        if found >= 0:
            taken = bytes(connection.buffer[:found])
            del connection.buffer[: found + len(marker)]
            return taken
        if len(connection.buffer) > limit:
            raise HttpError(f"response line or header over {limit} bytes")
        start = max(0, len(connection.buffer) - len(marker) + 1)
        if not _receive(connection, end):
            raise HttpError("the server closed the connection before a complete response")


def _read_exactly(connection: _Connection, size: int, end: float) -> bytes:
    while len(connection.buffer) < size:
        if not _receive(connection, end):
            raise HttpError(
                f"the server closed the connection after {len(connection.buffer)} of "
                f"{size} body bytes"
            )
    taken = bytes(connection.buffer[:size])
    del connection.buffer[:size]
    return taken


def parse_head(head: bytes) -> tuple[int, str, dict[str, str], bool]:
    """Status, reason, headers (lower-case names) and keep-alive of a response head."""
    status_line, _, header_block = head.decode("latin-1").partition("\r\n")
    version, _, rest = status_line.partition(" ")
    code, _, reason = rest.partition(" ")
    if not version.startswith("HTTP/1.") or len(code) != 3 or not code.isdigit():
        raise HttpError(f"not an HTTP/1.x status line: {status_line[:100]!r}")
    headers: dict[str, str] = {}
    for line in header_block.split("\r\n") if header_block else ():
        name, sep, value = line.partition(":")
        if not sep:
            raise HttpError(f"malformed response header: {line[:100]!r}")
        key = name.strip().lower()
        value = value.strip()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    reusable = version == "HTTP/1.1" and "close" not in headers.get("connection", "").lower()
    return int(code), reason, headers, reusable


def body_framing(status: int, headers: Mapping[str, str]) -> int | str | None:
    """How the body is delimited: a length, ``"chunked"``, or ``None`` (until the end)."""
    if status in _NO_BODY or status < 200:
        return 0
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return "chunked"
    if "content-length" in headers:
        length = headers["content-length"].split(",")[0].strip()
        if not length.isdigit():
            raise HttpError(f"bad Content-Length: {headers['content-length']!r}")
        return int(length)
    return None


def decoded(headers: Mapping[str, str], body: bytes) -> bytes:
    encoding = headers.get("content-encoding", "identity").lower()
    if encoding in ("gzip", "deflate"):
        try:
            return zlib.decompress(body, 47 if encoding == "gzip" else zlib.MAX_WBITS)
        except zlib.error as exc:
            raise HttpError(f"undecodable {encoding} body: {exc}") from exc
    if encoding != "identity":
        raise HttpError(f"unsupported Content-Encoding {encoding!r}")
    return body


def chunk_size(line: bytes) -> int:
    size_text = line.split(b";", 1)[0].strip()
    try:
        return int(size_text, 16)
    except ValueError:
        raise HttpError(f"bad chunk size: {size_text[:40]!r}") from None


def _read_reply(connection: _Connection, end: float) -> tuple[Reply, bool]:
    """The response on ``connection`` and whether the connection may be reused."""
    while True:
        head = _read_until(connection, b"\r\n\r\n", end, MAX_HEADER_BYTES)
        status, reason, headers, reusable = parse_head(head)
        if status >= 200 or status == 101:
            break  # 1xx (100 Continue, 103 Early Hints) precede the response
    framing = body_framing(status, headers)
    if framing == "chunked":
        body = _read_chunked(connection, end)
    elif isinstance(framing, int):
        body = _read_exactly(connection, framing, end)
    else:  # delimited by the end of the connection
        while _receive(connection, end):
            pass
        body, reusable = bytes(connection.buffer), False
        connection.buffer.clear()
    return Reply(status, reason, headers, decoded(headers, body)), reusable


def _read_chunked(connection: _Connection, end: float) -> bytes:
    parts: list[bytes] = []
    while True:
        size = chunk_size(_read_until(connection, b"\r\n", end, MAX_HEADER_BYTES))
        if size == 0:
            while _read_until(connection, b"\r\n", end, MAX_HEADER_BYTES):
                pass  # trailers, up to the empty line
            return b"".join(parts)
        parts.append(_read_exactly(connection, size, end))
        if _read_exactly(connection, 2, end) != b"\r\n":
            raise HttpError("chunk not followed by CRLF")
