"""The opa-server engine's event-loop HTTP client against a real local HTTP server.

The server (asyncio, on 127.0.0.1) answers with ``Content-Length`` or chunked
bodies, or one byte every 0.2 s of its body or of its headers, and counts
connections and requests in flight.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from gatekeeper.engines import _http_async
from gatekeeper.engines._http import TimedOut
from gatekeeper.engines._http_async import AsyncClient

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class _Server:
    def __init__(self) -> None:
        self.connections = 0
        self.in_flight = 0
        self.most_in_flight = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except asyncio.IncompleteReadError:
                    return
                path = head.split(b" ")[1]
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                await asyncio.sleep(0.02)
                self.in_flight -= 1
                if path == b"/chunked":
                    writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                    writer.write(b'7\r\n{"a": 1\r\n1\r\n}\r\n0\r\n\r\n')
                elif path == b"/drip-head":
                    writer.write(b"HTTP/1.1 200 OK\r\n")
                    for _ in range(100):
                        writer.write(b"X")
                        await writer.drain()
                        await asyncio.sleep(0.2)
                elif path == b"/drip":
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
                    for _ in range(100):
                        writer.write(b" ")
                        await writer.drain()
                        await asyncio.sleep(0.2)
                else:
                    writer.write(b'HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n{"a": 1}')
                await writer.drain()
        except ConnectionError:
            return  # the client gave up (the drip)
        finally:
            writer.close()


async def _with_server(work: Callable[[str, _Server], Awaitable[Any]]) -> Any:
    state = _Server()
    server = await asyncio.start_server(state.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        return await work(f"http://127.0.0.1:{port}", state)
    finally:
        server.close()


def test_a_burst_shares_a_bounded_set_of_kept_alive_connections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_http_async, "MAX_CONNECTIONS", 3)

    async def work(url: str, state: _Server) -> list[Any]:
        client = AsyncClient(url, timeout=10)
        end = asyncio.get_running_loop().time() + 10
        paths = ["/plain", "/chunked"] * 15
        replies = await asyncio.gather(*(client.request("GET", p, end=end) for p in paths))
        await client.aclose()
        assert state.connections <= 3 and state.most_in_flight <= 3
        return [r.json() for r in replies]

    assert asyncio.run(_with_server(work)) == [{"a": 1}] * 30


@pytest.mark.parametrize("path", ["/drip", "/drip-head"])
def test_one_deadline_bounds_a_server_that_drips_its_body_or_headers(path: str) -> None:
    async def work(url: str, state: _Server) -> float:
        client = AsyncClient(url, timeout=10)
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(TimedOut):
            await client.request("GET", path, end=started + 0.5)
        await client.aclose()
        return loop.time() - started

    assert asyncio.run(_with_server(work)) < 2.0


# -- the blocking client (httpx on the deadline transport), the same server in a thread --


@pytest.fixture
def threaded_server() -> Any:
    import threading

    state = _Server()
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: dict[str, Any] = {}

    async def serve() -> None:
        server = await asyncio.start_server(state.handle, "127.0.0.1", 0)
        holder["server"] = server
        holder["url"] = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        started.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(serve(), loop)
    assert started.wait(5)
    yield holder["url"], state

    async def stop() -> None:
        holder["server"].close()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    asyncio.run_coroutine_threadsafe(stop(), loop).result(5)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.close()


def test_blocking_client_reads_both_framings_on_kept_alive_connections(
    threaded_server: tuple[str, _Server],
) -> None:
    from gatekeeper.engines._http import Client

    url, state = threaded_server
    client = Client(url, timeout=10)
    try:
        replies = [client.request("GET", path) for path in ["/plain", "/chunked"] * 5]
    finally:
        client.close()
    assert [reply.json() for reply in replies] == [{"a": 1}] * 10
    assert state.connections == 1  # one connection, kept alive for every request


@pytest.mark.parametrize("path", ["/drip", "/drip-head"])
def test_blocking_client_deadline_bounds_a_dripping_body_or_headers(
    threaded_server: tuple[str, _Server], path: str
) -> None:
    import time

    from gatekeeper.engines._http import Client
    from gatekeeper.limits._deadline import deadline

    url, _ = threaded_server
    client = Client(url, timeout=10)
    started = time.monotonic()
    with pytest.raises(TimedOut), deadline(0.5):
        client.request("GET", path)
    client.close()
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("path", ["/drip", "/drip-head"])
def test_blocking_client_timeout_bounds_the_whole_request_outside_a_deadline(
    threaded_server: tuple[str, _Server], path: str
) -> None:
    """Each byte comes well within the 0.5 s time-out: the request ends at 0.5 s in all."""
    import time

    from gatekeeper.engines._http import Client

    url, _ = threaded_server
    client = Client(url, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(TimedOut):
        client.request("GET", path)
    client.close()
    assert time.monotonic() - started < 2.0


def test_blocking_client_refused_connection_is_connect_failed() -> None:
    import socket

    from gatekeeper.engines._http import Client, ConnectFailed

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = Client(f"http://127.0.0.1:{port}", timeout=2, connect_retries=1)
    with pytest.raises(ConnectFailed):
        client.request("GET", "/plain")
    client.close()
