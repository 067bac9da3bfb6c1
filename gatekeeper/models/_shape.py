"""The fast shape check: an input against its gate's shipped JSON Schema, without pydantic.

``gatekeeper check`` validates every input before any engine runs. Building the
pydantic models costs about 90 ms of CPU per process, more than the decision
itself, so the models' JSON Schemas are generated once and compiled to Python by
fastjsonschema at build time (``python -m tools.build_schemas`` writes
``input-schemas.json`` and one module per gate under ``_shapes/``, which import
nothing of fastjsonschema; ``--check`` keeps both in step).
The check answers one question: is the input certainly valid? It sees numbers as
the models do (a fraction read as ``Decimal`` is compared as the float the model
makes of it) and leaves to the models what it cannot judge the same way (an
integer beyond 2**53, a number that is no finite float, a whole number written as
a fraction). When it says no, the pydantic models decide and give the message.
``tests/models/test_precheck.py`` holds it to "never looser than the models" on
every scenario and on generated inputs.
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from gatekeeper.models._exceptions import ShapeRefused

SCHEMA_FILE = "input-schemas.json"
SHIPPED_SCHEMAS = Path(__file__).with_name(SCHEMA_FILE)
"""The shipped schemas: ``{schema id: schema}``, written by ``tools.build_schemas``."""
SCHEMA_ID_PREFIX = "urn:gatekeeper:input"
"""``$id`` of every input schema: ``urn:gatekeeper:input:<gate>[:<profile>]``."""
SHAPES_PACKAGE = "gatekeeper.models._shapes"
"""The compiled validators, one module per gate (``VALIDATORS``, ``{schema id: validate}``)."""
_LARGEST_EXACT_INT = 2**53


class _Unsure(Exception):
    """A value the fast check leaves to the models."""


@cache
def shipped_schemas() -> dict[str, Any]:
    """The shipped schemas by ``$id`` (read once)."""
    schemas: dict[str, Any] = json.loads(SHIPPED_SCHEMAS.read_text("utf-8"))
    return schemas


def shape_module(schema_id: str) -> str:
    """The module name of ``schema_id``'s validator: its gate (``rollout:decision-matrix`` ->
    ``rollout``)."""
    return schema_id.removeprefix(f"{SCHEMA_ID_PREFIX}:").split(":", 1)[0]


@cache
def validator(schema_id: str) -> Callable[[Any], Any] | None:
    """The compiled validator of ``schema_id``, or None when none is shipped."""
    try:
        module = importlib.import_module(f"{SHAPES_PACKAGE}.{shape_module(schema_id)}")
    except ModuleNotFoundError:
        return None
    check: Callable[[Any], Any] | None = module.VALIDATORS.get(schema_id)
    return check


def _as_models_see(value: Any) -> Any:
    """``value`` with every number as the float or int the models compare; ``_Unsure`` when
    a number is one the models must judge themselves."""
    kind = type(value)
    if kind is dict:
        return {key: _as_models_see(item) for key, item in value.items()}
    if kind is list:
        return [_as_models_see(item) for item in value]
    if kind is Decimal or kind is float:
        number = float(value)
        if not math.isfinite(number) or (kind is Decimal and number.is_integer()):
            raise _Unsure
        return number
    if kind is int and not -_LARGEST_EXACT_INT <= value <= _LARGEST_EXACT_INT:
        raise _Unsure
    return value


def conforms(schema_id: str, document: Any) -> bool | None:
    """Whether ``document`` certainly satisfies schema ``schema_id`` (None: none shipped)."""
    check = validator(schema_id)
    if check is None:
        return None
    try:
        check(_as_models_see(document))
    except (_Unsure, ShapeRefused):
        return False
    return True


def _resolved(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    reference = schema.get("$ref")
    if not isinstance(reference, str):
        return schema
    target: Mapping[str, Any] = root.get("$defs", {}).get(reference.removeprefix("#/$defs/"), {})
    return _resolved(target, root)


def field_notes(schema_id: str, document: Any) -> Iterator[str]:
    """Notes for unknown keys that look like a misspelt known field (``eror_rate``).

    A misspelt optional field counts as absent evidence, which the policy denies;
    the note tells the caller why.
    """
    root = shipped_schemas().get(schema_id)
    if root is not None:
        yield from _notes(root, root, document, "")


def _notes(
    schema: Mapping[str, Any], root: Mapping[str, Any], value: Any, prefix: str
) -> Iterator[str]:
    schema = _resolved(schema, root)
    items = schema.get("items")
    if isinstance(items, Mapping) and type(value) is list:
        for index, item in enumerate(value):
            yield from _notes(items, root, item, f"{prefix}[{index}]")
        return
    if type(value) is not dict:
        return
    children: Mapping[str, Any] = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    path = f"{prefix}." if prefix else ""
    if children and extra is True:
        known = list(children)
        for key in value:
            if key in children:
                continue
            import difflib  # only for a key the schema does not know

            close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
            if close and close[0] not in value:
                yield (
                    f"{path}{key} is not a known field (did you mean {path}{close[0]}?); "
                    f"{path}{close[0]} counts as missing evidence"
                )
    for key, item in value.items():
        child = children.get(key)
        if child is None and isinstance(extra, Mapping):
            child = extra
        if child is not None:
            yield from _notes(child, root, item, f"{path}{key}")
