"""Two ``gatekeeper serve`` replicas on one real PostgreSQL share the live loop.

Separate processes, each ``--state postgresql --log-store postgresql`` on the same
database: a manual decision pending on replica A is refused for the wrong person
and approved by the right one through replica B, and the next measurement on A
applies it; a window that expires (its start moved back in the real database) gets
the default action on B. Afterwards ``gatekeeper log verify --log-store
postgresql`` passes and the one chain holds every answered decision, the
approvals included.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from tests.serve._loop import backdate, codes, decide, listed, measure, tokens_file
from tests.serve.conftest import (
    ROSTER,
    Server,
    assert_postgres_log_verifies,
    start_replica,
    wait_ready,
)


@pytest.fixture
def replicas(tmp_path: Path, postgres_url: str) -> Iterator[tuple[Server, Server]]:
    """Replica A and replica B, one database for the state and the decision log."""
    args = ("--state", "postgresql", "--tokens-file", str(tokens_file(tmp_path)))
    args += ("--data", str(ROSTER))
    a = start_replica(tmp_path / "a", postgres_url, *args)
    b = start_replica(tmp_path / "b", postgres_url, *args)
    try:
        wait_ready(a)
        wait_ready(b)
        yield a, b
    finally:
        a.stop()
        b.stop()


def _logged(url: str) -> list[dict[str, Any]]:
    with psycopg.connect(url) as connection:
        rows = connection.execute("SELECT line FROM gatekeeper_decision_log ORDER BY seq")
        return [json.loads(bytes(row[0])) for row in rows]


def _answered(response: httpx.Response, answered: list[str]) -> dict[str, Any]:
    """The body of a decided answer; its decision id joins those the log must hold."""
    body: dict[str, Any] = response.json()
    answered.append(body["decision_id"])
    return body


def test_a_decision_pending_on_a_is_decided_through_b_and_applied_on_a(
    replicas: tuple[Server, Server], postgres_url: str
) -> None:
    a, b = replicas
    answered: list[str] = []
    first = _answered(measure(a, "checkout"), answered)
    assert first["action"] == "manual_decision" and first["authority"] == ["QA DRI"]
    [entry] = listed(b)  # B sees what A started
    assert entry["rollout"]["name"] == "checkout" and entry["decision"] is None
    again = _answered(measure(b, "checkout"), answered)
    assert again["pending"]["started_at"] == first["pending"]["started_at"]  # one clock

    refused = decide(b, "carol@example.com", "checkout", "rollback")
    assert refused.status_code == 403, refused.text
    assert codes(_answered(refused, answered), "reasons") == {"UNAUTHORIZED_APPROVER"}
    assert listed(a)[0]["decision"] is None  # a refusal changes nothing
    approved = decide(b, "bob@example.com", "checkout", "rollback")
    assert approved.status_code == 200, approved.text
    assert _answered(approved, answered)["outcome"] == "approved"
    assert listed(a) == []  # decided through B: on A it waits for nobody now

    applied = _answered(measure(a, "checkout"), answered)
    assert applied["action"] == "auto_rollback"
    assert codes(applied) == {"QUALITY_REGRESSION", "ROLLBACK_DECIDED"}
    assert applied["pending"]["decided_by"] == ["bob@example.com"]

    assert _answered(measure(a, "cart"), answered)["action"] == "manual_decision"
    backdate(postgres_url, "cart", "r1", 5)
    expired = _answered(measure(b, "cart"), answered)
    assert expired["action"] == "auto_rollback"
    assert "DECISION_WINDOW_EXPIRED" in codes(expired)
    assert listed(a) == [] and listed(b) == []

    logged = _logged(postgres_url)
    assert [r["decision_id"] for r in logged] == answered  # one chain, in answer order
    approvals = [r for r in logged if r["gate"] == "approval"]
    assert [r["decision"]["action"] for r in approvals] == ["deny", "approve"]
    assert logged[4]["input"]["pending_decision"]["decision"] == "rollback"
    assert logged[-1]["pending"]["minutes"] >= 5
    assert_postgres_log_verifies(postgres_url, len(answered))
