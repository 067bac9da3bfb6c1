"""The line of an input field: a dotted field (``canary.p99_latency_ms``) is turned into
a JSON pointer (RFC 6901: ``/canary/p99_latency_ms``) and looked up in the input file's
text, read as JSON with the line of every member recorded."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def field_pointer(field: str) -> str:
    """``canary.shards[2].cpu`` -> ``/canary/shards/2/cpu`` (``~`` and ``/`` escaped)."""
    parts = [p for p in re.split(r"[.\[\]]", field) if p]
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


def pointer_lines(text: str) -> dict[str, int]:
    """JSON pointer -> 1-based line where that member's key (or element) starts;
    empty when ``text`` is not JSON (a YAML input)."""
    lines: dict[str, int] = {}
    try:
        end = _value(text, _skip(text, 0), "", lines)
    except (ValueError, IndexError):
        return {}
    return lines if _skip(text, end) == len(text) else {}


def _skip(text: str, index: int) -> int:
    match = _WHITESPACE.match(text, index)
    return match.end() if match else index


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _value(text: str, index: int, pointer: str, lines: dict[str, int]) -> int:
    lines.setdefault(pointer, _line(text, index))
    char = text[index]
    if char in "{[":
        return _members(text, index + 1, pointer, lines, "}" if char == "{" else "]")
    if char == '"':
        return _DECODER.raw_decode(text, index)[1]
    match = _SCALAR.match(text, index)
    if match is None:
        raise ValueError(f"not JSON at {index}")
    return match.end()


def _members(text: str, index: int, pointer: str, lines: dict[str, int], close: str) -> int:
    """The members of an object (``close`` is ``}``) or the elements of an array (``]``)."""
    index = _skip(text, index)
    if text[index] == close:
        return index + 1
    position = 0
    while True:
        child = f"{pointer}/{position}"
        if close == "}":
            if text[index] != '"':
                raise ValueError("key expected")
            key, end = _DECODER.raw_decode(text, index)
            child = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
            lines[child] = _line(text, index)
            index = _skip(text, end)
            if text[index] != ":":
                raise ValueError(": expected")
            index = _skip(text, index + 1)
        index = _skip(text, _value(text, index, child, lines))
        if text[index] == close:
            return index + 1
        if text[index] != ",":
            raise ValueError(", expected")
        index = _skip(text, index + 1)
        position += 1


def line_of(lines: Mapping[str, int], field: str) -> int | None:
    """The line of ``field`` in a document read by :func:`pointer_lines` (also below a
    top-level ``input`` wrapper); the nearest enclosing member when it is absent."""
    pointer = field_pointer(field)
    for prefix in ("", "/input"):
        candidate = prefix + pointer
        while candidate:
            if candidate in lines:
                return lines[candidate] if candidate != prefix else None
            candidate = candidate.rsplit("/", 1)[0]
    return None
