"""A manual decision in a live rollout, through the controllers' own code, on real serve.

docs/controllers.md, "Manual decisions in a live rollout" and "One table". A
quality drop at 25% is a ``manual_decision`` (QA DRI, a 5-minute window, default
``auto_rollback``). Serve (tokens, the roster, the decision-matrix windows cut to
6 s, a real Prometheus scraping a real exporter) holds its clock in the real
SQLite state file; people answer through ``POST /v1/pending/.../decision``.

- Argo Rollouts' analysis controller (``argo-harness run``) runs the docs'
  AnalysisTemplate; the revision is the ``podTemplateHashValue`` arg, so serve
  keys the clock on the pod-template hash. The test acts between measurements:
  the next measurement applies a person's decision, or the expired window.
- Flagger's ``CallWebhook`` (``flagger-harness``) calls the hooks in the order
  Flagger's scheduler calls them each interval (``rollback``, then ``rollout``,
  then ``confirm-traffic-increase``; pkg/controller/scheduler.go); the revision
  is the payload's ``checksum``.

A window that expires is not waited for: :func:`backdate` moves the pending
decision's start back in the state file between measurements.
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
    ROSTER,
    HarnessStream,
    Live,
    Server,
    controller_server,
    harness,
    post_json,
    run_harness,
)
from tests.serve.test_serve_pending import STATE_FILE, TOKENS, backdate

CONTROLLER = "argo-rollouts"  # the controllers' identity: no role


@pytest.fixture(scope="module")
def loop_server(live: Live, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("live-manual")
    tokens = root / "tokens.yaml"
    tokens.write_text("".join(f'"{t}": {who}\n' for who, t in TOKENS.items()), encoding="utf-8")
    tokens.chmod(0o600)
    extra = ("--data", str(ROSTER), "--tokens-file", str(tokens))
    with controller_server(live.url, root, *extra) as server:
        yield server


def _auth(who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[who]}"}


def decide(server: Server, who: str, name: str, decision: str, revision: str) -> httpx.Response:
    url = f"{server.url}/v1/pending/{NAMESPACE}/{name}/decision"
    return post_json(url, {"decision": decision, "revision": revision}, _auth(who))


def pending_of(server: Server, name: str, revision: str) -> dict[str, Any] | None:
    response = httpx.get(f"{server.url}/v1/pending", headers=_auth("bob@example.com"), timeout=30)
    assert response.status_code == 200, response.text
    entries = [
        e
        for e in response.json()["pending"]
        if e["rollout"] == {"namespace": NAMESPACE, "name": name, "revision": revision}
    ]
    return entries[0] if entries else None


def records(server: Server) -> list[dict[str, Any]]:
    lines = server.decision_log.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def of_revision(server: Server, revision: str) -> list[dict[str, Any]]:
    """The decision-log records of one rollout revision, oldest first."""
    return [r for r in records(server) if r.get("rollout", {}).get("revision") == revision]


def codes(decision: dict[str, Any], kind: str = "violations") -> set[str]:
    return {item["code"] for item in decision.get(kind, [])}


# --- Argo Rollouts ------------------------------------------------------------------


def analysis(server: Server, docs: Path, rollout: str, pod_hash: str) -> HarnessStream:
    """The analysis controller on the docs' 25% step; 2 s between measurements, so
    the test posts a decision between two of them."""
    return HarnessStream(
        harness("argo"),
        "run",
        "-docs", str(docs),
        "-rollout-name", rollout,
        "-step", "3",  # the analysis after setWeight: 25
        "-pod-hash", pod_hash,
        "-base-url", server.url,
        "-token", TOKENS[CONTROLLER],
        "-interval", "2s",
        "-initial-delay", "1s",
        "-timeout", "120s",
    )  # fmt: skip


def value(measurement: dict[str, Any]) -> dict[str, Any]:
    decided: dict[str, Any] = json.loads(measurement["value"])
    return decided


def awaiting(stream: HarnessStream, pod_hash: str) -> dict[str, Any]:
    """The next measurement: Inconclusive, awaiting the decision of this revision."""
    measurement = stream.next(timeout=60)
    assert measurement["phase"] == "Inconclusive", measurement
    decided = value(measurement)
    assert decided["outcome"] == "awaiting_decision", decided
    assert decided["action"] == "manual_decision" and decided["authority"] == ["QA DRI"]
    assert decided["rollout"]["revision"] == pod_hash  # the clock's key: the run's arg
    return decided


def ended(stream: HarnessStream) -> tuple[dict[str, Any], dict[str, Any]]:
    """The next measurement and the run line right after it (the run ended)."""
    try:
        measurement = stream.next(timeout=60)
        run = stream.next(timeout=30)
    finally:
        stream.close()
    assert "run" in run, (measurement, run)
    return measurement, run


def test_argo_a_rollback_approved_mid_run_ends_the_run_failed(
    loop_server: Server, argo_docs: Path
) -> None:
    pod_hash = "5c7d9f8b41"
    stream = analysis(loop_server, argo_docs, "quality-drop", pod_hash)
    try:
        first = awaiting(stream, pod_hash)
        assert first["pending"]["minutes"] < 1 and "decision" not in first["pending"]
        listed = pending_of(loop_server, "quality-drop", pod_hash)
        assert listed is not None and listed["decision"] is None, listed

        refused = decide(loop_server, "carol@example.com", "quality-drop", "rollback", pod_hash)
        assert refused.status_code == 403, refused.text
        assert {r["code"] for r in refused.json()["reasons"]} == {"UNAUTHORIZED_APPROVER"}
        still = awaiting(stream, pod_hash)  # the refusal changed nothing: the run waits
        assert "decision" not in still["pending"]

        approved = decide(loop_server, "bob@example.com", "quality-drop", "rollback", pod_hash)
        assert approved.status_code == 200, approved.text
    finally:
        measurement, run = ended(stream)
    assert measurement["phase"] == "Failed", measurement
    applied = value(measurement)
    assert applied["outcome"] == "rollback" and applied["action"] == "auto_rollback"
    assert "ROLLBACK_DECIDED" in codes(applied)
    assert applied["pending"]["decision"] == "rollback"
    assert applied["pending"]["decided_by"] == ["bob@example.com"]
    assert run["run"] == "Failed" and run["args"]["revision"] == pod_hash, run
    assert run["inconclusive"] == 2 and run["failed"] == 1, run
    gates = [r["gate"] for r in of_revision(loop_server, pod_hash)]
    assert gates == ["rollout", "approval", "rollout", "approval", "rollout"], gates


def test_argo_continue_holds_until_the_trigger_clears_then_go(
    loop_server: Server, argo_docs: Path, live: Live
) -> None:
    pod_hash = "6e8a0b9c52"
    stream = analysis(loop_server, argo_docs, "recovering", pod_hash)
    try:
        awaiting(stream, pod_hash)
        approved = decide(loop_server, "alice@example.com", "recovering", "continue", pod_hash)
        assert approved.status_code == 200, approved.text
        held = awaiting(stream, pod_hash)  # continue: held while the trigger stands
        assert held["pending"]["decision"] == "continue"
        assert codes(held, "warnings") == {"RESOLUTION_PENDING"}
        live.set_metric("recovering", "canary", "ndcg_at_10", 0.5240)  # quality is back
        measurements = []
        while "run" not in (line := stream.next(timeout=60)):
            measurements.append(line)
    finally:
        stream.close()
        live.set_metric("recovering", "canary", "ndcg_at_10", 0.5100)
    assert measurements[-1]["phase"] == "Successful", measurements
    assert value(measurements[-1])["outcome"] == "go"
    assert value(measurements[-1])["action"] == "promote_next_step"
    for waiting in measurements[:-1]:  # until Prometheus shows the recovered canary
        assert waiting["phase"] == "Inconclusive", waiting
        assert value(waiting)["pending"]["decision"] == "continue"
    assert line["run"] == "Successful", line
    assert pending_of(loop_server, "recovering", pod_hash) is None  # stepped up: closed


def test_argo_an_expired_window_applies_the_default_action(
    loop_server: Server, argo_docs: Path
) -> None:
    pod_hash = "7f9b1c0d63"
    stream = analysis(loop_server, argo_docs, "quality-drop", pod_hash)
    try:
        awaiting(stream, pod_hash)
        backdate(loop_server.decision_log.parent / STATE_FILE, "quality-drop", pod_hash, 5)
    finally:
        measurement, run = ended(stream)
    assert measurement["phase"] == "Failed", measurement
    applied = value(measurement)
    assert applied["outcome"] == "rollback" and applied["action"] == "auto_rollback"
    assert "DECISION_WINDOW_EXPIRED" in codes(applied)
    assert run["run"] == "Failed" and run["inconclusive"] == 1, run
    last = of_revision(loop_server, pod_hash)[-1]
    assert "DECISION_WINDOW_EXPIRED" in codes(last["decision"])
    assert last["pending"]["minutes"] >= 5 and "decision" not in last["pending"]


# --- Flagger --------------------------------------------------------------------------


def hook(server: Server, kind: str, name: str, spec: str) -> dict[str, Any]:
    """One hook through Flagger's ``CallWebhook`` for a canary whose last applied spec is
    ``spec`` (Flagger sends its hash as ``checksum``): ``ok`` is Flagger's reading (<= 202)."""
    return run_harness(
        "flagger",
        "--url", f"{server.url}/v1/flagger/{kind}",
        "--type", kind,
        "--name", name,
        "--namespace", NAMESPACE,
        "--revision", spec,
        "--metadata", "weight=25",
        "--metadata", f"token={TOKENS[CONTROLLER]}",
    )  # fmt: skip


