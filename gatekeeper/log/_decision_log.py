"""The decision log: an append-only, hash-chained, optionally signed JSON-lines file.

Each record is one line of JSON. ``seq`` counts the records from 1 and
``prev_sha256`` is the SHA-256 of the previous line's bytes (without its newline;
64 zeros for the first record), so an edited, removed or reordered line breaks the
chain. A side file ``<log>.head`` keeps the sequence number and hash of the last
record, so removing lines at the end is seen too. A record keeps the canonical
input it was decided on (``input``, with the fields of a redaction list replaced by
their hash and listed in ``redacted``), so it can be replayed.

Anchoring: with a signing key (an Ed25519 private key held outside the log, see
``gatekeeper.log._keys``) the last line of every append (a single check, or one
batch group) ends with ``"sig"``, the signature of the line's bytes before it. It
seals that record and, through the chain, every record before it; the head is
signed too. Recomputing the chain after an edit breaks the next signature;
records appended by someone without the key are unsealed at the end of the log.
Both fail ``verify_log(..., verifier)``: the forger has no key.

One atomic step: appending takes an exclusive ``flock`` on the log, writes the
group's lines with single ``os.write`` calls on an ``O_APPEND`` descriptor,
``fsync``s once, writes the head (its temporary file is opened before the first
line is written), then runs the caller's ``publish`` step (printing the results).
If the head or the publish step fails, the log is truncated back and the old head
restored before the lock is released: a record never outlives an outcome the
process did not have, and a printed result always has its record. A log whose last
line is incomplete is never chained onto.

Only regular files: the log and its head must be regular files (a symlink to
``/dev/full`` or a FIFO is refused naming the file, never read or written), a head
is at most ``MAX_HEAD_BYTES`` and a line at most ``MAX_LINE_BYTES``. A signed log
(its last record or its head carries a signature) is appended to only with a
signing key: a writer without it is refused rather than leave unsealed records.

The record format, the chaining (:func:`chain_lines`), the head
(:func:`head_payload`) and the checks of ``verify`` (:func:`verify_lines`,
:func:`check_head`) are shared with the decision log in PostgreSQL
(``gatekeeper.log._postgres_log``), which keeps the same lines in a table.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gatekeeper.limits._deadline import finish_decision, raise_if_expired, shielded
from gatekeeper.limits._files import open_regular, read_regular
from gatekeeper.log._keys import LogSigner, LogVerifier
from gatekeeper.log._redaction import redact
from gatekeeper.models._exceptions import DecisionLogError
from gatekeeper.models._jsontext import Encoded, dumps_exact, parse_json

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
MAX_LINE_BYTES = 256 * 1024 * 1024
"""The longest record line read (a record holds one input: 8 MiB by default)."""
MAX_HEAD_BYTES = 64 * 1024
"""The largest head file read (a head is about 250 bytes)."""
_SIG_SUFFIX = re.compile(rb',"sig":"([0-9a-f]{128})"\}\Z')


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


def new_decision_id() -> str:
    """A random (version 4, RFC 9562) UUID, as ``str(uuid.uuid4())`` writes it.

    Built here from ``os.urandom`` as ``uuid.uuid4`` does: importing :mod:`uuid` loads
    :mod:`platform`, a cost every cold ``gatekeeper check`` would pay.
    """
    value = int.from_bytes(os.urandom(16), "big")
    value = (value & ~(0xC000 << 48)) | (0x8000 << 48)  # the RFC 4122 variant
    value = (value & ~(0xF000 << 64)) | (4 << 76)  # version 4
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


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
    redact_paths: Sequence[str] = (),
    data_digests: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A record for one decision (``seq`` and ``prev_sha256`` are set when it is appended).

    ``policy_digest`` names the rules (Rego and every threshold); ``data_digests`` names
    the runtime documents (``data.gatekeeper.roster``, ``...waivers``) the decision also
    read, each by its own digest (records written before it have no such field).
    ``input`` keeps the document with the values at ``redact_paths`` hashed;
    ``redacted`` lists the paths that were; ``input_sha256`` is over the whole input.
    An :class:`~gatekeeper.models._jsontext.Encoded` document's text serves the digest and
    the record line, so the input is written once per decision.
    """
    if not isinstance(document, Encoded):
        document = dict(document)
    kept, redacted = redact(document, redact_paths, canonical_json)
    record: dict[str, Any] = {
        "decision_id": decision_id or new_decision_id(),
        "time": utc_now(),
        "gate": gate,
        "input_sha256": input_sha256(document),
        "input": kept,
        "redacted": redacted,
        "policy_digest": policy_digest,
        "policy_revision": policy_revision,
        "data_digests": dict(data_digests or {}),
        "engine": engine,
        "engine_version": engine_version,
        "exit_code": exit_code,
        "decision": dict(decision),
    }
    if source is not None:
        record["source"] = source
    return record


