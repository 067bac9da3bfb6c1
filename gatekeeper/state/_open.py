"""Which state store serve uses, as typed settings, and opening it.

``sqlite`` (the default) keeps one file, by default beside the decision log;
``postgresql`` connects to the database whose URL is read from a file (or
``$GATEKEEPER_DATABASE_URL``), never from the command line: the URL carries a
password (docs/security.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gatekeeper.state._store import StateStore, StateStoreError

StateKind = Literal["sqlite", "postgresql"]
STATE_KINDS: tuple[StateKind, ...] = ("sqlite", "postgresql")


@dataclass(frozen=True)
class StateSettings:
    """``serve --state KIND --state-file PATH --database-url-file PATH``."""

    kind: StateKind = "sqlite"
    path: str | None = None
    """SQLite: the state file (default: beside the decision log)."""
    url_file: str | None = None
    """PostgreSQL: a file holding the connection URL (default: $GATEKEEPER_DATABASE_URL)."""


def open_store(settings: StateSettings, decision_log: Path | None = None) -> StateStore:
    """The store ``settings`` name; ``StateStoreError`` naming the file or cause otherwise."""
    if settings.kind == "sqlite":
        from gatekeeper.state._sqlite import SQLiteStore, default_state_path

        if settings.path:
            path = Path(settings.path)
        elif decision_log is not None:
            path = default_state_path(decision_log)
        else:
            raise StateStoreError("state: no state file and no decision log to put it beside")
        return SQLiteStore(path)
    if settings.kind == "postgresql":
        if settings.path:
            raise StateStoreError("--state-file: only with --state sqlite")
        from gatekeeper.models._extras import require

        require("postgres", "--state postgresql")  # psycopg is loaded only when chosen
        from gatekeeper.state._postgres import PostgresStore
        from gatekeeper.state._url import database_url

        url_file = Path(settings.url_file) if settings.url_file else None
        return PostgresStore(database_url(url_file))
    raise StateStoreError(f"state: {settings.kind!r}: one of {', '.join(STATE_KINDS)}")
