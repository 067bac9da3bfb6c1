"""A fast check of an input against its gate's shipped JSON Schema, without pydantic.

``gatekeeper check`` validates every input before any engine runs. Building the
pydantic models costs about 100 ms per process, more than the decision itself,
so the models' JSON Schemas are generated once (``python -m
tools.build_schemas``) and shipped beside this module. This checker
walks a document against its schema and answers one question: is the input
certainly valid? It is stricter than the models where that is simpler (a count
given as ``3.0``, an integer beyond 2**53), never looser: when it says no, or
meets anything it does not know, the pydantic models decide and give the
message. ``tests/models/test_precheck.py`` holds it to that on every scenario
and on generated inputs.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = "input-schemas.json"
SHIPPED_SCHEMAS = Path(__file__).with_name(SCHEMA_FILE)
"""The shipped schemas: ``{schema id: schema}``, written by ``tools.build_schemas``."""

_ANNOTATIONS = frozenset(
    {"$comment", "$id", "$schema", "default", "description", "title", "x-unit", "x-discriminator"}
)
_LARGEST_EXACT_INT = 2**53


class SchemaError(ValueError):
    """The schema uses a keyword this checker does not know."""


class Node:
    """One compiled schema node: what a value must be, and its children."""

    __slots__ = (
        "children",
        "conditions",
        "enum",
        "extra",
        "items",
        "kind",
        "lower",
        "lower_open",
        "negation",
        "required",
        "upper",
    )

    def __init__(self) -> None:
        self.kind: str | None = None
        self.enum: frozenset[str] | None = None
        self.lower: float | None = None
        self.lower_open = False
        self.upper: float | None = None
        self.children: dict[str, Node] = {}
        self.extra: Node | bool = True
        self.items: Node | None = None
        self.required: tuple[str, ...] = ()
        self.conditions: tuple[tuple[Node, Node], ...] = ()
        self.negation: Node | None = None


def _number(value: Any) -> float | None:
    """The float a model sees for ``value``, or None when it is not a plain finite number."""
    kind = type(value)
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is int:
        return float(value) if -_LARGEST_EXACT_INT <= value <= _LARGEST_EXACT_INT else None
    if kind is Decimal:
        converted = float(value)
        return converted if math.isfinite(converted) else None
    return None


def _in_range(node: Node, number: float) -> bool:
    if node.lower is not None and (
        number <= node.lower if node.lower_open else number < node.lower
    ):
        return False
    return node.upper is None or number <= node.upper


def _scalar_ok(node: Node, value: Any) -> bool:
    kind = node.kind
    if kind == "number":
        number = _number(value)
        return number is not None and _in_range(node, number)
    if kind == "integer":
        return type(value) is int and _number(value) is not None and _in_range(node, value)
    if kind == "string":
        return type(value) is str and (node.enum is None or value in node.enum)
    if kind == "boolean":
        return type(value) is bool
    return False


def is_valid(node: Node, value: Any) -> bool:
    """Whether ``value`` certainly satisfies ``node``."""
    if node.negation is not None and is_valid(node.negation, value):
        return False
    for condition, then in node.conditions:
        if is_valid(condition, value) and not is_valid(then, value):
            return False
    kind = node.kind
    if kind == "object":
        if type(value) is not dict:
            return False
        for name in node.required:
            if name not in value:
                return False
        children = node.children
        extra = node.extra
        for key, item in value.items():
            child = children.get(key)
            if child is not None:
                if not is_valid(child, item):
                    return False
            elif extra is False or (extra is not True and not is_valid(extra, item)):
                return False
        return True
    if kind == "array":
        if type(value) is not list:
            return False
        items = node.items
        if items is None:
            return True
        if items.kind in ("number", "boolean") and not items.conditions:
            return all(_scalar_ok(items, item) for item in value)
        return all(is_valid(items, item) for item in value)
    if kind is None:
        return node.enum is None or (type(value) is str and value in node.enum)
    return _scalar_ok(node, value)


def field_notes(node: Node, value: Any, prefix: str = "") -> Iterator[str]:
    """Notes for unknown keys that look like a misspelt known field (``eror_rate``).

    A misspelt optional field counts as absent evidence, which the policy denies;
    the note tells the caller why.
    """
    if node.kind == "array" and node.items is not None and type(value) is list:
        for index, item in enumerate(value):
            yield from field_notes(node.items, item, f"{prefix}[{index}]")
        return
    if node.kind != "object" or type(value) is not dict:
        return
    path = f"{prefix}." if prefix else ""
    if node.children and node.extra is True:
        known = list(node.children)
        for key in value:
            if key in node.children:
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
            if close and close[0] not in value:
                yield (
                    f"{path}{key} is not a known field (did you mean {path}{close[0]}?); "
                    f"{path}{close[0]} counts as missing evidence"
                )
    for key, item in value.items():
        child = node.children.get(key)
        if child is None and isinstance(node.extra, Node):
            child = node.extra
        if child is not None:
            yield from field_notes(child, item, f"{path}{key}")


class _Compiler:
    """Turns one JSON Schema (the subset the input models generate) into nodes."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.definitions: Mapping[str, Any] = schema.get("$defs", {})
        self.compiled: dict[str, Node] = {}

    def reference(self, ref: str) -> Node:
        name = ref.removeprefix("#/$defs/")
        if name == ref or name not in self.definitions:
            raise SchemaError(f"unresolvable $ref {ref!r}")
        if name not in self.compiled:
            self.compiled[name] = Node()  # a placeholder breaks a cycle
            self.compiled[name] = self.node(self.definitions[name])
        return self.compiled[name]

    def node(self, schema: Mapping[str, Any]) -> Node:
        if set(schema) == {"$ref"} or ("$ref" in schema and set(schema) <= _ANNOTATIONS | {"$ref"}):
            return self.reference(schema["$ref"])
        node = Node()
        for key, value in schema.items():
            if key in _ANNOTATIONS or key == "$defs":
                continue
            self.keyword(node, key, value, schema)
        if node.kind is None and (node.children or node.required or node.extra is not True):
            node.kind = "object"
        return node

    def keyword(self, node: Node, key: str, value: Any, schema: Mapping[str, Any]) -> None:
        if key == "type":
            if value not in ("object", "array", "number", "integer", "string", "boolean"):
                raise SchemaError(f"type {value!r} is not supported")
            node.kind = value
        elif key == "const":
            self.keyword(node, "enum", [value], schema)
        elif key == "enum":
            if not all(type(item) is str for item in value):
                raise SchemaError("only string enums are supported")
            node.enum = frozenset(value)
        elif key in ("minimum", "exclusiveMinimum"):
            node.lower = float(value)
            node.lower_open = key == "exclusiveMinimum"
        elif key == "maximum":
            node.upper = float(value)
        elif key == "properties":
            node.children = {name: self.node(child) for name, child in value.items()}
        elif key == "additionalProperties":
            node.extra = value if isinstance(value, bool) else self.node(value)
        elif key == "required":
            node.required = tuple(value)
        elif key == "items":
            node.items = self.node(value)
        elif key == "if":
            node.conditions = ((self.node(value), self.node(schema.get("then", {}))),)
        elif key == "then":
            if "if" not in schema:
                raise SchemaError("then without if")
        elif key == "not":
            node.negation = self.node(value)
        else:
            raise SchemaError(f"keyword {key!r} is not supported")


def compile_schema(schema: Mapping[str, Any]) -> Node:
    """Compile a schema; ``SchemaError`` when it uses a keyword this checker does not know."""
    return _Compiler(schema).node(schema)


@cache
def shipped_schemas() -> dict[str, Any]:
    """The shipped schemas by ``$id`` (read once)."""
    schemas: dict[str, Any] = json.loads(SHIPPED_SCHEMAS.read_text("utf-8"))
    return schemas


@cache
def compiled(schema_id: str) -> Node | None:
    """The compiled shipped schema ``schema_id``, or None when none is shipped."""
    schema = shipped_schemas().get(schema_id)
    return None if schema is None else compile_schema(schema)
