"""Connections to PostgreSQL for the state store and the decision log, and their schema.

One connection per thread (serve's worker threads and its log writer each keep
one), opened on first use with bounded time-outs: ``connect_timeout``,
``statement_timeout`` (a statement waiting for a lock counts), an
idle-in-transaction limit (a stopped writer cannot hold the log's lock for long)
and TCP keep-alives with a user time-out (a vanished server ends a read). A
connection that failed is closed and replaced on the next call. Every psycopg
error becomes the caller's error class naming the database without its password.

Schema: the table ``gatekeeper_schema`` keeps one version per component
(``state``, ``decision_log``). The first connection of a process takes an
advisory lock, applies the missing migrations in order and records the version, in
one transaction; a version newer than this gatekeeper knows is refused (an older
gatekeeper never writes to a schema it does not understand).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from gatekeeper.models._exceptions import GatekeeperError
from gatekeeper.state._url import redacted_url

if TYPE_CHECKING:
    import psycopg

T = TypeVar("T")
CONNECT_TIMEOUT_SECONDS = 5
STATEMENT_TIMEOUT_MS = 5000
IDLE_IN_TRANSACTION_MS = 30000
TCP_USER_TIMEOUT_MS = 10000
SCHEMA_LOCK = 0x6761_7465_6B65_6570  # "gatekeep": serialises migrations across processes
_SCHEMA_TABLE = (
    "CREATE TABLE IF NOT EXISTS gatekeeper_schema "
    "(component text PRIMARY KEY, version integer NOT NULL)"
)


def cause_of(exc: BaseException, url: str) -> str:
    """The error's own words, on one line, with the URL's password (if any) removed."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    from urllib.parse import urlsplit

    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    return text.replace(password, "***") if password else text


class Connections:
    """One connection per thread to one database; failures become ``error`` naming ``what``."""

    def __init__(
        self,
        url: str,
        error: type[GatekeeperError],
        what: str,
        component: str,
        migrations: Sequence[str],
    ) -> None:
        self.url = url
        self.error = error
        self.component = component
        self.migrations = tuple(migrations)
        self.where = f"{what} {redacted_url(url)}"
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[psycopg.Connection[Any]] = []
        self._migrated = False

    def fail(self, exc: BaseException, doing: str) -> GatekeeperError:
        """The caller's error for ``exc`` raised while ``doing``."""
        return self.error(f"{self.where}: cannot {doing}: {cause_of(exc, self.url)}")

    def _connect(self) -> psycopg.Connection[Any]:
        import psycopg

        options = (
            f"-c statement_timeout={STATEMENT_TIMEOUT_MS} "
            f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS} -c TimeZone=UTC"
        )
        connection = psycopg.connect(
            self.url,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            options=options,
            keepalives=1,
            keepalives_idle=5,
            keepalives_interval=2,
            keepalives_count=3,
            tcp_user_timeout=TCP_USER_TIMEOUT_MS,
            application_name=f"gatekeeper {self.component}",
        )
        try:
            self._migrate(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _migrate(self, connection: psycopg.Connection[Any]) -> None:
        with self._lock:
            if self._migrated:
                return
            with connection.transaction():
                connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                connection.execute(_SCHEMA_TABLE)
                row = connection.execute(
                    "SELECT version FROM gatekeeper_schema WHERE component = %s",
                    (self.component,),
                ).fetchone()
                version = int(row[0]) if row else 0
                known = len(self.migrations)
                if version > known:
                    raise self.error(
                        f"{self.where}: the {self.component} schema is version {version}, newer "
                        f"than this gatekeeper knows ({known}): upgrade gatekeeper"
                    )
                for step in self.migrations[version:]:
                    connection.execute(step)
                if version < known:
                    connection.execute(
                        "INSERT INTO gatekeeper_schema (component, version) VALUES (%s, %s) "
                        "ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version",
                        (self.component, known),
                    )
            self._migrated = True

    def _checkout(self) -> tuple[psycopg.Connection[Any], bool]:
        """This thread's connection, and whether it was opened just now."""
        connection: psycopg.Connection[Any] | None = getattr(self._local, "connection", None)
        if connection is not None and not connection.closed and not connection.broken:
            return connection, False
        self.discard()
        import psycopg

        try:
            connection = self._connect()
        except GatekeeperError:
            raise
        except psycopg.Error as exc:
            raise self.fail(exc, "connect") from exc
        self._local.connection = connection
        with self._lock:
            self._open.append(connection)
        return connection, True

    def begin(self, stack: contextlib.ExitStack, doing: str) -> psycopg.Connection[Any]:
        """Enter a transaction on this thread's connection (left when ``stack`` closes).

        A kept connection that fails at ``BEGIN`` (the server restarted, the network
        dropped it while idle) is replaced once: nothing was sent in the
        transaction, so trying again on a new connection cannot do anything twice.
        """
        import psycopg

        while True:
            connection, fresh = self._checkout()
            try:
                stack.enter_context(connection.transaction())
            except psycopg.OperationalError as exc:
                self.discard()
                if fresh:
                    raise self.fail(exc, doing) from exc
                continue
            except psycopg.Error as exc:
                self.discard_if_broken()
                raise self.fail(exc, doing) from exc
            return connection

    def discard(self) -> None:
        """Close this thread's connection (after a failure: the next call opens a new one)."""
        connection: psycopg.Connection[Any] | None = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is None:
            return
        with self._lock:
            if connection in self._open:
                self._open.remove(connection)
        with contextlib.suppress(Exception):  # a broken connection may fail to close
            connection.close()

    @contextmanager
    def transaction(self, doing: str) -> Iterator[psycopg.Connection[Any]]:
        """One transaction on this thread's connection; a failure is ``error`` naming ``doing``."""
        import psycopg

        try:
            with contextlib.ExitStack() as stack:
                yield self.begin(stack, doing)
        except GatekeeperError:
            self.discard_if_broken()
            raise
        except psycopg.Error as exc:
            self.discard_if_broken()
            raise self.fail(exc, doing) from exc
        except BaseException:
            self.discard()  # interrupted mid-protocol: the connection state is unknown
            raise

    def run(self, doing: str, work: Callable[[psycopg.Connection[Any]], T]) -> T:
        """``work(connection)`` in one transaction."""
        with self.transaction(doing) as connection:
            return work(connection)

    def discard_if_broken(self) -> None:
        """Close this thread's connection if it is no longer usable."""
        connection: psycopg.Connection[Any] | None = getattr(self._local, "connection", None)
        if connection is not None and (connection.closed or connection.broken):
            self.discard()

    def close_all(self) -> None:
        """Close every connection opened (at shutdown)."""
        with self._lock:
            opened, self._open = self._open, []
        for connection in opened:
            with contextlib.suppress(Exception):  # shutting down: nothing to report to
                connection.close()
        self._local = threading.local()
