"""The decision log in PostgreSQL: the file log's records and chain, in one table.

Each row of ``gatekeeper_decision_log`` holds one record's line, byte for byte
the line the file log would write (:func:`encode_line`: ``seq``, ``prev_sha256``
= SHA-256 of the previous line's bytes, the signature of the group's last line
with a log key). ``gatekeeper_decision_log_head`` holds the head (the last
``seq`` and hash, signed with a key), updated in the same transaction, so deleting
the last rows is seen as removing the last lines of a file is. Verification reads
the rows in ``seq`` order with the file log's own checks (:func:`verify_lines`,
:func:`check_head`); a "line" is the n-th row in ``seq`` order.

One chain across replicas: an append takes ``LOCK TABLE gatekeeper_decision_log
IN EXCLUSIVE MODE`` (readers go on, writers queue), reads the last row, inserts
its rows and replaces the head in one transaction.

Commit and publish: the rows are inserted and the head replaced (every statement
that can fail on the data has run), *then* the caller's ``publish`` step runs,
still inside the transaction and under the lock, *then* the transaction commits.
A publish that fails rolls the transaction back: nothing is left (a record never
outlives an outcome the process did not have). A commit that fails after
publishing (the server or the connection lost at that instant) is checked on a
new connection: when the rows are there, the append succeeded; when they are not,
a ``DecisionLogError`` says the result was published without its record (the
command still exits 2, "undecided"). Without 2PC this window cannot be closed;
it is the width of one COMMIT. serve publishes nothing here: it answers after the
commit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gatekeeper.limits._deadline import finish_decision, raise_if_expired, shielded, time_left
from gatekeeper.log._decision_log import (
    GENESIS,
    GroupAppender,
    PublishFailed,
    VerifyResult,
    chain_lines,
    check_head,
    head_key_id,
    head_payload,
    line_state,
    parse_record,
    require_signer,
    verify_lines,
)
from gatekeeper.log._keys import LogSigner, LogVerifier
from gatekeeper.models._exceptions import DecisionLogError, GatekeeperError
from gatekeeper.state._pg import STATEMENT_TIMEOUT_MS, Connections, cause_of
from gatekeeper.state._url import redacted_url

if TYPE_CHECKING:
    import psycopg

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE gatekeeper_decision_log (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        line bytea NOT NULL
    );
    CREATE TABLE gatekeeper_decision_log_head (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        head bytea NOT NULL
    );
    """,
)
"""Schema version N of the ``decision_log`` component is ``MIGRATIONS[:N]``."""

_READ_BATCH = 1000


