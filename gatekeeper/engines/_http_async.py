"""The opa-server engine's HTTP client for an asyncio event loop (``gatekeeper serve``).

Built on aiohttp's client, not httpx's ``AsyncClient``: on serve's event loop
aiohttp carried twice the decisions a second (docs/engines.md, opa-server). The
requests, replies and errors of :mod:`gatekeeper.engines._http`,
the loop waits for the server and no thread is held per request. At most
``MAX_CONNECTIONS`` requests are in flight; more wait for a connection within
their deadline. ``end`` (a ``loop.time()`` value) bounds the whole request -
waiting for a connection, connect, TLS, send, headers, body - as aiohttp's
``total`` time-out, however slowly the server sends its bytes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import aiohttp

from gatekeeper.engines._http import (
    ConnectFailed,
    HttpError,
    Reply,
    Target,
    TimedOut,
    joined_headers,
    retry_pause,
)

MAX_CONNECTIONS = 100
"""Requests in flight per client; more wait for a connection."""


class AsyncClient(Target):
    """:class:`gatekeeper.engines._http.Client` for one event loop."""

    def __init__(self, url: str, **settings: Any) -> None:
        super().__init__(url, **settings)
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closing: set[asyncio.Future[None]] = set()

    def _opened(self) -> aiohttp.ClientSession:
        if self._session is None:  # made in the loop that uses it
            self._loop = asyncio.get_running_loop()
            connector = aiohttp.TCPConnector(
                limit=MAX_CONNECTIONS,
                limit_per_host=MAX_CONNECTIONS,
                ssl=self.tls if self.tls is not None else False,
                keepalive_timeout=60.0,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers=self.headers,
                auto_decompress=False,
                trust_env=False,
                skip_auto_headers=("Accept-Encoding",),
            )
        return self._session

    async def aclose(self) -> None:
        """Close every connection, from the client's own event loop."""
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    def close(self) -> None:
        """Close every connection, from any thread: on the client's loop, where they live."""
        session, loop, self._session = self._session, self._loop, None
        if session is None or loop is None or loop.is_closed():
            return  # nothing opened, or the loop is gone and its connections with it
        try:
            current = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        if current is loop:
            task = loop.create_task(session.close())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)
        elif loop.is_running():
            asyncio.run_coroutine_threadsafe(session.close(), loop)
        else:
            loop.run_until_complete(session.close())

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
        loop = asyncio.get_running_loop()
        body, merged = self.payload(content, json, headers)
        url = self.url(path, params)
        session = self._opened()
        failure: HttpError | None = None
        for attempt in range(self.connect_retries + 1):
            pause = retry_pause(attempt)  # at once, then 0.5 s, 1 s... while the deadline allows
            if pause:
                if loop.time() + pause >= end:
                    break
                await asyncio.sleep(pause)
            left = end - loop.time()
            if left <= 0:
                break
            try:
                async with session.request(
                    method,
                    url,
                    data=body,
                    headers=merged,
                    timeout=aiohttp.ClientTimeout(total=left),
                    allow_redirects=False,
                ) as response:
                    data = await response.read()
                    return Reply(
                        response.status,
                        response.reason or "",
                        joined_headers(response.headers.items()),
                        data,
                    )
            except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
                failure = ConnectFailed(str(exc) or type(exc).__name__)  # nothing was sent
            except TimeoutError as exc:
                raise TimedOut("the request deadline has passed") from exc
            except aiohttp.ClientError as exc:
                raise HttpError(str(exc) or type(exc).__name__) from exc
        raise failure or ConnectFailed("no connection attempt before the deadline")
