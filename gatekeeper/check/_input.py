"""Read gate inputs from files or stdin, as a bare object or OPA's ``{"input": {...}}`` form.

Inputs are JSON or YAML (``.yaml``/``.yml``; on stdin or another extension, text
that does not start with ``{`` is read as YAML), as ``opa eval -i`` and conftest
accept both. Parsing is strict: a file that does not parse, holds a duplicate
key, a value JSON cannot hold (a YAML date, a set), several YAML documents, or
no object is refused with a message naming the file, before any engine runs.
``--batch`` files stay JSON lines.
Numbers keep their JSON text (``gatekeeper.models._jsontext``). A file larger than
the size limit (``--max-input-bytes``, default 8 MiB) is refused after reading
at most one byte more than the limit. A named input is a regular file or a pipe
(``<(...)``, a FIFO): a device (``/dev/zero``), a directory or a socket is refused
before it is read (``docs/security.md``, "Only regular files, within bounds").
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, NamedTuple, cast

from gatekeeper.limits._files import kind_of
from gatekeeper.models._errors import json_type
from gatekeeper.models._exceptions import InputError
from gatekeeper.models._jsontext import parse_json

STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml")
ENVIRONMENT_PROFILE = "environment"
DEFAULT_MAX_INPUT_BYTES = 8 * 1024 * 1024
"""The default size limit of one input document (``--max-input-bytes``)."""


class InputLine(NamedTuple):
    """One line of a ``--batch`` file: its number and its document, or why it is unusable."""

    number: int
    document: dict[str, Any] | None
    error: str | None


def unwrap(document: Any) -> dict[str, Any]:
    """Return the input object of a bare document or of OPA's ``{"input": {...}}`` form."""
    if not isinstance(document, dict):
        raise InputError(f"input must be a JSON object, got {json_type(document)}")
    if "input" in document:
        if set(document) != {"input"}:
            raise InputError(
                'input: a document with an "input" key must hold nothing else '
                '(OPA\'s {"input": {...}} form)'
            )
        inner = document["input"]
        if not isinstance(inner, dict):
            raise InputError(f"input: must be a JSON object, got {json_type(inner)}")
        return inner
    return document


