"""The SQLite state store: one file beside the decision log, shared by serve's workers.

The file is opened in WAL mode with a busy time-out; every method is one
``BEGIN IMMEDIATE`` transaction, so ``serve --workers N`` processes serialise their
writes and two that race to start the same pending decision get one row: the
first writer's clock (docs/controllers.md, "Manual decisions in a live rollout").
The schema is versioned (table ``schema_version``): a file written by a newer
gatekeeper is refused, never altered. Only a regular file is used: a symlink, a
FIFO or a device in its place is refused with a :class:`StateStoreError` naming
the file, as is anything SQLite cannot read (fail closed: no decision is made).
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gatekeeper.limits._files import kind_of
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

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000
STATE_FILE_NAME = "gatekeeper-state.sqlite3"

_SCHEMA = (
    """CREATE TABLE pending (
        id INTEGER PRIMARY KEY,
        namespace TEXT NOT NULL, name TEXT NOT NULL, revision TEXT NOT NULL,
        trigger TEXT NOT NULL, phase_percent REAL NOT NULL,
        authority TEXT NOT NULL, window_minutes REAL NOT NULL, default_action TEXT NOT NULL,
        started_at TEXT NOT NULL,
        decision TEXT, decided_by TEXT NOT NULL DEFAULT '[]', decided_at TEXT,
        closed_at TEXT)""",
    """CREATE UNIQUE INDEX pending_open ON pending (namespace, name, revision)
        WHERE closed_at IS NULL""",
    """CREATE TABLE approvals (
        id INTEGER PRIMARY KEY,
        namespace TEXT NOT NULL, name TEXT NOT NULL, revision TEXT NOT NULL,
        trigger TEXT NOT NULL, phase_percent REAL NOT NULL,
        identity TEXT NOT NULL, decision TEXT NOT NULL, outcome TEXT NOT NULL,
        decision_id TEXT NOT NULL, at TEXT NOT NULL)""",
    "CREATE INDEX approvals_of ON approvals (namespace, name, revision, trigger, phase_percent)",
)
_OPEN = "namespace = ? AND name = ? AND revision = ? AND closed_at IS NULL"


def default_state_path(decision_log: Path) -> Path:
    """The state file beside a decision log."""
    return decision_log.parent / STATE_FILE_NAME


def _time(value: datetime) -> str:
    if value.tzinfo is None:
        raise StateStoreError("state store: a time without a timezone")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _pending_row(row: tuple[Any, ...]) -> PendingDecision:
    return pending_of(row, json.loads, datetime.fromisoformat)


def _check_file(path: Path) -> None:
    """Refuse anything but a regular file (or nothing yet) at ``path`` and its WAL files."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = os.lstat(candidate).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StateStoreError(f"state file {candidate}: {exc.strerror or exc}") from exc
        if stat.S_ISLNK(mode):
            raise StateStoreError(f"state file {candidate}: a symlink, not a regular file")
        if not stat.S_ISREG(mode):
            raise StateStoreError(f"state file {candidate}: {kind_of(mode)}, not a regular file")


