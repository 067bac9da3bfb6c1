"""Rego values as the OPA Wasm module prints them, and as OPA prints them.

``opa_value_dump`` (and ``opa_eval`` in its value format) prints JSON plus sets
(``{1, 2}``, ``set()``). :func:`parse_value` reads that text keeping each number's
text; :func:`to_json` turns the result into JSON values with sets sorted in OPA's
order (as OPA's JSON output has them); :func:`rego_text` prints a value as OPA's
``ast.Term.String`` does.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


class RegoNumber(str):
    """A number's text as the module printed it (``1``, ``0.30``, ``1e3``)."""


class RegoSet(tuple[Any, ...]):
    """A Rego set, read from ``{...}`` / ``set()``; its members in the module's order."""


# --- reading opa_value_dump text ------------------------------------------------------


def parse_value(text: str) -> Any:
    """Read one Rego value printed by ``opa_value_dump``."""
    value, position = _parse(text, _skip(text, 0))
    if _skip(text, position) != len(text):
        raise ValueError(f"trailing text in a dumped value at {position}")
    return value


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _parse(text: str, position: int) -> tuple[Any, int]:
    char = text[position]
    if char == '"':
        return _parse_string(text, position)
    if char == "[":
        items, position = _parse_items(text, position + 1, "]")
        return list(items), position
    if char == "{":
        return _parse_braces(text, position + 1)
    if text.startswith("set()", position):
        return RegoSet(), position + 5
    for word, value in (("null", None), ("true", True), ("false", False)):
        if text.startswith(word, position):
            return value, position + len(word)
    end = position
    while end < len(text) and text[end] in "+-0123456789.eE":
        end += 1
    if end == position:
        raise ValueError(f"unexpected {char!r} in a dumped value at {position}")
    return RegoNumber(text[position:end]), end


_DECODER = json.JSONDecoder()


def _parse_string(text: str, position: int) -> tuple[str, int]:
    value, end = _DECODER.raw_decode(text, position)
    return str(value), end


def _parse_items(text: str, position: int, close: str) -> tuple[list[Any], int]:
    items: list[Any] = []
    position = _skip(text, position)
    if text[position] == close:
        return items, position + 1
    while True:
        value, position = _parse(text, _skip(text, position))
        items.append(value)
        position = _skip(text, position)
        if text[position] == close:
            return items, position + 1
        if text[position] != ",":
            raise ValueError(f"expected ',' in a dumped value at {position}")
        position += 1


def _parse_braces(text: str, position: int) -> tuple[Any, int]:
    position = _skip(text, position)
    if text[position] == "}":
        return {}, position + 1
    _first, after = _parse(text, position)
    after = _skip(text, after)
    if text[after] != ":":
        rest, end = _parse_items(text, position, "}")
        return RegoSet(rest), end
    obj: dict[Any, Any] = {}
    while True:
        key, position = _parse(text, _skip(text, position))
        position = _skip(text, position)
        if text[position] != ":":
            raise ValueError(f"expected ':' in a dumped object at {position}")
        value, position = _parse(text, _skip(text, position + 1))
        obj[_hashable(key)] = value
        position = _skip(text, position)
        if text[position] == "}":
            return obj, position + 1
        if text[position] != ",":
            raise ValueError(f"expected ',' in a dumped object at {position}")
        position += 1


def _hashable(key: Any) -> Any:
    if isinstance(key, list):
        return tuple(key)
    if isinstance(key, dict):
        return tuple(sorted(key.items()))
    return key


# --- Rego's own text for a value (ast.Term.String) ----------------------------------------


def rego_text(value: Any) -> str:
    """A value as OPA prints a term: ``[1, "a"]``, ``{"k": 1}``, ``{1, 2}``, ``set()``."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, RegoNumber):
        return str(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, RegoSet):
        if not value:
            return "set()"
        members = sorted(value, key=_rego_order)
        return "{" + ", ".join(rego_text(m) for m in members) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(rego_text(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=_rego_order)
        return "{" + ", ".join(f"{rego_text(k)}: {rego_text(value[k])}" for k in keys) + "}"
    raise TypeError(f"not a Rego value: {value!r}")


def _rego_order(value: Any) -> tuple[Any, ...]:
    """OPA's total order: null < boolean < number < string < array < object < set."""
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, RegoNumber):
        return (2, Decimal(value))
    if isinstance(value, RegoSet):
        return (6, tuple(_rego_order(v) for v in sorted(value, key=_rego_order)))
    if isinstance(value, str):
        return (3, value)
    if isinstance(value, list | tuple):
        return (4, tuple(_rego_order(v) for v in value))
    if isinstance(value, dict):
        keys = sorted(value, key=_rego_order)
        return (5, tuple((_rego_order(k), _rego_order(value[k])) for k in keys))
    return (7, repr(value))


def go_quote(text: str) -> str:
    """Go's ``strconv.Quote``."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char in _GO_ESCAPES:
            out.append(_GO_ESCAPES[char])
        elif char.isprintable() or char == " ":
            out.append(char)
        elif code < 0x80:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


_GO_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}


def to_json(value: Any) -> Any:
    """JSON values for a parsed Rego value: sets become sorted arrays, numbers int or float."""
    if isinstance(value, RegoNumber):
        return json.loads(value)
    if isinstance(value, RegoSet):
        return [to_json(v) for v in sorted(value, key=_rego_order)]
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {key: to_json(value[key]) for key in sorted(value)}
    return value


def result_set(text: str) -> list[Any]:
    """OPA's result set (``[{"result": ...}]``) from ``opa_eval``'s value-format output.

    Object keys come out sorted, as in OPA's JSON output.

    The output is a set of results; once its outer braces become brackets, the
    text is JSON exactly when no set is nested inside (a set literal, ``{1, 2}``
    or ``set()``, is never JSON), and ``json.loads`` reads it. Otherwise it is
    parsed here and every set sorted as OPA's JSON output sorts it.
    """
    if text == "set()":
        return []
    if not (text.startswith("{") and text.endswith("}")):
        raise ValueError("not a result set")
    try:
        parsed = json.loads("[" + text[1:-1] + "]", object_pairs_hook=_sorted_object)
    except ValueError:
        converted = to_json(parse_value(text))
        return converted if isinstance(converted, list) else []
    return parsed if isinstance(parsed, list) else []


def _sorted_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return dict(sorted(pairs))