def open_input_file(source: str) -> IO[bytes]:
    """``source`` opened for reading, refused unless a regular file or a pipe.

    ``OSError`` (a missing file, no permission) propagates for the caller to name.
    Opening a FIFO waits for its writer (a decision's deadline still applies).
    """
    fd = os.open(source, os.O_RDONLY | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise InputError(f"{source}: cannot read: {kind_of(mode)}, not a file or a pipe")
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _read_bytes(source: str, max_bytes: int | None) -> bytes:
    limit = -1 if max_bytes is None else max_bytes + 1
    if source == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream standing in for stdin
            return str(sys.stdin.read(limit)).encode("utf-8")
        return bytes(stream.read(limit))
    with open_input_file(source) as handle:
        return handle.read(limit)


def read_text(source: str, max_bytes: int | None = None) -> str:
    """The text of ``source`` (a path, or ``-`` for stdin), refused beyond ``max_bytes``."""
    try:
        raw = _read_bytes(source, max_bytes)
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from exc
    if max_bytes is not None and len(raw) > max_bytes:
        raise InputError(
            f"{source}: larger than the input size limit of {max_bytes} bytes (--max-input-bytes)"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text: {exc.reason}") from exc


def is_yaml(source: str, text: str) -> bool:
    """Whether ``source`` is read as YAML: by extension, else when it is not a JSON object."""
    suffix = Path(source).suffix.lower() if source != STDIN else ""
    if suffix in YAML_SUFFIXES:
        return True
    if suffix == ".json":
        return False
    return not text.lstrip().startswith(("{", "["))


def load_document(source: str, max_bytes: int | None = DEFAULT_MAX_INPUT_BYTES) -> dict[str, Any]:
    """Read one input document (JSON or YAML, at most ``max_bytes``) and unwrap it."""
    text = read_text(source, max_bytes)
    if is_yaml(source, text):
        from gatekeeper.check._yaml import parse_yaml

        document = parse_yaml(text, source)
    else:
        try:
            document = parse_json(text)
        except ValueError as exc:
            raise InputError(f"{source}: not valid JSON: {exc}") from exc
    try:
        return unwrap(document)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from exc


DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024
"""The default size limit of one ``--batch`` line."""


def _open_binary(source: str) -> IO[bytes]:
    if source == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream standing in for stdin
            return io.BytesIO(sys.stdin.read().encode("utf-8"))
        return cast(IO[bytes], stream)
    try:
        return open_input_file(source)
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from exc


def _parse_line(number: int, raw: bytes) -> InputLine | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputLine(number, None, f"not UTF-8 text: {exc.reason}")
    if not text.strip():
        return None
    try:
        return InputLine(number, unwrap(parse_json(text)), None)
    except RecursionError:
        return InputLine(number, None, "not valid JSON: nested too deeply")
    except ValueError as exc:
        return InputLine(number, None, f"not valid JSON: {exc}")
    except InputError as exc:
        return InputLine(number, None, str(exc))


def _skip_rest_of_line(handle: IO[bytes]) -> None:
    while True:
        chunk = handle.readline(1024 * 1024)
        if not chunk or chunk.endswith(b"\n"):
            return


def _stream_lines(source: str, handle: IO[bytes], limit: int) -> Iterator[InputLine]:
    number = 0
    try:
        while True:
            raw = handle.readline(limit + 1)
            if not raw:
                return
            number += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                _skip_rest_of_line(handle)
                yield InputLine(number, None, f"longer than the line size limit of {limit} bytes")
                continue
            line = _parse_line(number, raw.rstrip(b"\n"))
            if line is not None:
                yield line
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from exc
    finally:
        if source != STDIN:
            handle.close()


def iter_batch(source: str, max_line_bytes: int | None = None) -> Iterator[InputLine]:
    """Stream the non-blank lines of a JSON-lines file as :class:`InputLine` objects.

    The file is opened now (``InputError`` if it cannot be) and read one line at a
    time, split on newline bytes only (never U+2028 or U+0085 inside a line). A line
    that is not UTF-8, not JSON, nested too deeply or longer than ``max_line_bytes``
    is that line's error; the lines after it are still read.
    """
    handle = _open_binary(source)
    return _stream_lines(source, handle, max_line_bytes or DEFAULT_MAX_LINE_BYTES)


def choose_rule_set(
    document: Mapping[str, Any], profile: str, environment: str | None
) -> dict[str, Any]:
    """The rollout input with the caller's profile (and, for ``environment``, environment).

    The caller chooses the rule set: an input field ``profile`` or ``environment``
    may only confirm the choice, and a different value is an ``InputError`` naming
    both. The returned document carries the caller's choice, so that is what the
    policy reads. ``environment`` is chosen for the ``environment`` profile only;
    when the caller names none, the input may not name one either (the policy
    then reports the missing evidence).
    """
    result = dict(document)
    _confirm(result, "profile", profile)
    result["profile"] = profile
    if profile == ENVIRONMENT_PROFILE:
        _confirm(result, "environment", environment)
        if environment is not None:
            result["environment"] = environment
    return result


def _confirm(document: Mapping[str, Any], name: str, chosen: str | None) -> None:
    if name not in document or document[name] == chosen:
        return
    choice = json.dumps(chosen) if chosen is not None else "none"
    raise InputError(
        f"{name}: the input says {json.dumps(document[name])} but the caller chose "
        f"{choice} (--{name}); an input may only confirm the caller's {name}"
    )


def apply_overrides(document: Mapping[str, Any], **fields: str | None) -> dict[str, Any]:
    """Fill absent fields from command-line options; a contradiction is an ``InputError``."""
    result = dict(document)
    for name, value in fields.items():
        if value is None:
            continue
        if name in result and result[name] != value:
            raise InputError(
                f"{name}: the input says {json.dumps(result[name])} "
                f"but --{name} says {json.dumps(value)}"
            )
        result[name] = value
    return result


EVALUATION_TIME = "now"
"""The input field that carries the evaluation time the policy judges waiver expiry by."""


def stamp_evaluation_time(
    document: Mapping[str, Any], when: datetime | None = None
) -> dict[str, Any]:
    """``document`` with ``now`` set to the evaluation time (UTC, ``YYYY-MM-DDTHH:MM:SSZ``).

    Any ``now`` in the input is replaced: an input never chooses the time at which its
    waivers are judged. The decision-log record keeps this time (``now``), so a replay
    judges the waivers at the time of the original decision.
    """
    moment = (when or datetime.now(UTC)).astimezone(UTC)
    return {**document, EVALUATION_TIME: moment.strftime("%Y-%m-%dT%H:%M:%SZ")}
