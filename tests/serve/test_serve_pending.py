"""The live decision loop on real serve processes: serve holds the clock, people decide.

Measurements go to ``POST /v1/decisions?namespace=N&name=M&revision=R`` (a live
rollout without Prometheus); one test drives the Argo route on a real Prometheus.
The tests of the loop run on each state store: the real SQLite file beside the
decision log, and a real PostgreSQL (``--state postgresql``). To test a window
that expires without waiting for it, :func:`~tests.serve._loop.backdate` moves
the pending decision's start back in that store (an edit of the real row, not a
mock): the next measurement sees the minutes pass.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gatekeeper.log._decision_log import verify_log
from tests.conftest import REPO_ROOT, missing
from tests.serve._loop import (
    STATE_FILE,
    TOKENS,
    auth,
    backdate,
    codes,
    decide,
    listed,
    measure,
    rollout_input,
    tokens_file,
)
from tests.serve.conftest import (
    NAMESPACE,
    ROSTER,
    Live,
    Server,
    ServerFactory,
    post_json,
    rollouts_config,
    start_server,
)


def records(server: Server) -> list[dict[str, Any]]:
    if not server.decision_log.exists():
        return []
    lines = server.decision_log.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(params=["sqlite", "postgresql"])
def loop_server(serve: ServerFactory, tmp_path: Path, request: pytest.FixtureRequest) -> Server:
    """The live loop on each state store: the same tests pass on SQLite and PostgreSQL."""
    args = ("--tokens-file", str(tokens_file(tmp_path)), "--data", str(ROSTER))
    if request.param == "sqlite":
        return serve(*args)
    url: str = request.getfixturevalue("postgres_url")
    server = serve(*args, "--state", "postgresql", env={"GATEKEEPER_DATABASE_URL": url})
    server.state = url
    return server


@pytest.fixture
def sqlite_loop_server(serve: ServerFactory, tmp_path: Path) -> Server:
    return serve("--tokens-file", str(tokens_file(tmp_path)), "--data", str(ROSTER))


def state_of(server: Server) -> Path | str:
    """Where the server keeps its state: the SQLite file, or the PostgreSQL URL."""
    return server.state or server.decision_log.parent / STATE_FILE


def test_a_manual_decision_is_pending_then_refused_then_approved_then_applied(
    loop_server: Server,
) -> None:
    first = measure(loop_server, "checkout")
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["action"] == "manual_decision" and body["authority"] == ["QA DRI"]
    assert body["pending"]["trigger"] == "quality_regression"
    assert body["pending"]["minutes"] == 0
    assert body["rollout"] == {"namespace": NAMESPACE, "name": "checkout", "revision": "r1"}

    [entry] = listed(loop_server)
    assert entry["rollout"]["revision"] == "r1" and entry["trigger_type"] == "quality"
    assert entry["roles"] == ["QA DRI"] and entry["window_minutes"] == 5
    assert entry["who"] == {"QA DRI": ["alice@example.com", "bob@example.com"]}
    assert entry["default_action"] == "auto_rollback" and entry["decision"] is None

    refused = decide(loop_server, "carol@example.com", "checkout", "continue")
    assert refused.status_code == 403, refused.text
    assert refused.json()["outcome"] == "refused"
    assert {r["code"] for r in refused.json()["reasons"]} == {"UNAUTHORIZED_APPROVER"}
    [entry] = listed(loop_server)
    assert entry["decision"] is None
    assert [(a["identity"], a["outcome"]) for a in entry["approvals"]] == [
        ("carol@example.com", "refused")
    ]

    approved = decide(loop_server, "bob@example.com", "checkout", "continue")
    assert approved.status_code == 200, approved.text
    assert approved.json()["outcome"] == "approved"
    assert approved.json()["approvers"] == ["bob@example.com"]

    held = measure(loop_server, "checkout").json()
    assert held["action"] == "manual_decision"
    assert codes(held, "warnings") == {"RESOLUTION_PENDING"}
    assert held["pending"]["decision"] == "continue"

    backdate(state_of(loop_server), "checkout", "r1", 30)
    expired = measure(loop_server, "checkout").json()
    assert expired["action"] == "auto_rollback"
    assert "RESOLUTION_DEADLINE_EXPIRED" in codes(expired)
    assert listed(loop_server) == []  # rolled back: the pending decision is closed

    logged = records(loop_server)
    approvals = [r for r in logged if r["gate"] == "approval"]
    assert [r["decision"]["action"] for r in approvals] == ["deny", "approve"]
    assert approvals[1]["input"]["approvers"] == ["bob@example.com"]
    assert approvals[1]["input"]["trigger_type"] == "quality"
    live = [r for r in logged if r["gate"] == "rollout"]
    assert live[1]["input"]["pending_decision"]["decision"] == "continue"
    assert live[2]["pending"]["minutes"] >= 30
    assert "started_at" in live[2]["pending"]
    assert verify_log(loop_server.decision_log).ok


def test_a_rollback_decided_by_a_person_is_applied_by_the_policy(loop_server: Server) -> None:
    assert measure(loop_server, "search").json()["action"] == "manual_decision"
    approved = decide(loop_server, "alice@example.com", "search", "rollback")
    assert approved.status_code == 200, approved.text
    applied = measure(loop_server, "search").json()
    assert applied["action"] == "auto_rollback"
    assert codes(applied) == {"QUALITY_REGRESSION", "ROLLBACK_DECIDED"}
    assert records(loop_server)[-1]["input"]["pending_decision"]["decision"] == "rollback"
    # the revision stays rolled back: a later measurement (a controller that counts more
    # than one failure, a Flagger canary without a rollback hook) never starts a new clock
    for _ in range(2):
        again = measure(loop_server, "search").json()
        assert again["action"] == "auto_rollback" and "ROLLBACK_DECIDED" in codes(again)
    healthy = measure(loop_server, "search", document=rollout_input(ndcg=0.5240)).json()
    assert healthy["action"] == "auto_rollback" and "ROLLBACK_DECIDED" in codes(healthy)


def test_an_expired_window_applies_the_default_action(loop_server: Server) -> None:
    assert measure(loop_server, "cart").json()["action"] == "manual_decision"
    backdate(state_of(loop_server), "cart", "r1", 5)
    late = decide(loop_server, "bob@example.com", "cart", "continue")
    assert late.status_code == 409, late.text
    assert "window ended" in late.json()["message"]
    applied = measure(loop_server, "cart").json()
    assert applied["action"] == "auto_rollback"
    assert "DECISION_WINDOW_EXPIRED" in codes(applied)
    last = records(loop_server)[-1]
    assert "DECISION_WINDOW_EXPIRED" in {v["code"] for v in last["decision"]["violations"]}
    assert last["pending"]["minutes"] >= 5
    assert [r["gate"] for r in records(loop_server)] == ["rollout", "rollout"]  # 409: no log
    again = measure(loop_server, "cart").json()  # the revision stays rolled back
    assert again["action"] == "auto_rollback" and "DECISION_WINDOW_EXPIRED" in codes(again)


def test_the_joint_cell_completes_on_the_second_different_person_only(
    loop_server: Server,
) -> None:
    first = measure(loop_server, "ranker", document=rollout_input(phase=50)).json()
    assert first["authority"] == ["QA DRI", "Sprint DRI"]
    partial = decide(loop_server, "bob@example.com", "ranker", "continue")
    assert partial.status_code == 202, partial.text
    assert partial.json()["outcome"] == "partial"
    assert partial.json()["needed"] == ["Sprint DRI"]
    again = decide(loop_server, "bob@example.com", "ranker", "continue")
    assert again.status_code == 202 and again.json()["approvers"] == ["bob@example.com"]
    [entry] = listed(loop_server)
    assert entry["decision"] is None
    done = decide(loop_server, "carol@example.com", "ranker", "continue")
    assert done.status_code == 200, done.text
    assert done.json()["approvers"] == ["bob@example.com", "carol@example.com"]
    assert listed(loop_server) == []  # decided: it waits for nobody now
    held = measure(loop_server, "ranker").json()["pending"]
    assert held["decision"] == "continue"
    assert held["decided_by"] == ["bob@example.com", "carol@example.com"]
    closed = decide(loop_server, "alice@example.com", "ranker", "rollback")
    assert closed.status_code == 409  # already decided


def test_a_new_revision_starts_fresh(loop_server: Server) -> None:
    assert measure(loop_server, "pricing", "old").json()["action"] == "manual_decision"
    backdate(state_of(loop_server), "pricing", "old", 4)
    fresh = measure(loop_server, "pricing", "new").json()
    assert fresh["action"] == "manual_decision" and fresh["pending"]["minutes"] < 1
    old = measure(loop_server, "pricing", "old").json()
    assert old["pending"]["minutes"] >= 4
    nothing = decide(loop_server, "bob@example.com", "pricing", "continue", revision="other")
    assert nothing.status_code == 409 and "no manual decision is pending" in nothing.text


def test_a_cleared_trigger_keeps_the_decision_owed_until_the_rollout_steps(
    loop_server: Server,
) -> None:
    assert measure(loop_server, "recover").json()["action"] == "manual_decision"
    cleared = rollout_input(ndcg=0.5240)
    owed = measure(loop_server, "recover", document=cleared).json()
    assert owed["action"] == "manual_decision" and codes(owed) == {"DECISION_PENDING"}
    assert decide(loop_server, "bob@example.com", "recover", "continue").status_code == 200
    stepped = measure(loop_server, "recover", document=cleared).json()
    assert stepped["action"] == "promote_next_step"
    assert listed(loop_server) == []  # the rollout moved on: closed
    fresh = measure(loop_server, "recover").json()  # the trigger fires again: a new clock
    assert fresh["pending"]["minutes"] < 1 and "decision" not in fresh["pending"]


def test_a_caller_never_supplies_pending_decision(loop_server: Server) -> None:
    document = {**rollout_input(), "pending_decision": {"trigger": "gate_failure"}}
    response = measure(loop_server, "checkout", document=document)
    assert response.status_code == 400
    assert response.json()["field"] == "pending_decision"
    assert listed(loop_server) == []


def test_people_decide_only_continue_or_rollback(loop_server: Server) -> None:
    measure(loop_server, "checkout")
    response = decide(loop_server, "bob@example.com", "checkout", "promote")
    assert response.status_code == 400
    assert "continue, rollback" in response.json()["message"]


def test_deciding_needs_an_identity(serve: ServerFactory) -> None:
    server = serve("--data", str(ROSTER))
    url = f"{server.url}/v1/pending/{NAMESPACE}/checkout/decision"
    response = post_json(url, {"decision": "continue"})
    assert response.status_code == 401


def test_on_call_commands_list_and_decide(loop_server: Server, tmp_path: Path) -> None:
    measure(loop_server, "checkout")
    token = tmp_path / "bob.token"
    token.write_text(TOKENS["bob@example.com"] + "\n", encoding="utf-8")
    carol = tmp_path / "carol.token"
    carol.write_text(TOKENS["carol@example.com"], encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gatekeeper", *args, "--server", loop_server.url],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO_ROOT,
            check=False,
        )

    listing = run("pending", "--token-file", str(token))
    assert listing.returncode == 0, listing.stderr
    assert f"{NAMESPACE}/checkout revision r1: quality_regression at 25%" in listing.stdout
    assert "QA DRI (QA DRI: alice@example.com, bob@example.com)" in listing.stdout
    refused = run("decide", f"{NAMESPACE}/checkout", "continue", "--revision", "r1",
                  "--token-file", str(carol))  # fmt: skip
    assert refused.returncode == 1 and "UNAUTHORIZED_APPROVER" in refused.stderr
    approved = run("decide", f"{NAMESPACE}/checkout", "rollback", "--revision", "r1",
                   "--token-file", str(token))  # fmt: skip
    assert approved.returncode == 0, approved.stderr
    assert approved.stdout.startswith("approved:")
    again = run("decide", f"{NAMESPACE}/checkout", "continue", "--revision", "r1",
                "--token-file", str(token))  # fmt: skip
    assert again.returncode == 2 and "already decided" in again.stderr
    no_token = run("pending")
    assert no_token.returncode == 2 and "HTTP 401" in no_token.stderr


def test_two_workers_share_one_sqlite_store(serve: ServerFactory, tmp_path: Path) -> None:
    tokens = str(tokens_file(tmp_path))
    server = serve("--tokens-file", tokens, "--data", str(ROSTER), "--workers", "2")
    started = {measure(server, "shared").json()["pending"]["started_at"] for _ in range(12)}
    assert len(started) == 1, started
    assert decide(server, "bob@example.com", "shared", "rollback").status_code == 200
    after = [measure(server, "shared").json() for _ in range(4)]
    assert all(body["action"] == "auto_rollback" for body in after[:1])
    assert "ROLLBACK_DECIDED" in codes(after[0])
    assert verify_log(server.decision_log).ok


@pytest.mark.parametrize("kind", ["directory", "symlink"])
def test_a_state_store_that_cannot_be_opened_fails_closed(tmp_path: Path, kind: str) -> None:
    bad = tmp_path / "state.sqlite3"
    if kind == "directory":
        bad.mkdir()
    else:
        (tmp_path / "real.sqlite3").write_bytes(b"")
        bad.symlink_to(tmp_path / "real.sqlite3")
    server = start_server(tmp_path, "--state-file", str(bad), ready=False)
    assert server.process.wait(timeout=60) == 2
    assert f"state file {bad}" in server.output()


@pytest.fixture
def argo_server(live: Live, tmp_path: Path) -> Iterator[Server]:
    config = rollouts_config(live.url, tmp_path / "rollouts.yaml")
    server = start_server(tmp_path, "--rollouts", str(config), "--data", str(ROSTER),
                          "--tokens-file", str(tokens_file(tmp_path)))  # fmt: skip
    try:
        yield server
    finally:
        server.stop()


def test_the_argo_route_holds_the_clock_per_revision(argo_server: Server) -> None:
    url = f"{argo_server.url}/v1/argo/{NAMESPACE}/quality-drop?weight=25&revision=6d4f"
    first = httpx.get(url, headers=auth("argo-rollouts"), timeout=30).json()
    assert first["action"] == "manual_decision"
    assert first["rollout"]["revision"] == "6d4f"
    [entry] = listed(argo_server)
    assert entry["rollout"] == {"namespace": NAMESPACE, "name": "quality-drop", "revision": "6d4f"}
    assert decide(argo_server, "bob@example.com", "quality-drop", "rollback", "6d4f").is_success
    applied = httpx.get(url, headers=auth("argo-rollouts"), timeout=30).json()
    assert applied["action"] == "auto_rollback" and "ROLLBACK_DECIDED" in codes(applied)


def test_the_flagger_routes_key_the_clock_on_the_checksum(argo_server: Server) -> None:
    payload = {
        "name": "quality-drop",
        "namespace": NAMESPACE,
        "phase": "Progressing",
        "checksum": "7b9c5d",
        "metadata": {"weight": "25"},
    }
    url = f"{argo_server.url}/v1/flagger/rollout"
    first = post_json(url, payload, auth("argo-rollouts")).json()
    assert first["action"] == "manual_decision" and first["pending"]["minutes"] < 1
    assert first["rollout"]["revision"] == "7b9c5d"
    backdate(state_of(argo_server), "quality-drop", "7b9c5d", 5)
    expired = post_json(url, payload, auth("argo-rollouts")).json()
    assert expired["action"] == "auto_rollback"
    assert "DECISION_WINDOW_EXPIRED" in codes(expired)


def test_a_state_store_that_fails_is_undecided_never_a_go(sqlite_loop_server: Server) -> None:
    """Another writer holds the SQLite file past serve's busy time-out: 503 ``state``."""
    before = len(records(sqlite_loop_server))
    holder = sqlite3.connect(state_of(sqlite_loop_server), timeout=0, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        stuck = measure(sqlite_loop_server, "checkout")
        assert stuck.status_code == 503, stuck.text
        assert stuck.json()["error"] == "state"
        assert str(state_of(sqlite_loop_server)) in stuck.json()["message"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(records(sqlite_loop_server)) == before  # nothing was decided, nothing logged
    assert measure(sqlite_loop_server, "checkout").json()["action"] == "manual_decision"


def test_on_call_commands_over_https_with_a_private_ca(
    serve: ServerFactory, tmp_path: Path
) -> None:
    """``--ca-file`` trusts the server's CA; the token comes from ``$GATEKEEPER_TOKEN``."""
    if shutil.which("openssl") is None:
        missing("openssl is not installed (apt-get install openssl)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    trust = ssl.create_default_context(cafile=str(cert))
    server = serve("--tokens-file", str(tokens_file(tmp_path)), "--data", str(ROSTER),
                   "--tls-cert", str(cert), "--tls-key", str(key), verify=trust)  # fmt: skip
    url = f"{server.url}/v1/decisions?namespace={NAMESPACE}&name=secure&revision=r1"
    sent = httpx.post(url, json=rollout_input(), headers=auth("argo-rollouts"), verify=trust)
    assert sent.json()["action"] == "manual_decision"
    env = {**os.environ, "GATEKEEPER_TOKEN": TOKENS["bob@example.com"]}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gatekeeper", *args, "--server", server.url],
            capture_output=True, text=True, timeout=60, cwd=REPO_ROOT, env=env, check=False,
        )  # fmt: skip

    untrusted = run("pending")
    assert untrusted.returncode == 2 and "--server" in untrusted.stderr
    listing = run("pending", "--ca-file", str(cert), "--format", "json")
    assert listing.returncode == 0, listing.stderr
    assert json.loads(listing.stdout)["pending"][0]["rollout"]["name"] == "secure"
    approved = run("decide", f"{NAMESPACE}/secure", "continue", "--revision", "r1",
                   "--ca-file", str(cert))  # fmt: skip
    assert approved.returncode == 0, approved.stderr


def test_the_live_loop_on_an_engine_outside_the_event_loop(
    serve: ServerFactory, tmp_path: Path
) -> None:
    """``opa-cli`` decides on a worker thread, the embedded engine on the event loop:
    the same clock, the same answers."""
    tokens = str(tokens_file(tmp_path))
    server = serve("--tokens-file", tokens, "--data", str(ROSTER), "--engine", "opa-cli")
    first = measure(server, "checkout").json()
    assert first["action"] == "manual_decision" and first["pending"]["minutes"] < 1
    assert decide(server, "bob@example.com", "checkout", "rollback").status_code == 200
    applied = measure(server, "checkout").json()
    assert applied["action"] == "auto_rollback"
    assert codes(applied) == {"QUALITY_REGRESSION", "ROLLBACK_DECIDED"}
    assert applied["rollout"]["revision"] == "r1" and applied["pending"]["decision"] == "rollback"
    assert verify_log(server.decision_log).ok
