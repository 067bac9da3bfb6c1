"""Read gate inputs from files or stdin, as a bare object or OPA's ``{"input": {...}}`` form.

Parsing is strict: a file that is not JSON, holds a duplicate key, or holds no
object is refused with a message naming the file, before any engine runs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gatekeeper._exceptions import InputError
from gatekeeper.models._errors import json_type

STDIN = "-"


@dataclass(frozen=True)
class InputLine:
    """One line of a ``--batch`` file: its number and its document, or why it is unusable."""

    number: int
    document: dict[str, Any] | None
    error: str | None


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {json.dumps(key)}")
        result[key] = value
    return result


def parse_json(text: str) -> Any:
    """Parse JSON text, refusing duplicate keys (``ValueError`` on any problem)."""
    return json.loads(text, object_pairs_hook=_object_pairs)


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


def read_text(source: str) -> str:
    """The text of ``source`` (a path, or ``-`` for stdin)."""
    try:
        if source == STDIN:
            return sys.stdin.read()
        return Path(source).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text: {exc.reason}") from exc
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from exc


def load_document(source: str) -> dict[str, Any]:
    """Read one input document from ``source`` and unwrap it."""
    text = read_text(source)
    try:
        document = parse_json(text)
    except ValueError as exc:
        raise InputError(f"{source}: not valid JSON: {exc}") from exc
    try:
        return unwrap(document)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from exc


def iter_batch(source: str) -> Iterator[InputLine]:
    """Yield every non-blank line of a JSON-lines file as an :class:`InputLine`."""
    text = read_text(source)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield InputLine(number, unwrap(parse_json(line)), None)
        except ValueError as exc:
            yield InputLine(number, None, f"not valid JSON: {exc}")
        except InputError as exc:
            yield InputLine(number, None, str(exc))


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
