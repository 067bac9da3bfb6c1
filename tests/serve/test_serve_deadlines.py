"""One deadline per request, from its arrival: big bodies and a dripping Prometheus.

Ten concurrent decisions of about 1 MiB each are parsed and validated off the event
loop and within their deadline: ``/healthz`` keeps answering meanwhile, and a
decision not made before its deadline is 503 and never logged. A Prometheus that
sends its answer a byte at a time holds a worker thread no longer than the request
it serves: once it recovers, the controller route answers at once. Bounds on time
are generous; what is asserted is which status each answer has and what the log
holds. See docs/security.md (large bodies, slow Prometheus).
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from gatekeeper.log._decision_log import verify_log
from gatekeeper.models._examples import ROLLOUT_EXAMPLE, example
from tests.serve.conftest import (
    NAMESPACE,
    Live,
    ServerFactory,
    logged_decision_id,
    rollouts_config,
)

JSON = {"Content-Type": "application/json"}
BIG_BYTES = 1_000_000  # under the default --max-body-bytes (1 MiB)
CONCURRENT = 10
TIMEOUT = 2.0  # --request-timeout of these servers
SLACK = 2.5  # generous: a claimed decision still waits for its log write


def big_rollout() -> bytes:
    """A valid decision-matrix input of about ``BIG_BYTES``: many shards, long series."""
    document = example(ROLLOUT_EXAMPLE)
    shards: dict[str, Any] = {}
    text = b""
    while len(text) < BIG_BYTES:
        for _ in range(50):
            shards[f"shard-{len(shards)}"] = {"cpu": [0.31] * 60, "memory": [0.42] * 60}
        text = json.dumps({**document, "canary": {**document["canary"], "shards": shards}}).encode()
    # one batch too many: drop shards until it fits under the limit again
    while len(text) > BIG_BYTES:
        shards.pop(next(reversed(shards)))
        text = json.dumps({**document, "canary": {**document["canary"], "shards": shards}}).encode()
    return text


def _log_ids(log: Path) -> list[str]:
    if not log.exists():
        return []
    return [json.loads(line)["decision_id"] for line in log.read_text().splitlines()]


def test_big_concurrent_bodies_keep_health_fast_and_late_answers_unlogged(
    serve: ServerFactory,
) -> None:
    server = serve("--request-timeout", f"{TIMEOUT:g}")
    body = big_rollout()
    url = f"{server.url}/v1/decisions"
    health: list[tuple[int, float]] = []
    stop = threading.Event()

    def poll() -> None:
        with httpx.Client(timeout=60) as client:
            while not stop.is_set():
                started = time.monotonic()
                status = client.get(f"{server.url}/healthz").status_code
                health.append((status, time.monotonic() - started))
                time.sleep(0.05)

    def decide(_: int) -> tuple[int, Any, float]:
        started = time.monotonic()
        response = httpx.post(url, content=body, headers=JSON, timeout=120)
        return response.status_code, response.json(), time.monotonic() - started

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        time.sleep(0.3)
        with ThreadPoolExecutor(CONCURRENT) as pool:
            answers = list(pool.map(decide, range(CONCURRENT)))
        time.sleep(0.3)
    finally:
        stop.set()
        poller.join(timeout=120)
    # /healthz answered throughout, never held behind the bodies
    assert len(health) > 5
    assert {status for status, _ in health} == {200}
    slowest = max(seconds for _, seconds in health)
    assert slowest < 1.5, f"/healthz took {slowest:.2f} s while bodies were decided"
    # each answer: a decision made in time (and logged), or undecided (and not logged)
    assert {status for status, _, _ in answers} <= {200, 503}, answers
    for status, answer, seconds in answers:
        if status == 503:
            assert answer["error"] == "timeout", answer
        else:
            assert seconds < TIMEOUT + SLACK, f"a 200 answer after {seconds:.2f} s"
    logged = [logged_decision_id(status, answer) for status, answer, _ in answers]
    assert server.stop() == 0
    assert sorted(_log_ids(server.decision_log)) == sorted(i for i in logged if i is not None)
    if server.decision_log.exists():
        assert verify_log(server.decision_log).ok


def test_a_body_sent_slower_than_the_deadline_is_undecided_and_unlogged(
    serve: ServerFactory,
) -> None:
    """The deadline starts when the request arrives: reading the body is inside it."""
    server = serve("--request-timeout", "1")
    text = json.dumps(example(ROLLOUT_EXAMPLE)).encode()

    def slowly() -> Iterator[bytes]:
        for start in range(0, len(text), 16):
            time.sleep(0.1)
            yield text[start : start + 16]

    started = time.monotonic()
    response = httpx.post(f"{server.url}/v1/decisions", content=slowly(), headers=JSON, timeout=120)
    assert response.status_code == 503, response.text
    assert response.json()["error"] == "timeout"
    assert time.monotonic() - started >= 1.0
    assert server.stop() == 0
    assert _log_ids(server.decision_log) == []


# --- a Prometheus that drips --------------------------------------------------------

DRIP_SECONDS = 0.2  # one byte this often: no read ever waits long enough to time out


class _DrippingPrometheus(http.server.ThreadingHTTPServer):
    """A real local HTTP server before a real Prometheus: while ``drip`` is set it
    answers every query one byte at a time (in its headers or in its body), for a
    minute; otherwise it forwards the query to Prometheus."""

    daemon_threads = True

    def __init__(self, target: str, where: str) -> None:
        super().__init__(("127.0.0.1", 0), _DripHandler)
        self.target = target
        self.where = where
        self.drip = threading.Event()
        self.closing = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _DripHandler(http.server.BaseHTTPRequestHandler):
    server: _DrippingPrometheus
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.server.drip.is_set():
            self._drip()
            return
        answer = httpx.get(self.server.target + self.path, timeout=10)
        self.send_response(answer.status_code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    def _drip(self) -> None:
        if self.server.where == "headers":
            head, unit = b"HTTP/1.1 200 OK\r\nX-Slow: ", b"a"
        else:
            head = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100000\r\n\r\n{"status": "success", "data": '
            )
            unit = b" "
        ends = time.monotonic() + 60
        try:
            self.wfile.write(head)
            self.wfile.flush()
            while time.monotonic() < ends and not self.server.closing.is_set():
                time.sleep(DRIP_SECONDS)
                self.wfile.write(unit)
                self.wfile.flush()
        except OSError:
            pass  # the client gave up: what it should do by its deadline
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(params=["headers", "body"])
def dripping(request: pytest.FixtureRequest, live: Live) -> Iterator[_DrippingPrometheus]:
    proxy = _DrippingPrometheus(live.url, request.param)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.closing.set()
        proxy.shutdown()
        proxy.server_close()


def test_a_dripping_prometheus_wedges_no_worker_past_its_deadline(
    dripping: _DrippingPrometheus, serve: ServerFactory, tmp_path: Path
) -> None:
    config = rollouts_config(dripping.url, tmp_path / "rollouts.yaml")
    server = serve("--rollouts", str(config), "--request-timeout", f"{TIMEOUT:g}", "--threads", "2")
    url = f"{server.url}/v1/argo/{NAMESPACE}/healthy?weight=25"
    assert httpx.get(url, timeout=30).status_code == 200  # through the proxy: a decision

    dripping.drip.set()

    def ask(_: int) -> tuple[int, Any, float]:
        started = time.monotonic()
        response = httpx.get(url, timeout=120)
        return response.status_code, response.json(), time.monotonic() - started

    with ThreadPoolExecutor(6) as pool:  # more requests than worker threads
        dripped = list(pool.map(ask, range(6)))
    assert {status for status, _, _ in dripped} == {503}, dripped
    assert {answer["error"] for _, answer, _ in dripped} <= {"metrics", "timeout"}
    assert all(seconds < TIMEOUT + SLACK for _, _, seconds in dripped), dripped

    dripping.drip.clear()  # Prometheus recovers: the route answers at once
    recovered = httpx.get(url, timeout=30)
    assert recovered.status_code == 200, recovered.text
    assert recovered.json()["action"]
    assert server.stop() == 0
    assert _log_ids(server.decision_log)[-1] == recovered.json()["decision_id"]
    assert len(_log_ids(server.decision_log)) == 2  # the dripped requests logged nothing
