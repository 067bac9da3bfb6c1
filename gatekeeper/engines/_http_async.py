"""The opa-server engine's HTTP/1.1 client for an asyncio event loop (``gatekeeper serve``).

The requests, responses, keep-alive and errors of :mod:`gatekeeper.engines._http`;
the loop waits for the server, no thread is held per request, and at most
``MAX_CONNECTIONS`` requests are in flight (more wait for a connection within
their deadline).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
from collections.abc import Mapping
from typing import Any

from gatekeeper.engines._http import (
    MAX_HEADER_BYTES,
    MAX_IDLE,
    ConnectFailed,
    HttpError,
    Reply,
    Target,
    TimedOut,
    body_framing,
    chunk_size,
    decoded,
    parse_head,
    retry_pause,
)

MAX_CONNECTIONS = 100  # per AsyncClient: requests past it wait for a connection


class _Stream:
    """One asyncio connection."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()

    def stale(self) -> bool:
        return self.reader.at_eof() or self.writer.is_closing()


class AsyncClient(Target):
    """:class:`Client` for one event loop: the loop waits, no thread is held per request.

    ``end`` (a ``loop.time()`` value) bounds the whole request, as the thread
    deadline does for :class:`Client`.
    """

    def __init__(self, url: str, **settings: Any) -> None:
        super().__init__(url, **settings)
        self._idle: list[_Stream] = []
        self._closed = False
        self._slots = asyncio.Semaphore(MAX_CONNECTIONS)

    def close(self) -> None:
        """Close every idle connection."""
        self._closed = True
        idle, self._idle = self._idle, []
        for stream in idle:
            stream.close()

    async def request(
        self,
        method: str,
        path: str,
        *,
        end: float,
        content: bytes | str | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> Reply:
        """Send one request and read its whole response by ``end``."""
        data = self.encode(method, path, content, json, headers, params)
        try:
            if self._slots.locked():
                async with asyncio.timeout_at(end):
                    await self._slots.acquire()
            else:
                await self._slots.acquire()  # free: taken at once
        except TimeoutError as exc:
            raise HttpError(
                f"no free connection before the deadline ({MAX_CONNECTIONS} requests in flight)"
            ) from exc
        try:
            return await self._exchange(data, end)
        finally:
            self._slots.release()

    async def _exchange(self, data: bytes, end: float) -> Reply:
        stream = await self._stream(end)
        try:
            async with asyncio.timeout_at(end):
                stream.writer.write(data)
                await stream.writer.drain()
                reply, reusable = await _read_reply_async(stream.reader)
        except TimeoutError as exc:
            stream.close()
            raise TimedOut("the request deadline has passed") from exc
        except (OSError, asyncio.IncompleteReadError) as exc:
            stream.close()
            raise HttpError(f"the connection broke: {exc}") from exc
        except BaseException:
            stream.close()
            raise
        if reusable and not self._closed and len(self._idle) < MAX_IDLE:
            self._idle.append(stream)
        else:
            stream.close()
        return reply

    async def _stream(self, end: float) -> _Stream:
        while self._idle:
            stream = self._idle.pop()
            if not stream.stale():
                return stream
            stream.close()
        loop = asyncio.get_running_loop()
        failure: Exception | None = None
        for attempt in range(self.connect_retries + 1):
            pause = retry_pause(attempt)
            if pause:
                if loop.time() + pause >= end:
                    break
                await asyncio.sleep(pause)
            try:
                return await self._open(end)
            except ConnectFailed as exc:
                failure = exc
        raise failure or ConnectFailed("no connection attempt before the deadline")

    async def _open(self, end: float) -> _Stream:
        try:
            async with asyncio.timeout_at(end):
                reader, writer = await asyncio.open_connection(
                    self.host,
                    self.port,
                    ssl=self.tls,
                    server_hostname=self.host if self.tls else None,
                    limit=MAX_HEADER_BYTES,
                )
        except TimeoutError as exc:
            raise ConnectFailed(f"connect time-out ({exc or 'deadline'})") from exc
        except (OSError, ssl.SSLError) as exc:
            raise ConnectFailed(str(exc) or type(exc).__name__) from exc
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return _Stream(reader, writer)


async def _read_line(reader: asyncio.StreamReader, marker: bytes) -> bytes:
    try:
        return (await reader.readuntil(marker))[: -len(marker)]
    except asyncio.LimitOverrunError as exc:
        raise HttpError(f"response line or header over {MAX_HEADER_BYTES} bytes") from exc
    except asyncio.IncompleteReadError as exc:
        raise HttpError("the server closed the connection before a complete response") from exc


async def _read_reply_async(reader: asyncio.StreamReader) -> tuple[Reply, bool]:
    while True:
        status, reason, headers, reusable = parse_head(await _read_line(reader, b"\r\n\r\n"))
        if status >= 200 or status == 101:
            break
    framing = body_framing(status, headers)
    if framing == "chunked":
        parts: list[bytes] = []
        while size := chunk_size(await _read_line(reader, b"\r\n")):
            parts.append(await reader.readexactly(size))
            if await reader.readexactly(2) != b"\r\n":
                raise HttpError("chunk not followed by CRLF")
        while await _read_line(reader, b"\r\n"):
            pass  # trailers, up to the empty line
        body = b"".join(parts)
    elif isinstance(framing, int):
        body = await reader.readexactly(framing)
    else:
        body, reusable = await reader.read(), False
    return Reply(status, reason, headers, decoded(headers, body)), reusable
