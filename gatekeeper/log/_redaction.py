"""Redact named fields of an input before it is kept in the decision log.

A redaction path is dotted (``approvers``, ``version.model``); ``*`` matches any
key of an object or any element of an array (``canary.shards.*.cpu``). A redacted
value is replaced by ``"sha256:<hex>"`` of its canonical JSON, so the holder of
the original can prove it, and the record lists the concrete paths it redacted.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

REDACT_ENV = "GATEKEEPER_LOG_REDACT"
PREFIX = "sha256:"


def redaction_paths(options: Iterable[str] | None) -> tuple[str, ...]:
    """Paths from ``--redact`` options plus ``$GATEKEEPER_LOG_REDACT`` (comma-separated)."""
    paths = list(options or ())
    paths += [p for p in os.environ.get(REDACT_ENV, "").split(",") if p.strip()]
    return tuple(dict.fromkeys(p.strip() for p in paths))


Encoder = Callable[[Any], bytes]


def _plain_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest_of(value: Any, encode: Encoder = _plain_json) -> str:
    """``sha256:<hex>`` of a JSON value's canonical form (``encode`` gives its bytes)."""
    return PREFIX + hashlib.sha256(encode(value)).hexdigest()


def redact(
    document: Any, paths: Sequence[str], encode: Encoder = _plain_json
) -> tuple[Any, list[str]]:
    """A copy of ``document`` with every value at ``paths`` hashed, and the paths hit."""
    result = document
    hit: list[str] = []
    for path in paths:
        result = _redact_at(result, path.split("."), [], hit, encode)
    return result, sorted(set(hit))


def _redact_at(
    node: Any, segments: list[str], where: list[str], hit: list[str], encode: Encoder
) -> Any:
    if not segments:
        hit.append(".".join(where))
        return digest_of(node, encode)
    head, rest = segments[0], segments[1:]
    if isinstance(node, dict):
        keys = list(node) if head == "*" else [head] if head in node else []
        if not keys:
            return node
        copy = dict(node)
        for key in keys:
            copy[key] = _redact_at(node[key], rest, [*where, str(key)], hit, encode)
        return copy
    if isinstance(node, list):
        if head == "*":
            indexes = range(len(node))
        elif head.isdigit() and int(head) < len(node):
            indexes = range(int(head), int(head) + 1)
        else:
            return node
        items = list(node)
        for index in indexes:
            items[index] = _redact_at(node[index], rest, [*where, str(index)], hit, encode)
        return items
    return node