def interval_waits(server: Server, name: str, spec: str) -> str:
    """One analysis interval, as Flagger's scheduler runs it, while a person is awaited:
    ``rollback`` is not signalled, ``rollout`` passes (waiting is not a failed check),
    ``confirm-traffic-increase`` halts. The checksum Flagger sent (serve's key)."""
    rollback = hook(server, "rollback", name, spec)
    assert rollback["ok"] is False, rollback
    answer = json.loads(rollback["error"])  # the 412 body: the decision
    assert answer["outcome"] == "awaiting_decision", answer
    assert hook(server, "rollout", name, spec)["ok"] is True
    halted = hook(server, "confirm-traffic-increase", name, spec)
    assert halted["ok"] is False and json.loads(halted["error"])["outcome"] == "awaiting_decision"
    checksum: str = answer["rollout"]["revision"]
    assert checksum, answer
    return checksum


def sent_checksum(server: Server) -> str:
    """The checksum of the last Flagger call (the newest decision record's revision)."""
    revision: str = records(server)[-1]["rollout"]["revision"]
    assert revision, records(server)[-1]
    return revision


def last_record(server: Server, checksum: str) -> dict[str, Any]:
    return of_revision(server, checksum)[-1]


def test_flagger_a_rollback_approved_mid_analysis_rolls_back(loop_server: Server) -> None:
    spec = "checkout-84d2c6f7a1"
    checksum = interval_waits(loop_server, "quality-drop", spec)
    assert pending_of(loop_server, "quality-drop", checksum) is not None
    refused = decide(loop_server, "dave@example.com", "quality-drop", "rollback", checksum)
    assert refused.status_code == 403, refused.text
    assert interval_waits(loop_server, "quality-drop", spec) == checksum  # nothing changed
    approved = decide(loop_server, "bob@example.com", "quality-drop", "rollback", checksum)
    assert approved.status_code == 200, approved.text
    # the next interval: the rollback hook comes first and signals it (Flagger rolls back)
    assert hook(loop_server, "rollback", "quality-drop", spec) == {"ok": True, "error": ""}
    applied = last_record(loop_server, checksum)
    assert applied["source"].startswith("flagger:rollback:")
    assert applied["decision"]["action"] == "auto_rollback"
    assert "ROLLBACK_DECIDED" in codes(applied["decision"])
    assert applied["pending"]["decision"] == "rollback"


