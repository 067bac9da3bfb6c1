"""OPA values read straight from a Wasm policy's linear memory, and strings written there.

A host built-in gets its arguments as addresses of OPA values. Dumping each one
(``opa_value_dump``) and parsing the text costs two calls into the module per
argument; the scalars and arrays that ``sprintf`` gets are read here from the
structs themselves (``wasm/src/value.h`` on wasm32), giving what
``_wasm_values.parse_value`` gives for the dumped text: a number is its text
as the module keeps it (or its 64-bit integer), which is what
``opa_value_dump`` prints. Objects and sets are not read here
(:class:`Unreadable`: the caller dumps them).

:func:`string_value` lays out an ``opa_string_t`` with its bytes in one block of
the module's heap, so a built-in's text result needs one ``opa_malloc``, not a
JSON round trip. Every read is bounds-checked against the memory view, so a bad
address is an :class:`Unreadable`, never a read outside the memory.
"""

from __future__ import annotations

import struct
from typing import Any

from gatekeeper.engines._wasm_values import RegoNumber

_NULL = 1
_BOOLEAN = 2
_NUMBER = 3
_STRING = 4
_ARRAY = 5
_STRING_INTERNED = 8
_BOOLEAN_INTERNED = 9
_REPR_INT = 1
_REPR_REF = 2  # the number's text
_MAX_DEPTH = 32

_U32_PAIR = struct.Struct("<II")
_I64 = struct.Struct("<q")
_U32 = struct.Struct("<I")
_STRING_HEADER = struct.Struct("<BBxxII")  # type, free, len, chars
STRING_HEADER_SIZE = _STRING_HEADER.size


class Unreadable(Exception):
    """The value is not one this reader handles (or its memory makes no sense)."""


def read_value(view: memoryview, addr: int, depth: int = 0) -> Any:
    """The value at ``addr``: ``None``, a bool, a :class:`RegoNumber`, a str or a list."""
    try:
        kind = view[addr]
        if kind in (_STRING, _STRING_INTERNED):
            length, chars = _U32_PAIR.unpack_from(view, addr + 4)
            if chars + length > len(view):
                raise Unreadable("string outside the memory")
            return bytes(view[chars : chars + length]).decode("utf-8")
        if kind == _NUMBER:
            return RegoNumber(_number_text(view, addr))
        if kind == _ARRAY:
            if depth >= _MAX_DEPTH:
                raise Unreadable("nested too deeply")
            elems, length = _U32_PAIR.unpack_from(view, addr + 4)
            return [
                read_value(view, _U32.unpack_from(view, elems + 8 * index + 4)[0], depth + 1)
                for index in range(length)
            ]
        if kind in (_BOOLEAN, _BOOLEAN_INTERNED):
            return view[addr + 1] != 0
        if kind == _NULL:
            return None
    except (IndexError, struct.error, ValueError) as exc:
        raise Unreadable(str(exc)) from exc
    raise Unreadable(f"value type {kind}")


def _number_text(view: memoryview, addr: int) -> str:
    representation = view[addr + 1]
    if representation == _REPR_INT:
        return str(_I64.unpack_from(view, addr + 8)[0])
    if representation != _REPR_REF:
        raise Unreadable(f"number representation {representation}")
    chars, length = _U32_PAIR.unpack_from(view, addr + 8)
    if chars + length > len(view) or length == 0:
        raise Unreadable("number text outside the memory")
    return bytes(view[chars : chars + length]).decode("ascii")


def string_value(addr: int, data: bytes) -> bytes:
    """An ``opa_string_t`` at ``addr`` followed by its bytes (not freed on their own)."""
    return _STRING_HEADER.pack(_STRING, 0, len(data), addr + STRING_HEADER_SIZE) + data


def call_key(builtin_id: int, args: list[Any]) -> tuple[Any, ...] | None:
    """A key for a built-in call that tells every argument list apart, or ``None``.

    A number and a string with the same text get different keys; a call with an
    object or a set among its arguments gets none (it is not cached).
    """
    try:
        return (builtin_id, *(_tagged(arg) for arg in args))
    except TypeError:
        return None


def same_value(left: Any, right: Any) -> bool:
    """Equal values of the same kinds (a number is not its text)."""
    try:
        return bool(_tagged(left) == _tagged(right))
    except TypeError:
        return False


def _tagged(value: Any) -> Any:
    if isinstance(value, RegoNumber):
        return ("n", str(value))
    if isinstance(value, str):
        return ("s", value)
    if isinstance(value, list):
        return ("a", *(_tagged(item) for item in value))
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"no key for {type(value).__name__}")


def first_index(view: memoryview, array_addr: int) -> int:
    """The address of the index of an array's first element (an integer number)."""
    elems = _U32.unpack_from(view, array_addr + 4)[0]
    return int(_U32.unpack_from(view, elems)[0])
