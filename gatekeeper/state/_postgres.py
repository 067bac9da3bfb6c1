"""The state store in PostgreSQL: pending decisions and approvals shared by serve replicas.

Two tables (schema version 1, ``gatekeeper_schema`` component ``state``):
``gatekeeper_pending`` (one row per pending decision; a partial unique index
allows one *open* row per rollout revision, trigger and phase) and
``gatekeeper_approval`` (every answer, refused ones too). Every method is one
transaction on the calling thread's connection (:mod:`gatekeeper.state._pg`).

Race-safe start: :meth:`PostgresStore.start_pending` inserts with ``ON CONFLICT DO
NOTHING`` on the open-row index and then reads the open row, so two replicas that
start the same decision at once both get the first writer's row and clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from gatekeeper.state._pg import Connections
from gatekeeper.state._store import (
    APPROVAL_COLUMNS,
    APPROVAL_ROW,
    PENDING_COLUMNS,
    Approval,
    PendingDecision,
    RolloutKey,
    StateStoreError,
    approval_of,
    approval_values,
    pending_of,
)

if TYPE_CHECKING:
    import psycopg

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE gatekeeper_pending (
        id bigserial PRIMARY KEY,
        namespace text NOT NULL,
        name text NOT NULL,
        revision text NOT NULL,
        trigger text NOT NULL,
        phase_percent double precision NOT NULL,
        authority text[] NOT NULL,
        window_minutes double precision NOT NULL,
        default_action text NOT NULL,
        started_at timestamptz NOT NULL,
        decision text,
        decided_by text[] NOT NULL DEFAULT '{}',
        decided_at timestamptz,
        closed_at timestamptz
    );
    CREATE UNIQUE INDEX gatekeeper_pending_open
        ON gatekeeper_pending (namespace, name, revision, trigger, phase_percent)
        WHERE closed_at IS NULL;
    CREATE TABLE gatekeeper_approval (
        id bigserial PRIMARY KEY,
        namespace text NOT NULL,
        name text NOT NULL,
        revision text NOT NULL,
        trigger text NOT NULL,
        phase_percent double precision NOT NULL,
        identity text NOT NULL,
        decision text NOT NULL,
        outcome text NOT NULL,
        decision_id text NOT NULL,
        at timestamptz NOT NULL
    );
    CREATE INDEX gatekeeper_approval_pending
        ON gatekeeper_approval (namespace, name, revision, trigger, phase_percent);
    """,
)
"""Schema version N is ``MIGRATIONS[:N]`` applied in order (never edit a shipped step)."""

_KEY = "namespace = %s AND name = %s AND revision = %s"
_NEWEST_OPEN = (
    f"SELECT {PENDING_COLUMNS} FROM gatekeeper_pending WHERE {_KEY} AND closed_at IS NULL "
    "ORDER BY started_at DESC, id DESC LIMIT 1"
)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _pending_of(row: Sequence[Any]) -> PendingDecision:
    return pending_of(row, tuple, _utc)


def _key(key: RolloutKey) -> tuple[str, str, str]:
    return (key.namespace, key.name, key.revision)