class PostgresDecisionLog(GroupAppender):
    """Appends decision records to the PostgreSQL log (see the module docstring)."""

    path: Path | None = None

    def __init__(self, url: str, signer: LogSigner | None = None) -> None:
        self.url = url
        self.signer = signer
        self._db = Connections(url, DecisionLogError, "decision log", "decision_log", MIGRATIONS)

    @property
    def where(self) -> str:
        """``decision log postgresql://user:***@host/db``, for messages."""
        return self._db.where

    def _append_group(
        self, records: Sequence[Mapping[str, Any]], publish: Callable[[], None] | None
    ) -> list[dict[str, Any]]:
        """Append records in one transaction, run ``publish`` before it commits (when it
        raises, nothing is committed)."""
        with shielded():  # the deadline bounds the statements instead (statement_timeout)
            written = self._append(records, publish)
            finish_decision()
        return written

    def _append(
        self, records: Sequence[Mapping[str, Any]], publish: Callable[[], None] | None
    ) -> list[dict[str, Any]]:
        import psycopg

        lines: list[bytes] = []
        written: list[dict[str, Any]] = []
        committing = False
        try:
            with contextlib.ExitStack() as stack:
                connection = self._db.begin(stack, "append")
                written, lines = self._insert(connection, records)
                if publish is not None:
                    try:
                        raise_if_expired()  # a late decision is taken back, never published
                        publish()
                    except BaseException as exc:
                        raise PublishFailed(exc) from exc
                committing = True
        except (PublishFailed, GatekeeperError):
            self._db.discard_if_broken()
            raise
        except psycopg.Error as exc:
            self._db.discard()
            if committing and self._committed(written[0]["seq"], lines[0]):
                return written
            if committing and publish is not None:
                raise DecisionLogError(
                    f"{self.where}: the result was published but its record could not be "
                    f"committed ({cause_of(exc, self.url)}): treat the decision as not made"
                ) from exc
            raise self._db.fail(exc, "append") from exc
        except BaseException:
            self._db.discard()
            raise
        return written

    def _insert(
        self, connection: psycopg.Connection[Any], records: Sequence[Mapping[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[bytes]]:
        """Lock the log, chain the records onto its last row, insert them, replace the head."""
        milliseconds = int(time_left(STATEMENT_TIMEOUT_MS / 1000) * 1000)
        connection.execute(
            "SELECT set_config('statement_timeout', %s, true)", (str(max(1, milliseconds)),)
        )
        connection.execute("LOCK TABLE gatekeeper_decision_log IN EXCLUSIVE MODE")
        row = connection.execute(
            "SELECT line FROM gatekeeper_decision_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        head = connection.execute("SELECT head FROM gatekeeper_decision_log_head").fetchone()
        seq, previous, key_id = 0, GENESIS, None
        if row is not None:
            verify = "gatekeeper log verify --log-store postgresql"
            seq, previous, key_id = line_state(bytes(row[0]), self.where, verify)
        if key_id is None and head is not None:
            key_id = head_key_id(bytes(head[0]))
        require_signer(self.where, key_id, self.signer)
        written, lines, last = chain_lines(records, seq, previous, self.signer)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO gatekeeper_decision_log (seq, line) VALUES (%s, %s)",
                [(record["seq"], line) for record, line in zip(written, lines, strict=True)],
            )
        connection.execute(
            "INSERT INTO gatekeeper_decision_log_head (only_row, head) VALUES (true, %s) "
            "ON CONFLICT (only_row) DO UPDATE SET head = EXCLUDED.head",
            (head_payload(*last, self.signer),),
        )
        return written, lines

    def _committed(self, seq: int, line: bytes) -> bool:
        """Whether the row ``seq`` holds ``line`` (asked on a new connection after a
        commit whose answer was lost)."""
        try:
            row = self._db.run(
                "check the commit",
                lambda connection: connection.execute(
                    "SELECT line FROM gatekeeper_decision_log WHERE seq = %s", (seq,)
                ).fetchone(),
            )
        except DecisionLogError:
            return False
        return row is not None and bytes(row[0]) == line

    def problems(self) -> list[str]:
        """Why the log could not be appended to right now (empty when it can)."""
        try:
            self._db.run("answer", lambda connection: connection.execute("SELECT 1"))
        except DecisionLogError as exc:
            return [str(exc)]
        return []

    def close(self) -> None:
        """Close every connection."""
        self._db.close_all()

    @contextmanager
    def snapshot(self) -> Iterator[tuple[bytes | None, Iterator[tuple[int, bytes, bool]]]]:
        """The head and the rows (``(number, line, True)`` in ``seq`` order), read in one
        repeatable-read transaction: appends that commit meanwhile are not seen."""
        with self._db.transaction("read") as connection:
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            head = connection.execute("SELECT head FROM gatekeeper_decision_log_head").fetchone()
            yield (None if head is None else bytes(head[0])), self._rows(connection)

    def _rows(self, connection: psycopg.Connection[Any]) -> Iterator[tuple[int, bytes, bool]]:
        with connection.cursor(name="gatekeeper_log_read") as cursor:
            cursor.itersize = _READ_BATCH
            cursor.execute("SELECT line FROM gatekeeper_decision_log ORDER BY seq")
            for number, row in enumerate(cursor, start=1):
                yield number, bytes(row[0]), True

    def verify(self, verifier: LogVerifier | None = None) -> VerifyResult:
        """Check every row, the chain and the head, as ``verify_log`` checks a file."""
        result = VerifyResult(path=redacted_url(self.url))
        with self.snapshot() as (head, rows):
            hashes = verify_lines(result, rows, verifier)
        if hashes is not None:
            check_head(result, head, "head row", hashes, verifier)
        return result

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(line number, record)`` for every row in ``seq`` order, parsed as
        ``iter_records`` parses a file's lines; a bad row is a ``DecisionLogError``."""
        with self.snapshot() as (_head, rows):
            for number, line, _complete in rows:
                yield number, parse_record(line, self.where, number)
