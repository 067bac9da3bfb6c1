"""Reliability under load: 32 concurrent keep-alive clients against a real server.

Every decision answered is in the log exactly once, the chain verifies, SIGTERM
drains the requests in flight and leaves no torn line, and Prometheus stopped in
the middle of a run gives undecided answers (never a go) until it is back. The
full 10,000-decision run is marked ``slow``; CI runs 2,000.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bench._http_load import LoadRun, drive
from gatekeeper._cli import main
from gatekeeper._exceptions import InputError
from gatekeeper.decision_log import verify_log
from gatekeeper.models import validate_input
from tests.conftest import REPO_ROOT, OpaServerFactory
from tests.serve.conftest import NAMESPACE, Live, ServerFactory, rollouts_config

CLIENTS = 32


def decidable_inputs() -> list[dict[str, Any]]:
    """Every rollout and promotion scenario that passes input validation."""
    documents = []
    for path in sorted((REPO_ROOT / "scenarios").rglob("*--*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        document = document.get("input", document)
        if document.get("gate") == "approval" or path.name.startswith("invalid"):
            continue
        try:
            validate_input(document)
        except InputError:
            continue
        documents.append(document)
    return documents


def _records(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def _assert_log_matches(log: Path, run: LoadRun) -> None:
    answered = [r.body["decision_id"] for r in run.results if r.status == 200]
    records = _records(log)
    assert len(records) == len(answered)
    assert sorted(r["decision_id"] for r in records) == sorted(answered)
    assert verify_log(log).ok
    assert main(["log", "verify", str(log)]) == 0


def _load(total: int, serve: ServerFactory, opa_server: OpaServerFactory) -> None:
    opa = opa_server()
    server = serve("--engine", "opa-server", "--opa-url", opa.url, "--threads", "16")
    documents = [d for d in decidable_inputs()]
    run = drive(f"{server.url}/v1/decisions", documents, total, CLIENTS)
    problems = [(r.status, r.body, r.error) for r in run.results if r.status != 200]
    assert problems == []
    assert server.stop() == 0
    _assert_log_matches(server.decision_log, run)
    assert len(_records(server.decision_log)) == total


@pytest.mark.opa
def test_32_clients_2000_decisions_every_one_logged_and_chained(
    serve: ServerFactory, opa_server: OpaServerFactory
) -> None:
    _load(2000, serve, opa_server)


@pytest.mark.opa
@pytest.mark.slow
def test_32_clients_10000_decisions_every_one_logged_and_chained(
    serve: ServerFactory, opa_server: OpaServerFactory
) -> None:
    _load(10_000, serve, opa_server)


@pytest.mark.opa
def test_sigterm_drains_requests_in_flight_and_tears_no_line(
    serve: ServerFactory, opa_server: OpaServerFactory
) -> None:
    opa = opa_server()
    server = serve("--engine", "opa-server", "--opa-url", opa.url, "--threads", "16")
    holder: dict[str, LoadRun] = {}
    loader = threading.Thread(
        target=lambda: holder.update(
            run=drive(f"{server.url}/v1/decisions", decidable_inputs(), 5000, CLIENTS)
        )
    )
    loader.start()
    deadline = time.monotonic() + 60
    log = server.decision_log
    while time.monotonic() < deadline and (not log.exists() or log.stat().st_size < 200_000):
        time.sleep(0.05)
    server.process.send_signal(signal.SIGTERM)
    signalled = time.perf_counter()
    assert server.process.wait(timeout=60) == 0
    loader.join(timeout=120)
    run = holder["run"]
    answered_after = [r for r in run.results if r.status == 200 and r.finished > signalled]
    assert answered_after, "no request was in flight when SIGTERM came"
    assert set(run.statuses()) <= {200, 0}  # answered, or refused a connection after the stop
    _assert_log_matches(server.decision_log, run)
    assert server.decision_log.read_bytes().endswith(b"\n")


def test_prometheus_stopped_mid_run_is_undecided_never_go_then_recovers(
    live: Live, serve: ServerFactory, tmp_path: Path
) -> None:
    config = rollouts_config(live.url, tmp_path / "rollouts.yaml")
    server = serve("--rollouts", str(config), "--request-timeout", "5", "--threads", "16")
    marks: dict[str, float] = {}
    done = threading.Event()
    holder: dict[str, LoadRun] = {}
    body = {"name": "healthy", "namespace": NAMESPACE, "phase": "Progressing", "checksum": "x"}

    def load() -> None:
        holder["run"] = drive(
            f"{server.url}/v1/flagger/rollout", [body], 1_000_000, 8, stop=done.is_set
        )

    loader = threading.Thread(target=load)
    loader.start()
    try:
        time.sleep(2)
        marks["stopping"] = time.perf_counter()
        live.stop()
        marks["down"] = time.perf_counter()
        time.sleep(3)
        marks["restart"] = time.perf_counter()
        live.start()
        live.wait_window()
        marks["back"] = time.perf_counter()
        time.sleep(2)
    finally:
        done.set()
        loader.join(timeout=60)
    run = holder["run"]
    assert set(run.statuses()) <= {200, 503}
    outage = [r for r in run.results if marks["down"] < r.started and r.finished < marks["restart"]]
    assert outage and all(r.status == 503 for r in outage)
    assert all(r.body["error"] == "metrics" for r in outage)
    before = [r for r in run.results if r.finished < marks["stopping"]]
    after = [r for r in run.results if r.started > marks["back"]]
    assert before and all(r.status == 200 for r in before)
    assert after and all(r.status == 200 for r in after)
    assert server.stop() == 0
    _assert_log_matches(server.decision_log, run)


@pytest.mark.opa
def test_two_worker_processes_keep_one_chain(
    serve: ServerFactory, opa_server: OpaServerFactory
) -> None:
    opa = opa_server()
    server = serve("--engine", "opa-server", "--opa-url", opa.url, "--workers", "2")
    run = drive(f"{server.url}/v1/decisions", decidable_inputs(), 600, CLIENTS)
    assert run.statuses() == {200: 600}
    assert server.stop() == 0
    _assert_log_matches(server.decision_log, run)