def _aware(moment: datetime, field: str) -> datetime:
    """A timezone-aware time (a naive one would be read in the session's zone)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise StateStoreError(f"state store: {field} must be a timezone-aware time")
    return moment


class PostgresStore:
    """A :class:`~gatekeeper.state._store.StateStore` in one PostgreSQL database."""

    def __init__(self, url: str) -> None:
        self._db = Connections(url, StateStoreError, "state store", "state", MIGRATIONS)

    @property
    def where(self) -> str:
        """``state store postgresql://user:***@host/db``: for messages and start-up lines."""
        return self._db.where

    def start_pending(self, pending: PendingDecision) -> PendingDecision:
        """Record ``pending`` unless an open row exists for its key, trigger and phase."""
        started = _aware(pending.started_at, "started_at")

        def work(connection: psycopg.Connection[Any]) -> PendingDecision:
            connection.execute(
                f"INSERT INTO gatekeeper_pending ({PENDING_COLUMNS}) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (namespace, name, revision, trigger, phase_percent) "
                "WHERE closed_at IS NULL DO NOTHING",
                (
                    *_key(pending.key),
                    pending.trigger,
                    pending.phase_percent,
                    list(pending.authority),
                    pending.window_minutes,
                    pending.default_action,
                    started,
                    pending.decision,
                    list(pending.decided_by),
                    pending.decided_at,
                    None,
                ),
            )
            row = connection.execute(
                f"SELECT {PENDING_COLUMNS} FROM gatekeeper_pending WHERE {_KEY} "
                "AND trigger = %s AND phase_percent = %s AND closed_at IS NULL",
                (*_key(pending.key), pending.trigger, pending.phase_percent),
            ).fetchone()
            if row is None:  # closed between the insert and the read: never in one transaction
                raise StateStoreError(f"{self.where}: the pending decision vanished")
            return _pending_of(row)

        return self._db.run("start a pending decision", work)

    def pending(self, key: RolloutKey) -> PendingDecision | None:
        """The newest open pending decision of a rollout revision, if any."""

        def work(connection: psycopg.Connection[Any]) -> PendingDecision | None:
            row = connection.execute(_NEWEST_OPEN, _key(key)).fetchone()
            return None if row is None else _pending_of(row)

        return self._db.run("read a pending decision", work)

    def open_pending(self) -> list[PendingDecision]:
        """Every open pending decision, oldest first."""

        def work(connection: psycopg.Connection[Any]) -> list[PendingDecision]:
            rows = connection.execute(
                f"SELECT {PENDING_COLUMNS} FROM gatekeeper_pending WHERE closed_at IS NULL "
                "ORDER BY started_at, id"
            ).fetchall()
            return [_pending_of(row) for row in rows]

        return self._db.run("list pending decisions", work)

    def add_approval(self, approval: Approval) -> None:
        """Keep one answer (any outcome)."""
        at = _aware(approval.at, "at")
        self._db.run(
            "record an approval",
            lambda connection: connection.execute(
                f"INSERT INTO gatekeeper_approval ({APPROVAL_ROW}) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                approval_values(approval, at),
            ),
        )

    def approvals(self, key: RolloutKey, trigger: str, phase_percent: float) -> list[Approval]:
        """The answers given for one pending decision, oldest first."""

        def work(connection: psycopg.Connection[Any]) -> list[Approval]:
            rows = connection.execute(
                f"SELECT {APPROVAL_COLUMNS} FROM gatekeeper_approval "
                f"WHERE {_KEY} AND trigger = %s AND phase_percent = %s ORDER BY at, id",
                (*_key(key), trigger, phase_percent),
            ).fetchall()
            return [approval_of(key, trigger, phase_percent, row, _utc(row[4])) for row in rows]

        return self._db.run("read approvals", work)

    def decide(
        self, key: RolloutKey, decision: str, decided_by: tuple[str, ...], at: datetime
    ) -> PendingDecision:
        """Mark the newest open pending decision of ``key`` decided; refuse when there is
        none, or when it was already decided otherwise (the same decision again is kept
        as first taken)."""
        when = _aware(at, "at")

        def work(connection: psycopg.Connection[Any]) -> PendingDecision:
            row = connection.execute(_NEWEST_OPEN + " FOR UPDATE", _key(key)).fetchone()
            if row is None:
                raise StateStoreError(
                    f"{self.where}: no pending decision for {_named(key)} to decide (none is open)"
                )
            current = _pending_of(row)
            if current.decision is not None:
                if current.decision == decision:
                    return current
                raise StateStoreError(
                    f"{self.where}: the pending decision for {_named(key)} was already "
                    f"decided {current.decision!r} by {', '.join(current.decided_by) or '?'}; "
                    f"{decision!r} refused"
                )
            updated = connection.execute(
                "UPDATE gatekeeper_pending SET decision = %s, decided_by = %s, decided_at = %s "
                f"WHERE {_KEY} AND trigger = %s AND phase_percent = %s AND closed_at IS NULL "
                f"RETURNING {PENDING_COLUMNS}",
                (
                    decision,
                    list(decided_by),
                    when,
                    *_key(key),
                    current.trigger,
                    current.phase_percent,
                ),
            ).fetchone()
            assert updated is not None  # the row is locked FOR UPDATE
            return _pending_of(updated)

        return self._db.run("decide a pending decision", work)

    def close(self, key: RolloutKey, at: datetime) -> None:
        """End every open pending decision of a revision (none open: nothing to do)."""
        when = _aware(at, "at")
        self._db.run(
            "close a pending decision",
            lambda connection: connection.execute(
                f"UPDATE gatekeeper_pending SET closed_at = %s WHERE {_KEY} AND closed_at IS NULL",
                (when, *_key(key)),
            ),
        )

    def ping(self) -> None:
        """Raise StateStoreError when the database cannot be used (for /readyz)."""
        self._db.run("answer", lambda connection: connection.execute("SELECT 1"))

    def shutdown(self) -> None:
        """Close every connection."""
        self._db.close_all()


def _named(key: RolloutKey) -> str:
    return f"{key.namespace}/{key.name} revision {key.revision}"
