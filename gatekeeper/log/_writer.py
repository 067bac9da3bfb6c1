"""Where decisions are logged: one protocol for the file log and the PostgreSQL log.

``check``, ``check --batch`` and ``serve`` append through :class:`DecisionLogWriter`;
:func:`open_log` picks the store (``--log-store file|postgresql``). Both stores
write the same records, chained and signed the same way, and keep the same
promise: a record never outlives an outcome the process did not have, and a
published result always has its record (docs/controllers.md, "State and decision
log in PostgreSQL", for the database's order of commit and publish).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

from gatekeeper.log._decision_log import DecisionLog, log_path
from gatekeeper.log._keys import LogSigner

LogStore = Literal["file", "postgresql"]
LOG_STORES: tuple[LogStore, ...] = ("file", "postgresql")


class DecisionLogWriter(Protocol):
    """Appends decision records to one hash chain (a file, or a PostgreSQL table)."""

    @property
    def path(self) -> Path | None:
        """The log file, or ``None`` for a database log."""
        ...

    def append(
        self, record: Mapping[str, Any], publish: Callable[[], None] | None = None
    ) -> dict[str, Any]:
        """Append one record, then run ``publish``; return it as written."""
        ...

    def append_many(
        self, records: Sequence[Mapping[str, Any]], publish: Callable[[], None] | None = None
    ) -> list[dict[str, Any]]:
        """Append records as one step with ``publish``: all of them and the publication,
        or none (``DecisionLogError``, or the publish step's own error)."""
        ...

    def problems(self) -> list[str]:
        """Why the log could not be appended to right now (empty when it can)."""
        ...

    def close(self) -> None:
        """Release what the log holds (connections)."""
        ...


def open_log(
    store: str,
    path: str | None,
    url_file: str | None,
    signer: LogSigner | None,
) -> DecisionLogWriter:
    """The log ``store`` names: the file at ``path`` (``log_path`` rules), or the
    PostgreSQL database whose URL is in ``url_file`` or ``$GATEKEEPER_DATABASE_URL``."""
    from gatekeeper.models._exceptions import InputError

    if store == "file":
        if url_file:
            raise InputError("--database-url-file: only with --log-store postgresql")
        return DecisionLog(log_path(path), signer)
    if store == "postgresql":
        if path:
            raise InputError("--decision-log: a file; with --log-store postgresql the log is "
                             "in the database (--database-url-file)")  # fmt: skip
        return open_postgres_log(url_file, signer)
    raise InputError(f"--log-store {store}: one of {', '.join(LOG_STORES)}")


def open_postgres_log(url_file: str | None, signer: LogSigner | None) -> DecisionLogWriter:
    """The PostgreSQL log (``psycopg`` is imported only here: the `postgres` extra)."""
    from gatekeeper.models._extras import require

    require("postgres", "--log-store postgresql")
    url = importlib.import_module("gatekeeper.state._url")
    postgres = importlib.import_module("gatekeeper.log._postgres_log")
    log: DecisionLogWriter = postgres.PostgresDecisionLog(
        url.database_url(Path(url_file) if url_file else None), signer
    )
    return log