def test_flagger_an_approved_rollback_fails_the_rollout_hook(loop_server: Server) -> None:
    """A Canary whose next call is the ``rollout`` hook: a failed check (412)."""
    spec = "checkout-95e3d7a8b2"
    assert hook(loop_server, "rollout", "quality-drop", spec)["ok"] is True
    checksum = sent_checksum(loop_server)
    approved = decide(loop_server, "alice@example.com", "quality-drop", "rollback", checksum)
    assert approved.status_code == 200, approved.text
    failed = hook(loop_server, "rollout", "quality-drop", spec)
    assert failed["ok"] is False, failed
    answer = json.loads(failed["error"])  # the 412 body: the decision
    assert answer["outcome"] == "rollback" and "ROLLBACK_DECIDED" in codes(answer)


def test_flagger_continue_keeps_the_canary_at_its_weight(loop_server: Server) -> None:
    spec = "checkout-a6f4e8b9c3"
    checksum = interval_waits(loop_server, "quality-drop", spec)
    approved = decide(loop_server, "bob@example.com", "quality-drop", "continue", checksum)
    assert approved.status_code == 200, approved.text
    interval_waits(loop_server, "quality-drop", spec)  # RESOLUTION_PENDING: held
    held = last_record(loop_server, checksum)
    assert held["pending"]["decision"] == "continue"
    assert codes(held["decision"], "warnings") == {"RESOLUTION_PENDING"}


