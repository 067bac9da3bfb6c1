"""The PostgreSQL state store on a real PostgreSQL: every method of the contract,
start races between processes, refusals, closed rows, schema versions, errors."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import psycopg
import pytest

from gatekeeper.state import Approval, PendingDecision, RolloutKey, StateStoreError
from gatekeeper.state._postgres import MIGRATIONS, PostgresStore
from tests.postgres_cluster import restart_cluster, running_cluster, stop_cluster

T0 = datetime(2026, 5, 1, 12, 0, 0, 123456, tzinfo=UTC)
KEY = RolloutKey("shop", "checkout", "7d9f8c")


def pending_at(started: datetime, key: RolloutKey = KEY, **changes: object) -> PendingDecision:
    fields: dict[str, object] = dict(
        key=key,
        trigger="gate_failure",
        phase_percent=25.0,
        authority=("qa_dri", "sprint_dri"),
        window_minutes=30.0,
        default_action="auto_rollback",
        started_at=started,
    )
    fields.update(changes)
    return PendingDecision(**fields)  # type: ignore[arg-type]


def approval(identity: str, outcome: str, at: datetime, **changes: object) -> Approval:
    fields: dict[str, object] = dict(
        key=KEY,
        trigger="gate_failure",
        phase_percent=25.0,
        identity=identity,
        decision="continue",
        outcome=outcome,
        decision_id=f"id-{identity}-{outcome}",
        at=at,
    )
    fields.update(changes)
    return Approval(**fields)  # type: ignore[arg-type]


@pytest.fixture
def store(postgres_url: str) -> Iterator[PostgresStore]:
    opened = PostgresStore(postgres_url)
    yield opened
    opened.shutdown()


def test_start_pending_keeps_every_field_and_the_first_clock(store: PostgresStore) -> None:
    first = store.start_pending(pending_at(T0))
    assert first == pending_at(T0)
    assert first.started_at.tzinfo is not None
    again = store.start_pending(pending_at(T0 + timedelta(minutes=5), window_minutes=99.0))
    assert again == first  # the existing row wins, its clock too
    assert store.pending(KEY) == first


def test_times_in_other_zones_come_back_as_utc(store: PostgresStore) -> None:
    paris = timezone(timedelta(hours=2))
    stored = store.start_pending(pending_at(T0.astimezone(paris)))
    assert stored.started_at == T0
    assert stored.started_at.utcoffset() == timedelta(0)


def test_naive_times_are_refused(store: PostgresStore) -> None:
    with pytest.raises(StateStoreError, match="timezone-aware"):
        store.start_pending(pending_at(T0.replace(tzinfo=None)))


def test_pending_of_another_revision_starts_fresh(store: PostgresStore) -> None:
    store.start_pending(pending_at(T0))
    other = RolloutKey("shop", "checkout", "new-hash")
    assert store.pending(other) is None
    fresh = store.start_pending(pending_at(T0 + timedelta(hours=1), key=other))
    assert fresh.started_at == T0 + timedelta(hours=1)
    assert store.pending(KEY) is not None and store.pending(KEY).started_at == T0  # type: ignore[union-attr]


def test_pending_is_the_newest_open_row_of_the_revision(store: PostgresStore) -> None:
    store.start_pending(pending_at(T0))
    later = store.start_pending(pending_at(T0 + timedelta(minutes=9), phase_percent=50.0))
    assert store.pending(KEY) == later


def test_open_pending_lists_open_rows_oldest_first(store: PostgresStore) -> None:
    b = store.start_pending(pending_at(T0 + timedelta(minutes=2), key=RolloutKey("a", "b", "1")))
    a = store.start_pending(pending_at(T0, key=RolloutKey("a", "a", "1")))
    c = store.start_pending(pending_at(T0 + timedelta(minutes=1), key=RolloutKey("a", "c", "1")))
    assert store.open_pending() == [a, c, b]
    store.close(RolloutKey("a", "c", "1"), T0 + timedelta(minutes=3))
    assert store.open_pending() == [a, b]


def test_approvals_are_kept_in_order_for_their_pending_decision(store: PostgresStore) -> None:
    store.start_pending(pending_at(T0))
    refused = approval("mallory", "refused", T0 + timedelta(minutes=1))
    partial = approval("qa", "partial", T0 + timedelta(minutes=2))
    done = approval("sprint", "approved", T0 + timedelta(minutes=3))
    elsewhere = approval("qa", "approved", T0, phase_percent=50.0)
    for answer in (done, refused, elsewhere, partial):
        store.add_approval(answer)
    assert store.approvals(KEY, "gate_failure", 25.0) == [refused, partial, done]
    assert store.approvals(KEY, "gate_failure", 50.0) == [elsewhere]
    assert store.approvals(KEY, "quality_regression", 25.0) == []


def test_decide_marks_the_open_row(store: PostgresStore) -> None:
    store.start_pending(pending_at(T0))
    at = T0 + timedelta(minutes=4)
    decided = store.decide(KEY, "continue", ("qa", "sprint"), at)
    assert (decided.decision, decided.decided_by, decided.decided_at) == (
        "continue",
        ("qa", "sprint"),
        at,
    )
    assert decided.started_at == T0
    assert store.pending(KEY) == decided
    # the same decision again keeps the first answer; another one is refused
    assert store.decide(KEY, "continue", ("someone",), at + timedelta(minutes=1)) == decided
    with pytest.raises(StateStoreError, match="already decided 'continue' by qa, sprint"):
        store.decide(KEY, "rollback", ("sprint",), at)
    assert store.pending(KEY) == decided


def test_decide_without_an_open_row_is_refused(store: PostgresStore) -> None:
    with pytest.raises(
        StateStoreError, match="no pending decision for shop/checkout revision 7d9f8c to decide"
    ):
        store.decide(KEY, "continue", ("qa",), T0)
    store.start_pending(pending_at(T0))
    store.close(KEY, T0 + timedelta(minutes=1))
    with pytest.raises(StateStoreError, match=r"no pending decision .* \(none is open\)"):
        store.decide(KEY, "continue", ("qa",), T0 + timedelta(minutes=2))


def test_a_closed_row_is_kept_and_a_new_start_has_its_own_clock(
    store: PostgresStore, postgres_url: str
) -> None:
    store.start_pending(pending_at(T0))
    store.decide(KEY, "rollback", ("qa",), T0 + timedelta(minutes=1))
    store.close(KEY, T0 + timedelta(minutes=2))
    store.close(KEY, T0 + timedelta(minutes=3))  # nothing open: nothing to do
    assert store.pending(KEY) is None
    assert store.open_pending() == []
    fresh = store.start_pending(pending_at(T0 + timedelta(minutes=10)))
    assert fresh == pending_at(T0 + timedelta(minutes=10))
    with psycopg.connect(postgres_url) as connection:
        rows = connection.execute(
            "SELECT started_at, decision, closed_at FROM gatekeeper_pending ORDER BY id"
        ).fetchall()
    assert rows == [
        (T0, "rollback", T0 + timedelta(minutes=2)),
        (T0 + timedelta(minutes=10), None, None),
    ]


def _start_in_process(url: str, barrier: object, started: datetime, results: object) -> None:
    store = PostgresStore(url)
    try:
        for round_number in range(20):
            key = RolloutKey("race", f"rollout-{round_number}", "r1")
            barrier.wait()  # type: ignore[attr-defined]
            stored = store.start_pending(pending_at(started, key=key))
            results.put((round_number, started, stored.started_at))  # type: ignore[attr-defined]
    finally:
        store.shutdown()


def test_two_processes_starting_at_once_get_the_first_writers_row(postgres_url: str) -> None:
    PostgresStore(postgres_url).ping()  # the schema exists before the race
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    clocks = (T0, T0 + timedelta(seconds=1))
    workers = [
        context.Process(target=_start_in_process, args=(postgres_url, barrier, clock, results))
        for clock in clocks
    ]
    for worker in workers:
        worker.start()
    seen = [results.get(timeout=60) for _ in range(40)]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    by_round: dict[int, set[datetime]] = {}
    for round_number, _mine, stored in seen:
        by_round.setdefault(round_number, set()).add(stored)
    assert all(len(stored) == 1 for stored in by_round.values())  # one row, one clock
    with psycopg.connect(postgres_url) as connection:
        count = connection.execute("SELECT count(*) FROM gatekeeper_pending").fetchone()
    assert count == (20,)


def test_two_stores_on_one_database_share_rows(postgres_url: str) -> None:
    first, second = PostgresStore(postgres_url), PostgresStore(postgres_url)
    try:
        started = first.start_pending(pending_at(T0))
        assert second.pending(KEY) == started
        second.decide(KEY, "continue", ("qa",), T0 + timedelta(minutes=1))
        assert first.pending(KEY).decision == "continue"  # type: ignore[union-attr]
    finally:
        first.shutdown()
        second.shutdown()


def test_a_newer_schema_is_refused(postgres_url: str) -> None:
    PostgresStore(postgres_url).ping()
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        version = connection.execute(
            "SELECT version FROM gatekeeper_schema WHERE component = 'state'"
        ).fetchone()
        assert version == (len(MIGRATIONS),)
        connection.execute("UPDATE gatekeeper_schema SET version = 99 WHERE component = 'state'")
    store = PostgresStore(postgres_url)
    with pytest.raises(StateStoreError, match="schema is version 99, newer than this gatekeeper"):
        store.ping()


def test_no_server_is_an_error_naming_the_cause_without_the_password(
    postgres_url: str,
) -> None:
    from tests.postgres_cluster import _free_port

    port = _free_port()
    url = f"postgresql://gatekeeper:s3cret-pw@127.0.0.1:{port}/gatekeeper"
    store = PostgresStore(url)
    with pytest.raises(StateStoreError) as raised:
        store.ping()
    message = str(raised.value)
    assert f"state store postgresql://gatekeeper:***@127.0.0.1:{port}/gatekeeper" in message
    assert "cannot connect" in message and "refused" in message
    assert "s3cret-pw" not in message


def test_a_wrong_password_is_named_without_it(postgres_url: str) -> None:
    bad = postgres_url.replace("://gatekeeper:", "://gatekeeper:wrong-", 1)
    store = PostgresStore(bad)
    with pytest.raises(StateStoreError, match="password authentication failed") as raised:
        store.pending(KEY)
    assert "wrong-" not in str(raised.value)


def test_a_restarted_server_is_used_again_without_an_error() -> None:
    """A kept connection cut by a restart fails at BEGIN: replaced, nothing done twice."""
    with running_cluster() as cluster:
        store = PostgresStore(cluster.url)
        try:
            store.start_pending(pending_at(T0))
            restart_cluster(cluster)
            assert store.pending(KEY) == pending_at(T0)  # no error: a new connection
            stop_cluster(cluster)
            with pytest.raises(StateStoreError, match="cannot connect"):
                store.pending(KEY)
        finally:
            store.shutdown()