def encode_line(record: Mapping[str, Any], signer: LogSigner | None) -> bytes:
    """The bytes of one record's line (no newline), signed when ``signer`` is given."""
    if signer is None:
        return canonical_json(record)
    body = canonical_json({**record, "key_id": signer.key_id})
    signature = signer.sign(body)
    return body[:-1] + b',"sig":"' + signature.encode("ascii") + b'"}'


def signed_body(line: bytes) -> tuple[bytes, str] | None:
    """``(signed bytes, signature)`` of a signed line, or ``None`` for an unsigned one."""
    match = _SIG_SUFFIX.search(line)
    if match is None:
        return None
    return line[: match.start()] + b"}", match.group(1).decode("ascii")


def head_message(seq: int, digest: str, key_id: str) -> bytes:
    """The bytes a signed head's signature covers."""
    return canonical_json({"key_id": key_id, "seq": seq, "sha256": digest})


def _read_tail(fd: int, size: int, path: Path) -> bytes:
    """The bytes of the last line of the file (with its newline, if any)."""
    end = size
    buffer = b""
    while end > 0:
        if len(buffer) > MAX_LINE_BYTES:
            raise DecisionLogError(
                f"decision log {path}: the last line is longer than {MAX_LINE_BYTES} bytes"
            )
        start = max(0, end - _TAIL_CHUNK)
        buffer = os.pread(fd, end - start, start) + buffer
        end = start
        body = buffer[:-1] if buffer.endswith(b"\n") else buffer
        if b"\n" in body:
            return body[body.rindex(b"\n") + 1 :] + buffer[len(body) :]
    return buffer


def _last_state(fd: int, path: Path) -> tuple[int, str, str | None]:
    """``(seq, sha256, key id)`` of the last record, refusing a torn or unreadable last line.

    The key id is the signing key's when the last record is signed, else ``None``.
    """
    size = os.fstat(fd).st_size
    if size == 0:
        return 0, GENESIS, None
    tail = _read_tail(fd, size, path)
    if not tail.endswith(b"\n"):
        raise DecisionLogError(
            f"decision log {path}: the last line is incomplete (a torn write?); "
            f"refusing to chain onto it: run `gatekeeper log verify {path}` and repair the log"
        )
    return line_state(tail[:-1], f"decision log {path}", f"gatekeeper log verify {path}")


