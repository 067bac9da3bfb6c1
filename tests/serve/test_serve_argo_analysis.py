"""Argo Rollouts' own analysis controller runs the docs' AnalysisTemplate against serve.

``argo-harness run`` (harness/argo/run.go) reads the AnalysisTemplate and the
Rollout from docs/controllers.md, resolves the analysis step's args as the
rollout controller does (rollout name and namespace from ``fieldRef``, the
revision from the new ReplicaSet's pod-template hash, the token from a Secret),
builds the AnalysisRun with Argo's ``NewAnalysisRunFromTemplates`` and lets
Argo's analysis controller (fake clientsets, real informers, work queue and web
provider) reconcile it against a real ``gatekeeper serve`` deciding from a real
Prometheus. Only times are shortened: ``interval`` and ``initialDelay`` are 1 s.
Each measurement comes back as it is recorded, so a test can act between them.

The documented phases (docs/controllers.md, One table): go ends the run
Successful, rollback Failed, undecided Error after ``consecutiveErrorLimit`` + 1;
not_yet and awaiting_decision are Inconclusive measurements that keep the run
Running until ``inconclusiveLimit``, past which the run is Inconclusive.

The policy is the shipped one with one change: the decision-matrix profile's
windows are 0.1 minutes (6 s), within the 8 s of data the test Prometheus holds,
so a healthy canary is judged (go) instead of held (not_yet).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.serve.conftest import (
    NAMESPACE,
    HarnessStream,
    Live,
    Server,
    controller_server,
    harness,
)

POD_HASH = "7f9c6b5d48"
INCONCLUSIVE_LIMIT = 30  # the docs' AnalysisTemplate
CONSECUTIVE_ERROR_LIMIT = 2


@pytest.fixture(scope="module")
def analysis_server(live: Live, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with controller_server(live.url, tmp_path_factory.mktemp("argo-analysis")) as server:
        yield server


def analysis(
    server: Server, docs: Path, rollout: str, *args: str, max_measurements: int = 0
) -> HarnessStream:
    return HarnessStream(
        harness("argo"),
        "run",
        "-docs",
        str(docs),
        "-rollout-name",
        rollout,
        "-step",
        "3",  # the analysis after setWeight: 25
        "-pod-hash",
        POD_HASH,
        "-base-url",
        server.url,
        "-interval",
        "1s",
        "-initial-delay",
        "1s",
        "-max-measurements",
        str(max_measurements),
        "-timeout",
        "150s",
        *args,
    )


def until_end(stream: HarnessStream) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every measurement line, then the run line."""
    measurements = []
    try:
        while "run" not in (line := stream.next(timeout=90)):
            measurements.append(line)
    finally:
        stream.close()
    return measurements, line


def outcome(measurement: dict[str, Any]) -> str:
    return str(json.loads(measurement["value"])["outcome"])


def argo_outcome(server: Server, rollout: str) -> str | None:
    response = httpx.get(f"{server.url}/v1/argo/{NAMESPACE}/{rollout}?weight=25", timeout=30)
    return response.json().get("outcome") if response.status_code == 200 else None


def test_go_ends_the_run_successful(analysis_server: Server, argo_docs: Path) -> None:
    measurements, run = until_end(analysis(analysis_server, argo_docs, "healthy"))
    assert [m["phase"] for m in measurements] == ["Successful"], measurements
    assert outcome(measurements[0]) == "go"
    assert run["run"] == "Successful", run
    # the step's args, resolved as the rollout controller resolves them
    assert run["args"] == {
        "rollout-name": "healthy",
        "namespace": NAMESPACE,
        "weight": "25",
        "revision": POD_HASH,
    }
    assert run["url"].endswith("&revision={{args.revision}}"), run


def test_rollback_ends_the_run_failed(analysis_server: Server, argo_docs: Path) -> None:
    # a quality drop at full traffic: auto_rollback (decision matrix, 100% column)
    stream = analysis(analysis_server, argo_docs, "quality-drop", "-set", "weight=100")
    measurements, run = until_end(stream)
    assert [m["phase"] for m in measurements] == ["Failed"], measurements
    assert outcome(measurements[0]) == "rollback"
    assert json.loads(measurements[0]["value"])["action"] == "auto_rollback"
    assert run["run"] == "Failed", run


def test_awaiting_decision_keeps_measuring_inconclusive(
    analysis_server: Server, argo_docs: Path
) -> None:
    # a quality drop at 25%: manual_decision, the rollout waits for the people named
    stream = analysis(analysis_server, argo_docs, "quality-drop", max_measurements=5)
    measurements, run = until_end(stream)
    assert [m["phase"] for m in measurements] == ["Inconclusive"] * 5, measurements
    assert {outcome(m) for m in measurements} == {"awaiting_decision"}
    decision = json.loads(measurements[-1]["value"])
    assert decision["action"] == "manual_decision" and decision["authority"]
    assert run["run"] == "Running" and run["metric"] == "Running", run
    assert run["inconclusive"] == 5 and run["failed"] == 0 and run["successful"] == 0


def test_awaiting_decision_past_the_inconclusive_limit_ends_the_run_inconclusive(
    analysis_server: Server, argo_docs: Path
) -> None:
    """Past ``inconclusiveLimit`` the run is Inconclusive: Argo pauses the rollout."""
    measurements, run = until_end(analysis(analysis_server, argo_docs, "quality-drop"))
    assert len(measurements) == INCONCLUSIVE_LIMIT + 1, measurements[-3:]
    assert {m["phase"] for m in measurements} == {"Inconclusive"}
    assert run["run"] == "Inconclusive", run
    assert "inconclusiveLimit (30)" in run["message"], run


def test_not_yet_then_go(analysis_server: Server, argo_docs: Path, live: Live) -> None:
    """A canary shard stops reporting (not_yet: MISSING_EVIDENCE), then reports again (go)."""
    live.silence_shard("warming", "canary", "shard-a")
    deadline = time.monotonic() + 30
    while argo_outcome(analysis_server, "warming") != "not_yet":
        assert time.monotonic() < deadline, "the silenced shard never made the gate wait"
        time.sleep(0.5)
    stream = analysis(analysis_server, argo_docs, "warming")
    try:
        held = [stream.next(timeout=60) for _ in range(2)]
        assert [m["phase"] for m in held] == ["Inconclusive"] * 2, held
        assert {outcome(m) for m in held} == {"not_yet"}
        live.restore_shard("warming", "canary", "shard-a")
    finally:
        measurements, run = until_end(stream)
    assert measurements, run
    assert measurements[-1]["phase"] == "Successful" and outcome(measurements[-1]) == "go"
    assert {m["phase"] for m in measurements[:-1]} <= {"Inconclusive"}, measurements
    assert run["run"] == "Successful", run


def test_undecided_is_an_error_never_a_success(
    analysis_server: Server, argo_docs: Path, live: Live
) -> None:
    """Prometheus stopped: every measurement is an Error; the run ends Error (abort)."""
    live.stop()
    try:
        measurements, run = until_end(analysis(analysis_server, argo_docs, "healthy"))
    finally:
        live.start()
    assert [m["phase"] for m in measurements] == ["Error"] * (CONSECUTIVE_ERROR_LIMIT + 1)
    assert all("503" in m["message"] for m in measurements), measurements
    assert run["run"] == "Error" and run["successful"] == 0, run
    live.wait_window()
