"""Helpers of the live-loop tests (``test_serve_pending``, ``test_serve_replicas``).

Measurements go to ``POST /v1/decisions?namespace=N&name=M&revision=R`` (a live
rollout without Prometheus); people decide through ``POST /v1/pending/...``. To
test a window that expires without waiting for it, :func:`backdate` moves the
pending decision's start back in the real store (the SQLite file or the
PostgreSQL database: an edit of the real row, not a mock).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from tests.serve.conftest import NAMESPACE, Server, post_json

TOKENS = {
    "alice@example.com": "a" * 32,  # QA DRI and Sprint DRI
    "bob@example.com": "b" * 32,  # QA DRI
    "carol@example.com": "c" * 32,  # Sprint DRI
    "dave@example.com": "d" * 32,  # Engineering Manager
    "argo-rollouts": "r" * 32,  # the controller: no role
}
STATE_FILE = "gatekeeper-state.sqlite3"


def rollout_input(phase: float = 25, ndcg: float = 0.5183) -> dict[str, Any]:
    """A decision-matrix canary whose nDCG@10 dropped (a quality regression) unless told."""
    return {
        "gate": "rollout",
        "phase_percent": phase,
        "interval_seconds": 60,
        "canary": {
            "error_rate": [0.001] * 6,
            "p99_latency_ms": [181, 182, 180, 183, 181, 182],
            "shards": {"shard-a": {"cpu": [0.5, 0.5, 0.5], "memory": [0.4, 0.4, 0.4]}},
            "success_gates": {"recall_at_50": True, "p99_budget": True},
            "ndcg_at_10": ndcg,
        },
        "baseline": {"p99_latency_ms": 180, "ndcg_at_10": 0.5234},
    }


def backdate(state: Path | str, name: str, revision: str, minutes: float) -> None:
    """Test helper: move the open pending decision's start ``minutes`` back in the real
    store (a SQLite state file, or a ``postgresql://`` URL), as if that much time had
    passed since serve recorded it."""
    if isinstance(state, str):
        _backdate_postgres(state, name, revision, minutes)
        return
    with sqlite3.connect(state) as db:
        row = db.execute(
            "SELECT id, started_at FROM pending WHERE namespace = ? AND name = ? "
            "AND revision = ? AND closed_at IS NULL",
            (NAMESPACE, name, revision),
        ).fetchone()
        assert row is not None, f"no open pending decision for {name}@{revision}"
        earlier = datetime.fromisoformat(row[1]) - timedelta(minutes=minutes)
        db.execute(
            "UPDATE pending SET started_at = ? WHERE id = ?",
            (earlier.astimezone(UTC).isoformat(timespec="microseconds"), row[0]),
        )


def _backdate_postgres(url: str, name: str, revision: str, minutes: float) -> None:
    import psycopg

    with psycopg.connect(url) as db:
        moved = db.execute(
            "UPDATE gatekeeper_pending SET started_at = started_at - %s WHERE namespace = %s "
            "AND name = %s AND revision = %s AND closed_at IS NULL",
            (timedelta(minutes=minutes), NAMESPACE, name, revision),
        ).rowcount
    assert moved == 1, f"no open pending decision for {name}@{revision}"


def tokens_file(folder: Path) -> Path:
    """A ``--tokens-file`` naming every identity of :data:`TOKENS`."""
    path = folder / "tokens.yaml"
    path.write_text(
        "".join(f'"{token}": {who}\n' for who, token in TOKENS.items()), encoding="utf-8"
    )
    path.chmod(0o600)
    return path


def auth(who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[who]}"}


def measure(
    server: Server, name: str, revision: str = "r1", document: dict[str, Any] | None = None
) -> httpx.Response:
    url = f"{server.url}/v1/decisions?namespace={NAMESPACE}&name={name}&revision={revision}"
    return post_json(url, document or rollout_input(), auth("argo-rollouts"))


def decide(
    server: Server, who: str, name: str, decision: str, revision: str = "r1"
) -> httpx.Response:
    url = f"{server.url}/v1/pending/{NAMESPACE}/{name}/decision"
    return post_json(url, {"decision": decision, "revision": revision}, auth(who))


def listed(server: Server) -> list[dict[str, Any]]:
    response = httpx.get(f"{server.url}/v1/pending", headers=auth("bob@example.com"), timeout=30)
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()["pending"]
    return entries


def codes(body: dict[str, Any], kind: str = "violations") -> set[str]:
    return {item["code"] for item in body[kind]}