def _create(path: Path) -> None:
    """Create ``path`` (mode 600) unless it exists; never through a symlink."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
    except OSError as exc:
        raise StateStoreError(f"state file {path}: cannot open: {exc.strerror or exc}") from exc
    try:
        mode = os.fstat(fd).st_mode
    finally:
        os.close(fd)
    if not stat.S_ISREG(mode):
        raise StateStoreError(f"state file {path}: {kind_of(mode)}, not a regular file")


class SQLiteStore:
    """Pending decisions and approvals in one SQLite file (:class:`StateStore`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        _check_file(path)
        _create(path)
        try:
            self._db = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise StateStoreError(f"state file {path}: cannot open: {exc}") from exc
        try:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()
            if not mode or str(mode[0]).lower() != "wal":
                raise StateStoreError(f"state file {path}: WAL mode is not available")
            self._db.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except sqlite3.Error as exc:
            self._db.close()
            raise StateStoreError(f"state file {path}: {exc}") from exc
        except StateStoreError:
            self._db.close()
            raise

    @contextmanager
    def _transaction(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction (``BEGIN IMMEDIATE`` to write, a snapshot to read); any SQLite
        error is a ``StateStoreError``."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            except sqlite3.Error as exc:
                raise StateStoreError(f"state file {self.path}: {exc}") from exc
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                with suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StateStoreError(f"state file {self.path}: {exc}") from exc
                raise

    def _migrate(self) -> None:
        with self._transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = db.execute("SELECT max(version) FROM schema_version").fetchone()
            version = row[0] if row else None
            if version is None:
                for statement in _SCHEMA:
                    db.execute(statement)
                db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            elif version > SCHEMA_VERSION:
                raise StateStoreError(
                    f"state file {self.path}: schema version {version} is newer than this "
                    f"gatekeeper's ({SCHEMA_VERSION}); upgrade gatekeeper"
                )

    @staticmethod
    def _open_row(db: sqlite3.Connection, key: RolloutKey) -> PendingDecision | None:
        row = db.execute(
            f"SELECT {PENDING_COLUMNS} FROM pending WHERE {_OPEN}",
            (key.namespace, key.name, key.revision),
        ).fetchone()
        return None if row is None else _pending_row(row)

    def start_pending(self, pending: PendingDecision) -> PendingDecision:
        """Record ``pending`` unless the revision has an open one (which is returned)."""
        key = pending.key
        with self._transaction() as db:
            existing = self._open_row(db, key)
            if existing is not None:
                return existing
            db.execute(
                f"INSERT INTO pending ({PENDING_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    key.namespace,
                    key.name,
                    key.revision,
                    pending.trigger,
                    pending.phase_percent,
                    json.dumps(list(pending.authority)),
                    pending.window_minutes,
                    pending.default_action,
                    _time(pending.started_at),
                    pending.decision,
                    json.dumps(list(pending.decided_by)),
                    None if pending.decided_at is None else _time(pending.decided_at),
                    None if pending.closed_at is None else _time(pending.closed_at),
                ),
            )
            stored = self._open_row(db, key)
        assert stored is not None
        return stored

    def pending(self, key: RolloutKey) -> PendingDecision | None:
        """The open pending decision of a rollout revision, if any."""
        with self._transaction(write=False) as db:
            return self._open_row(db, key)

    def open_pending(self) -> list[PendingDecision]:
        """Every open pending decision, oldest first."""
        with self._transaction(write=False) as db:
            rows = db.execute(
                f"SELECT {PENDING_COLUMNS} FROM pending WHERE closed_at IS NULL "
                "ORDER BY started_at, id"
            ).fetchall()
        return [_pending_row(row) for row in rows]

    def add_approval(self, approval: Approval) -> None:
        """Keep one answer (any outcome)."""
        with self._transaction() as db:
            db.execute(
                f"INSERT INTO approvals ({APPROVAL_ROW}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                approval_values(approval, _time(approval.at)),
            )

    def approvals(self, key: RolloutKey, trigger: str, phase_percent: float) -> list[Approval]:
        """The answers given for one pending decision, oldest first."""
        with self._transaction(write=False) as db:
            rows = db.execute(
                f"SELECT {APPROVAL_COLUMNS} FROM approvals "
                "WHERE namespace = ? AND name = ? AND revision = ? AND trigger = ? "
                "AND phase_percent = ? ORDER BY at, id",
                (key.namespace, key.name, key.revision, trigger, phase_percent),
            ).fetchall()
        return [
            approval_of(key, trigger, phase_percent, row, datetime.fromisoformat(row[4]))
            for row in rows
        ]

    def decide(
        self, key: RolloutKey, decision: str, decided_by: tuple[str, ...], at: datetime
    ) -> PendingDecision:
        """Mark the open pending decision decided (the same decision again is kept as is)."""
        with self._transaction() as db:
            current = self._open_row(db, key)
            if current is None:
                raise StateStoreError(f"rollout {_name(key)}: no pending decision to decide")
            if current.decision is not None:
                if current.decision != decision:
                    raise StateStoreError(
                        f"rollout {_name(key)}: already decided ({current.decision})"
                    )
                return current
            db.execute(
                f"UPDATE pending SET decision = ?, decided_by = ?, decided_at = ? WHERE {_OPEN}",
                (
                    decision,
                    json.dumps(list(decided_by)),
                    _time(at),
                    key.namespace,
                    key.name,
                    key.revision,
                ),
            )
            stored = self._open_row(db, key)
        assert stored is not None
        return stored

    def close(self, key: RolloutKey, at: datetime) -> None:
        """End the open pending decision of a revision (the rollout moved on)."""
        with self._transaction() as db:
            db.execute(
                f"UPDATE pending SET closed_at = ? WHERE {_OPEN}",
                (_time(at), key.namespace, key.name, key.revision),
            )

    def ping(self) -> None:
        """Raise ``StateStoreError`` when the file cannot be read or written now."""
        _check_file(self.path)
        with self._transaction() as db:
            db.execute("SELECT count(*) FROM schema_version").fetchone()

    def shutdown(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()


def _name(key: RolloutKey) -> str:
    return f"{key.namespace}/{key.name}@{key.revision or '-'}"
