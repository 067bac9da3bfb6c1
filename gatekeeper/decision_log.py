"""The decision log: an append-only, hash-chained JSON-lines file of every decision.

Each record is one line of canonical JSON (sorted keys, compact). ``seq`` counts the
records from 1 and ``prev_sha256`` is the SHA-256 of the previous line's bytes
(without its newline; 64 zeros for the first record), so an edited, removed or
reordered line breaks the chain. A side file ``<log>.head`` keeps the sequence
number and hash of the last record, so removing lines at the end is seen too.

Appending takes an exclusive ``flock`` on the log for read-last-line + write, writes
each line with a single ``os.write`` on an ``O_APPEND`` descriptor, then ``fsync``s:
concurrent ``gatekeeper check`` processes never interleave or tear a line. A log
whose last line is incomplete (a crash mid-write) is never chained onto: appending
refuses with :class:`DecisionLogError` until someone inspects it (``gatekeeper log
verify``). The chain is not signed: it shows accidental damage and naive edits, not
an attacker who rewrites every later line and the head.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gatekeeper._exceptions import DecisionLogError
from gatekeeper._jsontext import dumps_exact

LOG_ENV = "GATEKEEPER_DECISION_LOG"
DEFAULT_LOG_PATH = Path(".gatekeeper") / "decisions.jsonl"
GENESIS = "0" * 64
HEAD_SUFFIX = ".head"
RECORD_FIELDS: dict[str, type | tuple[type, ...]] = {
    "seq": int,
    "decision_id": str,
    "time": str,
    "gate": str,
    "input_sha256": str,
    "policy_digest": str,
    "policy_revision": str,
    "engine": str,
    "engine_version": str,
    "exit_code": int,
    "decision": dict,
    "prev_sha256": str,
}
_TAIL_CHUNK = 8192


def log_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The log in force: ``--decision-log``, ``$GATEKEEPER_DECISION_LOG``, or the default."""
    if explicit:
        return Path(explicit)
    configured = os.environ.get(LOG_ENV)
    if configured:
        return Path(configured)
    return DEFAULT_LOG_PATH


def canonical_json(value: Any) -> bytes:
    """Canonical JSON bytes: sorted keys, compact separators, UTF-8."""
    return dumps_exact(value, sort_keys=True).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def input_sha256(document: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of an input document."""
    return sha256_hex(canonical_json(document))


def utc_now() -> str:
    """The current UTC time in RFC 3339 with microseconds (``2024-05-01T12:00:00.000000Z``)."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def new_record(
    *,
    gate: str,
    document: Mapping[str, Any],
    decision: Mapping[str, Any],
    policy_digest: str,
    policy_revision: str,
    engine: str,
    engine_version: str,
    exit_code: int,
    source: str | None = None,
    decision_id: str | None = None,
) -> dict[str, Any]:
    """A record for one decision (``seq`` and ``prev_sha256`` are set when it is appended)."""
    record: dict[str, Any] = {
        "decision_id": decision_id or str(uuid.uuid4()),
        "time": utc_now(),
        "gate": gate,
        "input_sha256": input_sha256(document),
        "policy_digest": policy_digest,
        "policy_revision": policy_revision,
        "engine": engine,
        "engine_version": engine_version,
        "exit_code": exit_code,
        "decision": dict(decision),
    }
    if source is not None:
        record["source"] = source
    return record


def _read_tail(fd: int, size: int) -> bytes:
    """The bytes of the last line of the file (with its newline, if any)."""
    end = size
    buffer = b""
    while end > 0:
        start = max(0, end - _TAIL_CHUNK)
        buffer = os.pread(fd, end - start, start) + buffer
        end = start
        body = buffer[:-1] if buffer.endswith(b"\n") else buffer
        if b"\n" in body:
            return body[body.rindex(b"\n") + 1 :] + buffer[len(body) :]
    return buffer