def test_flagger_continue_then_the_trigger_clears_steps_up(loop_server: Server, live: Live) -> None:
    spec, name = "checkout-d9c7b1e2f6", "recovering-hooks"
    checksum = interval_waits(loop_server, name, spec)
    approved = decide(loop_server, "bob@example.com", name, "continue", checksum)
    assert approved.status_code == 200, approved.text
    live.set_metric(name, "canary", "ndcg_at_10", 0.5240)  # quality is back
    try:
        deadline = time.monotonic() + 40
        while not (step := hook(loop_server, "confirm-traffic-increase", name, spec))["ok"]:
            held = json.loads(step["error"])  # halted, until Prometheus shows the recovery
            assert held["outcome"] == "awaiting_decision", held
            assert held["pending"]["decision"] == "continue", held
            assert time.monotonic() < deadline, "the cleared trigger never stepped up"
            time.sleep(1)
    finally:
        live.set_metric(name, "canary", "ndcg_at_10", 0.5100)
    stepped = last_record(loop_server, checksum)
    assert stepped["decision"]["action"] == "promote_next_step", stepped["decision"]
    assert pending_of(loop_server, name, checksum) is None  # stepped up: closed


def test_flagger_an_expired_window_rolls_back(loop_server: Server) -> None:
    spec = "checkout-b7a5f9c0d4"
    checksum = interval_waits(loop_server, "quality-drop", spec)
    backdate(loop_server.decision_log.parent / STATE_FILE, "quality-drop", checksum, 5)
    assert hook(loop_server, "rollback", "quality-drop", spec) == {"ok": True, "error": ""}
    applied = last_record(loop_server, checksum)
    assert applied["decision"]["action"] == "auto_rollback"
    assert "DECISION_WINDOW_EXPIRED" in codes(applied["decision"])
    assert applied["pending"]["minutes"] >= 5


def test_flagger_an_expired_window_fails_the_rollout_hook(loop_server: Server) -> None:
    spec = "checkout-c8b6a0d1e5"
    assert hook(loop_server, "rollout", "quality-drop", spec)["ok"] is True
    checksum = sent_checksum(loop_server)
    backdate(loop_server.decision_log.parent / STATE_FILE, "quality-drop", checksum, 5)
    failed = hook(loop_server, "rollout", "quality-drop", spec)
    assert failed["ok"] is False, failed
    answer = json.loads(failed["error"])
    assert answer["outcome"] == "rollback" and "DECISION_WINDOW_EXPIRED" in codes(answer)
