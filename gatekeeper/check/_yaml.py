"""Strict YAML for gate inputs: one document, JSON values only, read as OPA reads it.

A YAML scalar means what the YAML 1.2 core schema says (``docs/security.md``): ``2:30``,
``yes``, ``on`` and ``2001-12-14`` are strings, ``0o17`` is 15, ``true``/``false`` and
``null``/``~`` are the only booleans and nulls. PyYAML's default (YAML 1.1) would read
``2:30`` as 150 and ``yes`` as true, while ``opa eval -i`` reads strings: the same
file would be two different inputs. A plain scalar that OPA's reader takes for a
different value than the 1.2 core schema (``012``, octal there; ``1_000``; ``0b101``)
is refused, naming the line: one file is one input, whichever engine decides it.

Also refused, with a message naming the cause: duplicate keys (PyYAML keeps the last
one), aliases (``*name``: an alias bomb of a few hundred bytes expands to gigabytes),
several documents, and anything JSON could not hold (``.inf``, an explicit
``!!timestamp``, a set). The result is the same object a JSON file with the same
content gives.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.resolver import BaseResolver

from gatekeeper.models._errors import format_path
from gatekeeper.models._exceptions import InputError

_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"

_INT_SYNTAX = r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)"
_FLOAT_SYNTAX = (
    r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
)
_CORE_INT = re.compile(_INT_SYNTAX + r"\Z")
_CORE_FLOAT = re.compile(_FLOAT_SYNTAX + r"\Z")
# The YAML 1.2 core schema's implicit tags (https://yaml.org/spec/1.2.2/#1023-core-schema),
# plus the merge key ``<<`` that OPA's reader also honours.
_CORE_RESOLVERS: tuple[tuple[str, str, str], ...] = (
    (_BOOL_TAG, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_NULL_TAG, r"^(?:~|null|Null|NULL|)$", "~nN"),
    (_INT_TAG, f"^{_INT_SYNTAX}$", "-+0123456789"),
    (_FLOAT_TAG, f"^{_FLOAT_SYNTAX}$", "-+0123456789."),
    (_MERGE_TAG, r"^(?:<<)$", "<"),
)

# How OPA's YAML reader (go-yaml v3) reads a plain scalar that starts like a number:
# underscores dropped, then Go's integer syntax (0x, 0o, 0b, and a leading 0 for octal),
# then a float of the YAML 1.2 form (https://github.com/go-yaml/yaml, resolve.go).
_NUMBER_START = "-+0123456789."
_GO_INT = re.compile(
    r"(?P<sign>[-+]?)(?:0[xX](?P<hex>[0-9a-fA-F]+)|0[oO](?P<oct>[0-7]+)|0[bB](?P<bin>[01]+)"
    r"|0(?P<old>[0-7]+)|(?P<dec>[0-9]+))\Z"
)
_GO_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_GO_DOT_FLOAT = re.compile(r"\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"}
_SPECIAL |= {".nan", ".NaN", ".NAN"}
_INT64 = 2**63


def _go_number(text: str) -> int | float | None:
    """The number OPA's reader makes of a plain scalar, or ``None`` when it is a string."""
    if not text or text[0] not in _NUMBER_START or text in _SPECIAL:
        return None
    if text[0] == ".":
        return float(text) if _GO_DOT_FLOAT.match(text) else None
    plain = text.replace("_", "")
    match = _GO_INT.match(plain)
    if match:
        base, digits = next(
            (b, match[n])
            for n, b in (("hex", 16), ("oct", 8), ("bin", 2), ("old", 8), ("dec", 10))
            if match[n] is not None
        )
        value = int(digits, base) * (-1 if match["sign"] == "-" else 1)
        if -_INT64 <= value < 2 * _INT64:
            return value
    if _GO_FLOAT.match(plain):
        return float(plain)
    return None


def _core_number(text: str) -> int | float | None:
    """The number the YAML 1.2 core schema makes of a plain scalar, or ``None``."""
    if _CORE_INT.match(text):
        return _core_int(text)
    if _CORE_FLOAT.match(text) and text not in _SPECIAL:
        return float(text)
    return None


def _core_int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _same_number(core: int | float | None, go: int | float | None) -> bool:
    if core is None or go is None:
        return core is go
    return core == go and not (isinstance(core, float) and math.isnan(core))


class _StrictLoader(yaml.SafeLoader):
    """Safe loader with the YAML 1.2 core schema, no aliases and no duplicate keys."""

    yaml_implicit_resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Refuse an alias before it is expanded anywhere."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise InputError(
                f"line {event.start_mark.line + 1}: YAML aliases (*{event.anchor}) are refused: "
                "an alias can expand a small file into gigabytes; write the value out"
            )
        return super().compose_node(parent, index)

    def compose_scalar_node(self, anchor: Any) -> Any:
        """Refuse a plain number OPA's reader would read as another value."""
        event = self.peek_event()  # type: ignore[no-untyped-call]
        node = super().compose_scalar_node(anchor)
        if event.tag is None and event.style is None:
            text = str(event.value)
            core = _core_number(text)
            go = _go_number(text)
            if not _same_number(core, go):
                core_reading = text if core is None else core
                go_reading = text if go is None else go
                raise InputError(
                    f"line {event.start_mark.line + 1}: {text!r} is read as {core_reading!r} "
                    f"by YAML 1.2 but as {go_reading!r} by OPA's reader: quote it or write "
                    "the number plainly"
                )
        return node


for _tag, _pattern, _first in _CORE_RESOLVERS:
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
# the empty plain scalar is null (PyYAML looks it up under the first character None)
_StrictLoader.add_implicit_resolver(_NULL_TAG, re.compile(r"^$"), [""])


def _construct_int(loader: _StrictLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if not _CORE_INT.match(text):
        raise ConstructorError(None, None, f"{text!r} is not a YAML 1.2 integer", node.start_mark)
    return _core_int(text)


def _construct_float(loader: _StrictLoader, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node))
    if not _CORE_FLOAT.match(text):
        raise ConstructorError(None, None, f"{text!r} is not a YAML 1.2 float", node.start_mark)
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    return math.nan if lowered == ".nan" else float(text)


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            line = key_node.start_mark.line + 1
            raise InputError(f"duplicate key {key!r} (line {line})")
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_StrictLoader.add_constructor(BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor(_INT_TAG, _construct_int)
_StrictLoader.add_constructor(_FLOAT_TAG, _construct_float)


def _json_only(value: Any, loc: tuple[int | str, ...] = ()) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"{format_path(loc)}: a YAML {value!r} is not a JSON number")
    if value is None or isinstance(value, bool | int | float | str):
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            _json_only(item, (*loc, index))
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InputError(f"{format_path(loc)}: key {key!r} must be a string")
            _json_only(item, (*loc, key))
        return
    raise InputError(
        f"{format_path(loc)}: a YAML {type(value).__name__} is not a JSON value (quote it)"
    )


def parse_yaml(text: str, source: str) -> Any:
    """Parse one YAML document into JSON values; ``InputError`` naming ``source`` otherwise."""
    try:
        documents = list(yaml.load_all(text, Loader=_StrictLoader))
    except InputError as exc:
        raise InputError(f"{source}: not valid YAML: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{source}: not valid YAML{where}: {problem}") from exc
    if len(documents) != 1:
        raise InputError(f"{source}: a YAML input holds one document, found {len(documents)}")
    try:
        _json_only(documents[0])
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from exc
    return documents[0]