def line_state(line: bytes, where: str, verify: str) -> tuple[int, str, str | None]:
    """``(seq, sha256, key id)`` of a log's last line, to chain the next records onto.

    ``where`` names the log and ``verify`` the command that checks it, in the error
    raised when the line is not a decision record.
    """
    try:
        record = json.loads(line)
        seq = record["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool):
            raise TypeError("seq is not an integer")
    except (ValueError, KeyError, TypeError) as exc:
        raise DecisionLogError(
            f"{where}: the last line is not a decision record ({exc}); "
            f"refusing to chain onto it: run `{verify}`"
        ) from exc
    if signed_body(line) is None:
        return seq, sha256_hex(line), None
    return seq, sha256_hex(line), str(record.get("key_id", "unknown"))


def chain_lines(
    records: Sequence[Mapping[str, Any]], seq: int, previous: str, signer: LogSigner | None
) -> tuple[list[dict[str, Any]], list[bytes], tuple[int, str]]:
    """The records numbered and chained after ``(seq, previous)``: as written, their
    lines, and the last ``(seq, sha256)``. The group's last line is signed (with a
    signer); its ``prev_sha256`` seals the lines before it."""
    lines: list[bytes] = []
    written: list[dict[str, Any]] = []
    for index, record in enumerate(records, start=1):
        seq += 1
        full = {**record, "seq": seq, "prev_sha256": previous}
        line = encode_line(full, signer if index == len(records) else None)
        previous = sha256_hex(line)
        lines.append(line)
        written.append(full)
    return written, lines, (seq, previous)


def head_payload(seq: int, digest: str, signer: LogSigner | None) -> bytes:
    """A head's bytes: the last record's ``seq`` and hash, signed with a signer."""
    head: dict[str, Any] = {"seq": seq, "sha256": digest}
    if signer is not None:
        head["key_id"] = signer.key_id
        head["sig"] = signer.sign(head_message(seq, digest, signer.key_id))
    return canonical_json(head) + b"\n"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(f"short write ({len(data) - len(view)} of {len(data)} bytes)")
        view = view[written:]


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def head_path(path: Path) -> Path:
    """The head file beside a log."""
    return Path(str(path) + HEAD_SUFFIX)


class _HeadWriter:
    """Replaces ``<log>.head`` atomically; its temporary file is opened up front."""

    def __init__(self, log: Path) -> None:
        self.path = head_path(log)
        self.temporary = Path(str(self.path) + ".tmp")
        self.previous = read_head(self.path, "append")
        self.fd: int | None = self._open_temporary()

    def _open_temporary(self) -> int:
        """A new temporary file (a leftover, or a symlink planted there, is removed first)."""
        with contextlib.suppress(FileNotFoundError):
            self.temporary.unlink()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        return os.open(self.temporary, flags, 0o644)

    def commit(self, seq: int, digest: str, signer: LogSigner | None) -> None:
        self._replace_with(head_payload(seq, digest, signer))

    def restore(self) -> None:
        """Put the head back as it was before this append."""
        if self.previous is None:
            self.discard()
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        if self.fd is None:
            self.fd = self._open_temporary()
        self._replace_with(self.previous)

    def _replace_with(self, payload: bytes) -> None:
        assert self.fd is not None
        os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)
        _write_all(self.fd, payload)
        os.fsync(self.fd)
        os.close(self.fd)
        self.fd = None
        os.replace(self.temporary, self.path)

    def discard(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
            with contextlib.suppress(OSError):
                self.temporary.unlink()


def read_head(path: Path, verb: str = "read") -> bytes | None:
    """A head file's bytes, ``None`` when there is none; refused unless a small regular file."""
    try:
        return read_regular(path, "decision log head", MAX_HEAD_BYTES, DecisionLogError, verb)
    except FileNotFoundError:
        return None


def head_key_id(head: bytes | None) -> str | None:
    """The key id a head was signed with, or ``None`` for an unsigned (or no) head."""
    if head is None:
        return None
    try:
        value = json.loads(head)
    except ValueError:
        return None
    if isinstance(value, dict) and "sig" in value:
        return str(value.get("key_id", "unknown"))
    return None


class GroupAppender:
    """``append`` and ``append_many`` of every log store, around its ``_append_group``."""

    def append(
        self, record: Mapping[str, Any], publish: Callable[[], None] | None = None
    ) -> dict[str, Any]:
        """Append one record; return it as written (with ``seq`` and ``prev_sha256``)."""
        return self.append_many([record], publish)[0]

    def append_many(
        self, records: Sequence[Mapping[str, Any]], publish: Callable[[], None] | None = None
    ) -> list[dict[str, Any]]:
        """Append records as one step with ``publish``: all of them and the publication,
        or none (``DecisionLogError``, or the publish step's own error)."""
        if not records:
            if publish is not None:
                publish()
            return []
        try:
            return self._append_group(records, publish)
        except PublishFailed as failed:
            raise failed.cause from failed.cause.__cause__

    def _append_group(
        self, records: Sequence[Mapping[str, Any]], publish: Callable[[], None] | None
    ) -> list[dict[str, Any]]:
        raise NotImplementedError


class DecisionLog(GroupAppender):
    """Appends decision records to one JSON-lines file (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str], signer: LogSigner | None = None) -> None:
        self.path = Path(path)
        self.signer = signer

    def _append_group(
        self, records: Sequence[Mapping[str, Any]], publish: Callable[[], None] | None
    ) -> list[dict[str, Any]]:
        """Append records under one lock and one ``fsync``, then run ``publish``; when the
        head update or ``publish`` raises, the records are removed again."""
        try:
            return self._append(records, publish)
        except DecisionLogError:
            raise
        except OSError as exc:
            raise DecisionLogError(
                f"decision log {self.path}: cannot append: {exc.strerror or exc}"
            ) from exc
        except (ValueError, TypeError, RecursionError) as exc:
            raise DecisionLogError(f"decision log {self.path}: cannot append: {exc}") from exc

    def _append(
        self, records: Sequence[Mapping[str, Any]], publish: Callable[[], None] | None
    ) -> list[dict[str, Any]]:
        created = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT
        fd = open_regular(self.path, "decision log", DecisionLogError, flags, verb="append")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            seq, previous, key_id = _last_state(fd, self.path)
            key_id = key_id or head_key_id(read_head(head_path(self.path), "append"))
            require_signer(f"decision log {self.path}", key_id, self.signer)
            start_size = os.fstat(fd).st_size
            written, lines, last = chain_lines(records, seq, previous, self.signer)
            head = _HeadWriter(self.path)
            with shielded():  # a decision deadline waits for the write or its undoing
                self._write(fd, start_size, lines, head, last, created)
                if publish is not None:
                    try:
                        raise_if_expired()  # a late decision is taken back, never published
                        publish()
                    except BaseException as exc:
                        _truncate(fd, start_size)
                        head.restore()
                        raise PublishFailed(exc) from exc
                finish_decision()
            return written
        finally:
            os.close(fd)  # closing releases the lock

    def _write(
        self,
        fd: int,
        start_size: int,
        lines: Sequence[bytes],
        head: _HeadWriter,
        last: tuple[int, str],
        created: bool,
    ) -> None:
        """Write the lines, ``fsync``, replace the head; on any failure leave no line."""
        try:
            _write_all(fd, b"".join(line + b"\n" for line in lines))
            os.fsync(fd)
            head.commit(*last, self.signer)
        except BaseException:
            head.discard()
            _truncate(fd, start_size)
            raise
        if created:
            _fsync_dir(self.path.parent)

    def problems(self) -> list[str]:
        """Why the log file could not be appended to right now (empty when it can)."""
        path = self.path
        folder = os.path.dirname(os.path.abspath(path))
        if os.path.exists(path):
            if not os.access(path, os.W_OK):
                return [f"decision log {path}: not writable"]
            return []
        if not os.path.isdir(folder):
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as exc:
                return [f"decision log {path}: cannot create its folder: {exc.strerror or exc}"]
        if not os.access(folder, os.W_OK):
            return [f"decision log {path}: folder not writable"]
        return []

    def close(self) -> None:
        """Nothing to release: every append opens and closes the file."""


def require_signer(where: str, key_id: str | None, signer: LogSigner | None) -> None:
    """Refuse to add unsigned records to a log that is signed (by key ``key_id``)."""
    if key_id is None or signer is not None:
        return
    raise DecisionLogError(
        f"{where} is signed (key id {key_id}) but no signing key was "
        "given: pass --log-key FILE (or set $GATEKEEPER_LOG_KEY); records written "
        "without the key would be unsealed"
    )


class PublishFailed(Exception):
    """Carries the caller's publish error past the log's own error mapping (and out of
    a database transaction, which rolls back)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _truncate(fd: int, size: int) -> None:
    with contextlib.suppress(OSError):
        os.ftruncate(fd, size)  # leave no line behind
        os.fsync(fd)


def iter_lines(path: Path) -> Iterator[tuple[int, bytes, bool]]:
    """``(number, line, complete)`` for every line, streamed; the last may lack its newline.

    The log must be a regular file and no line longer than ``MAX_LINE_BYTES``.
    """
    try:
        handle = os.fdopen(open_regular(path, "decision log", DecisionLogError), "rb")
    except OSError as exc:
        raise DecisionLogError(f"decision log {path}: cannot read: {exc.strerror or exc}") from exc
    with handle:
        number = 0
        while raw := handle.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(raw) > MAX_LINE_BYTES:
                raise DecisionLogError(
                    f"decision log {path}: line {number} is longer than {MAX_LINE_BYTES} bytes"
                )
            if raw.endswith(b"\n"):
                yield number, raw[:-1], True
            else:
                yield number, raw, False


def iter_records(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, record)`` for every record; a bad line is a ``DecisionLogError``.

    Lines are parsed like inputs (``parse_json``), so a logged input keeps
    its numbers as they were decided on.
    """
    log = Path(path)
    for number, line, complete in iter_lines(log):
        if not complete:
            raise DecisionLogError(f"decision log {log}: line {number}: incomplete last line")
        yield number, parse_record(line, f"decision log {log}", number)


def parse_record(line: bytes, where: str, number: int) -> dict[str, Any]:
    """The record on line ``number`` of the log ``where`` names; ``DecisionLogError`` if bad."""
    try:
        record = parse_json(line.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise DecisionLogError(f"{where}: line {number}: not JSON ({exc})") from exc
    problem = _check_record(record)
    if problem is not None:
        raise DecisionLogError(f"{where}: line {number}: {problem}")
    assert isinstance(record, dict)
    return record


class VerifyResult:
    """Outcome of :func:`verify_log`: the records seen and the first problem, if any.

    ``path`` is the log file, or the database log's redacted URL.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.records = 0
        self.problem_line: int | None = None
        self.problem: str | None = None
        self.notes: list[str] = []
        self.signed = 0

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


def verify_log(path: str | os.PathLike[str], verifier: LogVerifier | None = None) -> VerifyResult:
    """Check every line of the log, its hash chain and head; stop at the first problem.

    With ``verifier`` every record and the head must carry a valid signature by
    that key. Raises ``DecisionLogError`` when the file cannot be read at all.
    """
    log = Path(path)
    result = VerifyResult(path=log)
    hashes = verify_lines(result, iter_lines(log), verifier)
    if hashes is None:
        return result
    head_name = f"head file {head_path(log).name}"
    try:
        payload = read_head(head_path(log))
    except OSError as exc:
        _fail(result, None, f"{head_name} unreadable ({exc})")
        return result
    check_head(result, payload, head_name, hashes, verifier)
    return result


def verify_lines(
    result: VerifyResult, lines: Iterable[tuple[int, bytes, bool]], verifier: LogVerifier | None
) -> list[str] | None:
    """Check ``(number, line, complete)`` in order: records, chain, signatures.

    Returns every line's hash, or ``None`` after noting the first problem in ``result``.
    Shared by every log store: a file's lines, or a database's rows in ``seq`` order.
    """
    previous = GENESIS
    hashes: list[str] = []
    seen_ids: set[str] = set()
    seals = _Seals(verifier)
    for number, line, complete in lines:
        problem = _line_problem(line, complete, number, previous, seen_ids)
        if problem is None:
            problem = seals.check(number, line)
        if problem is not None:
            _fail(result, number, problem)
            return None
        previous = sha256_hex(line)
        hashes.append(previous)
        result.records = number
    result.signed = seals.signed
    if seals.open_from is not None:
        _fail(
            result,
            seals.open_from,
            "not sealed by a signature: the records from here to the end come after the "
            "last signed one (forged, or written without the key)",
        )
        return None
    if verifier is None and result.signed:
        result.notes.append(
            f"{result.signed} record(s) are signed: pass --key to check the signatures"
        )
    return hashes


class _Seals:
    """Checks signatures; a signed record seals itself and the unsigned ones before it."""

    def __init__(self, verifier: LogVerifier | None) -> None:
        self.verifier = verifier
        self.signed = 0
        self.open_from: int | None = None

    def check(self, number: int, line: bytes) -> str | None:
        signed = signed_body(line)
        if signed is not None:
            self.signed += 1
        if self.verifier is None:
            return None
        if signed is None:
            if self.open_from is None:
                self.open_from = number
            return None
        sealed = "this record" if self.open_from is None else f"one of lines {self.open_from}-"
        self.open_from = None
        body, signature = signed
        if json.loads(body).get("key_id") != self.verifier.key_id:
            return f"record is signed by another key (expected key id {self.verifier.key_id})"
        if not self.verifier.is_valid(body, signature):
            if sealed == "this record":
                return "bad signature (this record was edited or forged)"
            return f"bad signature ({sealed}{number} was edited, removed or forged)"
        return None


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


def _fail(result: VerifyResult, line: int | None, problem: str) -> None:
    """Note the first problem of a log (at ``line``, ``None`` for the head) in ``result``."""
    result.problem_line, result.problem = line, problem


def check_head(
    result: VerifyResult,
    payload: bytes | None,
    name: str,
    hashes: Sequence[str],
    verifier: LogVerifier | None,
) -> None:
    """Check a head (``payload``, ``None`` when there is none; ``name`` says where it is)
    against the hashes of the records; note the problem in ``result``."""
    if payload is None:
        if verifier is not None:
            return _fail(result, None, f"no {name}: removal of the last lines is not ruled out")
        result.notes.append(f"no {name}: removal of the last lines is not checked")
        return
    try:
        head = json.loads(payload)
        seq, digest = head["seq"], head["sha256"]
    except (ValueError, KeyError, TypeError) as exc:
        return _fail(result, None, f"{name} unreadable ({exc})")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1 or not isinstance(digest, str):
        return _fail(result, None, f"{name}: bad seq or sha256")
    if verifier is not None and not _head_signed(head, seq, digest, verifier):
        return _fail(result, None, f"{name}: missing or bad signature (forged head?)")
    if seq > result.records:
        return _fail(
            result,
            result.records + 1,
            f"missing: the head records {seq} decisions but the log ends after "
            f"{result.records} (lines were removed at the end)",
        )
    if hashes[seq - 1] != digest:
        return _fail(result, seq, "does not match the head's hash (the last record was edited)")
    if seq < result.records:
        result.notes.append(
            f"{result.records - seq} record(s) after the head's record {seq} "
            "(a writer stopped between the log and the head update)"
        )


def _head_signed(head: Mapping[str, Any], seq: int, digest: str, verifier: LogVerifier) -> bool:
    signature = head.get("sig")
    if head.get("key_id") != verifier.key_id or not isinstance(signature, str):
        return False
    return verifier.is_valid(head_message(seq, digest, verifier.key_id), signature)
