"""Reliability under load: 32 concurrent keep-alive clients against a real server.

Every decision answered is in the log exactly once, the chain verifies, SIGTERM
drains the requests in flight and leaves no torn line, and Prometheus stopped in
the middle of a run gives undecided answers (never a go) until it is back. The
clients are shared out among the scenarios' rule sets, each posting with its own
``?profile=&environment=``, so requests of different rule sets are decided side by
side. The full 10,000-decision run is marked ``slow``; CI runs 2,000, and 2,000
on the embedded engine with each answer compared to the one its input gets alone.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from bench._http_load import LoadRun, drive
from gatekeeper.check._options import RuleSet as ChosenRules
from gatekeeper.check._pipeline import validate_for
from gatekeeper.cli._main import main
from gatekeeper.log._decision_log import verify_log
from gatekeeper.models._examples import scenario_rule_set
from gatekeeper.models._exceptions import InputError
from tests.conftest import REPO_ROOT, OpaServerFactory
from tests.serve.conftest import (
    NAMESPACE,
    Live,
    ServerFactory,
    logged_decision_id,
    rollouts_config,
)

CLIENTS = 32
SCENARIOS = REPO_ROOT / "scenarios"
UPLOAD = ("--engine", "opa-server", "--opa-upload")

RuleSet = tuple[str | None, str | None]


def decidable_inputs() -> dict[RuleSet, list[dict[str, Any]]]:
    """Every rollout and promotion scenario that passes input validation under its
    folder's rule set, by rule set (profile, environment)."""
    groups: dict[RuleSet, list[dict[str, Any]]] = {}
    for path in sorted(SCENARIOS.rglob("*--*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        document = document.get("input", document)
        if document.get("gate") == "approval" or path.name.startswith("invalid"):
            continue
        profile, environment = scenario_rule_set(path.relative_to(SCENARIOS).parts)
        try:
            validate_for(document, ChosenRules(profile=profile, environment=environment))
        except InputError:
            continue
        groups.setdefault((profile, environment), []).append(document)
    return groups


def drive_rule_sets(url: str, total: int, clients: int = CLIENTS) -> LoadRun:
    """``total`` decisions from ``clients`` clients, shared out among the rule sets:
    each share posts its scenarios to ``url`` with its own query, all at once."""
    groups = sorted(decidable_inputs().items(), key=lambda item: str(item[0]))
    assert len(groups) > 1 and clients >= len(groups)
    runs: list[LoadRun] = []

    def one(index: int, rule_set: RuleSet, documents: list[dict[str, Any]]) -> None:
        profile, environment = rule_set
        query = {"profile": profile} if profile else {}
        query |= {"environment": environment} if environment else {}
        target = f"{url}?{urlencode(query)}" if query else url
        share = total // len(groups) + (1 if index < total % len(groups) else 0)
        width = clients // len(groups) + (1 if index < clients % len(groups) else 0)
        runs.append(drive(target, documents, share, width))

    threads = [
        threading.Thread(target=one, args=(index, rule_set, documents))
        for index, (rule_set, documents) in enumerate(groups)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(runs) == len(groups)
    return LoadRun(
        results=[result for run in runs for result in run.results],
        wall_seconds=max(run.wall_seconds for run in runs),
    )


def _records(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def _assert_log_matches(log: Path, run: LoadRun) -> None:
    """The log holds exactly the decisions the answers say were logged (every status
    counted: 200 and 412 are decisions, 503 and refusals are not)."""
    logged = (logged_decision_id(r.status, r.body) for r in run.results)
    answered = [decision_id for decision_id in logged if decision_id is not None]
    records = _records(log)
    assert len(records) == len(answered)
    assert sorted(r["decision_id"] for r in records) == sorted(answered)
    assert verify_log(log).ok
    assert main(["log", "verify", str(log)]) == 0


def _load(total: int, serve: ServerFactory, opa_server: OpaServerFactory) -> None:
    opa = opa_server()
    server = serve(*UPLOAD, "--opa-url", opa.url, "--threads", "16")
    run = drive_rule_sets(f"{server.url}/v1/decisions", total)
    problems = [(r.status, r.body, r.error) for r in run.results if r.status != 200]
    assert problems == [], server.output()[-4000:]  # the server's side of a dropped answer
    assert server.stop() == 0
    _assert_log_matches(server.decision_log, run)
    assert len(_records(server.decision_log)) == total


@pytest.mark.opa
def test_32_clients_2000_decisions_every_one_logged_and_chained(
    serve: ServerFactory, opa_server: OpaServerFactory
) -> None:
    _load(2000, serve, opa_server)


VARYING = ("decision_id", "time")  # the rest of an answer depends on its input only


def test_32_clients_on_the_embedded_engine_each_get_the_answer_of_their_own_input(
    serve: ServerFactory,
) -> None:
    """The embedded engine's inputs are evaluated in groups on one thread: under load
    every answer is still the one its input gets alone, and every one is logged."""
    documents = decidable_inputs()[(None, None)]
    assert len(documents) >= 10
    server = serve("--engine", "embedded")
    url = f"{server.url}/v1/decisions"
    alone = drive(url, documents, len(documents), clients=1)
    reference = {r.index: r.body for r in alone.results}
    assert {r.status for r in alone.results} == {200}
    assert len({json.dumps(_stable(b), sort_keys=True) for b in reference.values()}) > 5
    run = drive(url, documents, 2000, CLIENTS)
    problems = [(r.status, r.body, r.error) for r in run.results if r.status != 200]
    assert problems == [], server.output()[-4000:]  # the server's side of a dropped answer
    wrong = [
        r.index
        for r in run.results
        if _stable(r.body) != _stable(reference[r.index % len(documents)])
    ]
    assert wrong == []
    assert server.stop() == 0
    _assert_log_matches(server.decision_log, LoadRun(alone.results + run.results))


def _stable(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key not in VARYING}


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
    server = serve(*UPLOAD, "--opa-url", opa.url, "--threads", "16")
    holder: dict[str, LoadRun] = {}
    loader = threading.Thread(
        target=lambda: holder.update(run=drive_rule_sets(f"{server.url}/v1/decisions", 5000))
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
    # 412 (blocked) only while Prometheus stops or refills its window: a decision on
    # partial data may block, and nothing but a full window may give a go
    assert set(run.statuses()) <= {200, 412, 503}
    blocked = [r for r in run.results if r.status == 412]
    assert all(marks["stopping"] <= r.finished and r.started <= marks["back"] for r in blocked)
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
    server = serve(*UPLOAD, "--opa-url", opa.url, "--workers", "2")
    run = drive_rule_sets(f"{server.url}/v1/decisions", 600)
    assert run.statuses() == {200: 600}
    assert server.stop() == 0
    _assert_log_matches(server.decision_log, run)
