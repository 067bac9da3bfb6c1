"""The state store contract, the same tests on every backend (SQLite and PostgreSQL).

The PostgreSQL case runs a real server (``tests/postgres_cluster.py``) and opens
the store through ``open_store``, as serve does, with the URL in a file.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gatekeeper.state import (
    Approval,
    PendingDecision,
    RolloutKey,
    StateSettings,
    StateStore,
    StateStoreError,
    open_store,
)
from gatekeeper.state._sqlite import SCHEMA_VERSION, SQLiteStore

KEY = RolloutKey("shop", "checkout", "7f9c")
T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def pending(key: RolloutKey = KEY, started_at: datetime = T0) -> PendingDecision:
    return PendingDecision(
        key=key,
        trigger="quality_regression",
        phase_percent=50.0,
        authority=("QA DRI", "Sprint DRI"),
        window_minutes=2.0,
        default_action="auto_rollback",
        started_at=started_at,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StateStore]:
    if request.param == "sqlite":
        opened = open_store(StateSettings("sqlite"), tmp_path / "decisions.jsonl")
    else:
        url = request.getfixturevalue("postgres_url")
        url_file = tmp_path / "database-url"
        url_file.write_text(url, encoding="utf-8")
        url_file.chmod(0o600)
        opened = open_store(StateSettings("postgresql", url_file=str(url_file)))
    try:
        yield opened
    finally:
        opened.shutdown()


def test_a_pending_decision_starts_once_and_the_first_clock_wins(store: StateStore) -> None:
    first = store.start_pending(pending())
    again = store.start_pending(pending(started_at=T0 + timedelta(minutes=1)))
    assert again.started_at == first.started_at == T0
    assert store.pending(KEY) == first
    assert [p.key for p in store.open_pending()] == [KEY]
    assert first.authority == ("QA DRI", "Sprint DRI")
    assert first.decision is None and first.closed_at is None


def test_a_new_revision_starts_fresh(store: StateStore) -> None:
    store.start_pending(pending())
    other = RolloutKey("shop", "checkout", "b2e1")
    assert store.pending(other) is None
    store.start_pending(pending(other, T0 + timedelta(minutes=5)))
    assert [p.key for p in store.open_pending()] == [KEY, other]


def test_approvals_are_kept_in_order(store: StateStore) -> None:
    store.start_pending(pending())
    for minute, (who, outcome) in enumerate([("bob", "refused"), ("alice", "partial")]):
        store.add_approval(
            Approval(KEY, "quality_regression", 50.0, who, "continue", outcome, f"id-{who}",
                     T0 + timedelta(minutes=minute))
        )  # fmt: skip
    answers = store.approvals(KEY, "quality_regression", 50.0)
    assert [(a.identity, a.outcome) for a in answers] == [("bob", "refused"), ("alice", "partial")]
    assert answers[0].at == T0 and answers[1].decision_id == "id-alice"
    assert store.approvals(KEY, "gate_failure", 50.0) == []


def test_decide_marks_the_open_pending_and_refuses_another_decision(store: StateStore) -> None:
    with pytest.raises(StateStoreError, match="no pending decision"):
        store.decide(KEY, "continue", ("alice",), T0)
    store.start_pending(pending())
    decided = store.decide(KEY, "continue", ("alice", "carol"), T0 + timedelta(minutes=1))
    assert decided.decision == "continue"
    assert decided.decided_by == ("alice", "carol")
    assert decided.decided_at == T0 + timedelta(minutes=1)
    assert store.decide(KEY, "continue", ("alice",), T0 + timedelta(minutes=2)) == decided
    with pytest.raises(StateStoreError, match="already decided"):
        store.decide(KEY, "rollback", ("alice",), T0)


def test_close_ends_the_pending_and_the_next_one_starts_fresh(store: StateStore) -> None:
    store.start_pending(pending())
    store.close(KEY, T0 + timedelta(minutes=3))
    assert store.pending(KEY) is None and store.open_pending() == []
    later = store.start_pending(pending(started_at=T0 + timedelta(minutes=10)))
    assert later.started_at == T0 + timedelta(minutes=10)
    store.ping()


# --- SQLite only --------------------------------------------------------------------


def _start(path: str, minute: int) -> str:
    store = SQLiteStore(Path(path))
    try:
        return store.start_pending(
            pending(started_at=T0 + timedelta(minutes=minute))
        ).started_at.isoformat()
    finally:
        store.shutdown()  # fmt: skip


def test_sqlite_processes_racing_share_one_clock(tmp_path: Path) -> None:
    path = str(tmp_path / "state.sqlite3")
    SQLiteStore(Path(path)).shutdown()
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        started = pool.starmap(_start, [(path, minute) for minute in range(8)])
    assert len(set(started)) == 1, started


def test_sqlite_store_is_wal_with_a_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    SQLiteStore(path).shutdown()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_sqlite_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    SQLiteStore(path).shutdown()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StateStoreError, match=f"{path}: schema version {SCHEMA_VERSION + 1}"):
        SQLiteStore(path)


def test_sqlite_store_refuses_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.sqlite3"
    SQLiteStore(target).shutdown()
    link = tmp_path / "state.sqlite3"
    link.symlink_to(target)
    with pytest.raises(StateStoreError, match=f"{link}: a symlink"):
        SQLiteStore(link)


def test_sqlite_store_refuses_a_fifo_and_a_folder(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(StateStoreError, match=f"{fifo}: a FIFO"):
        SQLiteStore(fifo)
    with pytest.raises(StateStoreError, match=f"{tmp_path}: a directory"):
        SQLiteStore(tmp_path)


def test_sqlite_store_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"not a database, " * 512)
    with pytest.raises(StateStoreError, match=str(path)):
        SQLiteStore(path)


def test_default_state_file_is_beside_the_decision_log(tmp_path: Path) -> None:
    store = open_store(StateSettings(), tmp_path / "logs" / "decisions.jsonl")
    store.shutdown()
    assert (tmp_path / "logs" / "gatekeeper-state.sqlite3").is_file()
