"""JSON that keeps every number's text from the file to the engine.

Python's ``json`` turns ``0.02000000000000000001`` into the float ``0.02``, so a
gate fed through it would compare a rounded number where ``opa eval`` on the
same file compares the exact one. Here a number with a fraction or an exponent
is read as a :class:`decimal.Decimal` holding the digits as written, and
:func:`dumps_exact` writes it back with those digits; integers stay ``int``
(exact in Python already).

The loader is strict: a duplicate key, ``NaN``, ``Infinity`` or ``-Infinity``
is a ``ValueError`` naming what was wrong. Every engine serialises its input
with :func:`dumps_exact`, so every engine sees the number the file holds.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any, NoReturn

__all__ = ["Encoded", "dumps_exact", "loads_exact", "parse_json", "plain"]


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {json.dumps(key)}")
        result[key] = value
    return result


class _NonFinite:
    """Stands for ``NaN``/``Infinity`` while parsing, so the error can name the field."""

    def __init__(self, name: str) -> None:
        self.name = name


def _non_finite_path(value: Any, path: str = "") -> tuple[str, str] | None:
    if isinstance(value, _NonFinite):
        return path or "(document)", value.name
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = ((f"[{index}]", item) for index, item in enumerate(value))
    else:
        return None
    for key, item in items:
        where = f"{path}{key}" if str(key).startswith("[") else f"{path}.{key}" if path else key
        found = _non_finite_path(item, where)
        if found:
            return found
    return None


def loads_exact(text: str | bytes) -> Any:
    """Parse JSON text: fractions as exact ``Decimal``; duplicate keys, NaN, Infinity refused."""
    seen: list[str] = []

    def constant(name: str) -> _NonFinite:
        seen.append(name)
        return _NonFinite(name)

    value = json.loads(
        text,
        object_pairs_hook=_object_pairs,
        parse_float=Decimal,
        parse_constant=constant,
    )
    if seen:
        path, name = _non_finite_path(value) or ("(document)", seen[0])
        raise ValueError(f"{path}: must be a finite number, got {name}")
    return value


def _number(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"{value} is not a JSON number")
    return str(value)


def _dump(value: Any, out: list[str], sort_keys: bool) -> None:
    kind = type(value)  # the common exact types first; subclasses take the general path
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is Decimal:
        out.append(_number(value))
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float and math.isfinite(value):
        out.append(float.__repr__(value))
    elif kind is list:
        _dump_array(value, out, sort_keys)
    elif kind is dict:
        _dump_object(value, out, sort_keys)
    else:
        _dump_other(value, out, sort_keys)


def _dump_other(value: Any, out: list[str], sort_keys: bool) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, Decimal):
        out.append(_number(value))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a JSON number")
        out.append(float.__repr__(value))
    elif isinstance(value, Mapping):
        if type(value) is Encoded and (value.sorted_keys or not sort_keys):
            out.append(value.text)
        else:
            _dump_object(value, out, sort_keys)
    elif isinstance(value, list | tuple):
        _dump_array(value, out, sort_keys)
    else:
        raise ValueError(f"{type(value).__name__} is not a JSON value")


def _dump_object(value: Mapping[Any, Any], out: list[str], sort_keys: bool) -> None:
    out.append("{")
    first = True
    items = sorted(value.items()) if sort_keys else value.items()
    for key, item in items:
        if not isinstance(key, str):
            raise ValueError(f"object key {key!r} is not a string")
        if not first:
            out.append(",")
        first = False
        out.append(encode_basestring(key))
        out.append(":")
        _dump(item, out, sort_keys)
    out.append("}")


def _dump_array(value: list[Any] | tuple[Any, ...], out: list[str], sort_keys: bool) -> None:
    out.append("[")
    for index, item in enumerate(value):
        if index:
            out.append(",")
        _dump(item, out, sort_keys)
    out.append("]")


def dumps_exact(value: Any, *, sort_keys: bool = False) -> str:
    """Compact JSON text of ``value``; a ``Decimal`` is written with its own digits.

    Apart from those digits the text is what ``json.dumps(value, separators=(",", ":"),
    ensure_ascii=False, allow_nan=False)`` writes. ``ValueError`` for NaN, infinities,
    non-string keys, non-JSON types and nesting too deep to write.
    """
    out: list[str] = []
    try:
        _dump(value, out, sort_keys)
    except RecursionError:
        raise ValueError("nested too deeply to write") from None
    return "".join(out)


class Encoded(dict[str, Any]):
    """A JSON object together with its compact text, written once and reused.

    :func:`dumps_exact` copies ``text`` instead of walking the object again (with
    ``sort_keys`` only when the text has its keys sorted). Read-only, so the text
    always is the object's.
    """

    __slots__ = ("sorted_keys", "text")

    def __init__(self, value: Mapping[str, Any], text: str | None = None) -> None:
        super().__init__(value)
        self.sorted_keys = text is None
        self.text = dumps_exact(value, sort_keys=True) if text is None else text

    def with_field(self, key: str, value: Any) -> Encoded:
        """A copy with ``key`` set to ``value``; its text is this one's with the field added."""
        if key in self:
            return Encoded({**self, key: value})
        field = encode_basestring(key) + ":" + dumps_exact(value)
        text = "{" + field + "}" if not self else self.text[:-1] + "," + field + "}"
        return Encoded({**self, key: value}, text)

    def __reduce__(self) -> Any:
        return (_restore, (dict(self), self.text, self.sorted_keys))

    def _read_only(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise TypeError("an Encoded object is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _read_only
    __ior__ = _read_only


def _restore(value: dict[str, Any], text: str, sorted_keys: bool) -> Encoded:
    encoded = Encoded(value, text)
    encoded.sorted_keys = sorted_keys
    return encoded


def plain(value: Any) -> Any:
    """A copy of ``value`` with every ``Decimal`` as the nearest float (for Python arithmetic)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def parse_json(text: str) -> Any:
    """Parse JSON text exactly, refusing duplicate keys and NaN (``ValueError`` on any problem)."""
    try:
        return loads_exact(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