def _last_state(fd: int, path: Path) -> tuple[int, str]:
    """The ``(seq, sha256)`` of the last record, refusing a torn or unreadable last line."""
    size = os.fstat(fd).st_size
    if size == 0:
        return 0, GENESIS
    tail = _read_tail(fd, size)
    if not tail.endswith(b"\n"):
        raise DecisionLogError(
            f"decision log {path}: the last line is incomplete (a torn write?); "
            f"refusing to chain onto it: run `gatekeeper log verify {path}` and repair the log"
        )
    line = tail[:-1]
    try:
        record = json.loads(line)
        seq = record["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool):
            raise TypeError("seq is not an integer")
    except (ValueError, KeyError, TypeError) as exc:
        raise DecisionLogError(
            f"decision log {path}: the last line is not a decision record ({exc}); "
            f"refusing to chain onto it: run `gatekeeper log verify {path}`"
        ) from exc
    return seq, sha256_hex(line)


def _write_all(fd: int, data: bytes) -> None:
    written = os.write(fd, data)
    if written != len(data):
        raise OSError(f"short write ({written} of {len(data)} bytes)")


def _write_head(path: Path, seq: int, digest: str) -> None:
    head = Path(str(path) + HEAD_SUFFIX)
    temporary = Path(str(head) + ".tmp")
    payload = canonical_json({"seq": seq, "sha256": digest}) + b"\n"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        _write_all(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, head)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class DecisionLog:
    """Appends decision records to one JSON-lines file (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def append(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Append one record; return it as written (with ``seq`` and ``prev_sha256``)."""
        return self.append_many([record])[0]

    def append_many(self, records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Append records in order under one lock, one line each, then ``fsync`` once."""
        if not records:
            return []
        try:
            return self._append(records)
        except DecisionLogError:
            raise
        except (OSError, ValueError, TypeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise DecisionLogError(f"decision log {self.path}: cannot append: {reason}") from exc

    def _append(self, records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        created = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            seq, previous = _last_state(fd, self.path)
            start_size = os.fstat(fd).st_size
            written: list[dict[str, Any]] = []
            try:
                for record in records:
                    seq += 1
                    full = {**record, "seq": seq, "prev_sha256": previous}
                    line = canonical_json(full)
                    _write_all(fd, line + b"\n")
                    previous = sha256_hex(line)
                    written.append(full)
                os.fsync(fd)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, start_size)  # leave no partial line behind
                raise
            _write_head(self.path, seq, previous)
            if created:
                _fsync_dir(self.path.parent)
            return written
        finally:
            os.close(fd)  # closing releases the lock


@dataclass
class VerifyResult:
    """Outcome of :func:`verify_log`: the records seen and the first problem, if any."""

    path: Path
    records: int = 0
    problem_line: int | None = None
    problem: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the log is intact."""
        return self.problem is None


def _check_record(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "not a JSON object"
    for name, kind in RECORD_FIELDS.items():
        if name not in record:
            return f"missing field {name!r}"
        value = record[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return f"field {name!r} has the wrong type"
    for name in ("input_sha256", "prev_sha256"):
        value = record[name]
        if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
            return f"field {name!r} is not a SHA-256 hex digest"
    return None


def _lines(data: bytes) -> Iterator[tuple[int, bytes, bool]]:
    """``(number, line, complete)`` for every line; the last may lack its newline."""
    parts = data.split(b"\n")
    for index, part in enumerate(parts[:-1], start=1):
        yield index, part, True
    if parts[-1]:
        yield len(parts), parts[-1], False


def verify_log(path: str | os.PathLike[str]) -> VerifyResult:
    """Check every line of the log and its hash chain; stop at the first problem.

    Raises ``DecisionLogError`` when the file cannot be read at all.
    """
    log = Path(path)
    try:
        data = log.read_bytes()
    except OSError as exc:
        raise DecisionLogError(f"decision log {log}: cannot read: {exc.strerror or exc}") from exc
    result = VerifyResult(path=log)
    hashes: list[str] = []
    seen_ids: set[str] = set()
    for number, line, complete in _lines(data):
        previous = hashes[-1] if hashes else GENESIS
        problem = _line_problem(line, complete, number, previous, seen_ids)
        if problem is not None:
            result.problem_line, result.problem = number, problem
            return result
        hashes.append(sha256_hex(line))
        result.records = number
    _check_head(log, result, hashes)
    return result


def _line_problem(
    line: bytes, complete: bool, number: int, previous: str, seen_ids: set[str]
) -> str | None:
    if not complete:
        return "incomplete last line (no newline at the end: a torn write)"
    try:
        record = json.loads(line)
    except ValueError as exc:
        return f"not valid JSON ({exc})"
    problem = _check_record(record)
    if problem is not None:
        return problem
    if record["seq"] != number:
        return f"seq is {record['seq']}, expected {number} (a line was removed, inserted or moved)"
    if record["prev_sha256"] != previous:
        where = "the chain start" if number == 1 else f"line {number - 1}"
        return (
            f"prev_sha256 does not match {where} (line {number - 1} was edited, "
            "or lines were removed or reordered)"
        )
    if record["decision_id"] in seen_ids:
        return f"decision_id {record['decision_id']} appears twice"
    seen_ids.add(record["decision_id"])
    return None


def _check_head(log: Path, result: VerifyResult, hashes: Sequence[str]) -> None:
    head_path = Path(str(log) + HEAD_SUFFIX)
    try:
        head = json.loads(head_path.read_bytes())
        seq, digest = head["seq"], head["sha256"]
    except FileNotFoundError:
        result.notes.append(
            f"no head file {head_path.name}: removal of the last lines is not checked"
        )
        return
    except (OSError, ValueError, KeyError, TypeError) as exc:
        result.problem_line, result.problem = None, f"head file {head_path.name} unreadable ({exc})"
        return
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        result.problem_line, result.problem = None, f"head file {head_path.name}: bad seq"
        return
    if seq > result.records:
        result.problem_line = result.records + 1
        result.problem = (
            f"missing: the head records {seq} decisions but the log ends after "
            f"{result.records} (lines were removed at the end)"
        )
        return
    if hashes[seq - 1] != digest:
        result.problem_line = seq
        result.problem = "does not match the head's hash (the last record was edited or replaced)"
        return
    if seq < result.records:
        result.notes.append(
            f"{result.records - seq} record(s) after the head's record {seq} "
            "(a writer stopped between the log and the head update)"
        )
