"""The JSON Schema of each gate's input, generated from the pydantic models.

``gatekeeper schema`` prints it, docs/inputs.md is written from it, and
``tools.build_schemas`` ships it for the fast input check.
"""

from __future__ import annotations

import functools
import operator
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from gatekeeper.models._contract import DEFAULT_ROLLOUT_PROFILE, GATES, ROLLOUT_PROFILE_NAMES
from gatekeeper.models._exceptions import InputError
from gatekeeper.models._validate import input_model, schema_id

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _NoNullSchema(GenerateJsonSchema):
    """Optional fields are omitted, never null: leave ``null`` out of the schema."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        json_schema = super().default_schema(schema)
        if json_schema.get("default", 0) is None:
            del json_schema["default"]
        return json_schema


def _promotion_gate_rule() -> dict[str, Any]:
    """``gate`` may be left out only when ``version.state`` is ``shadow``."""
    shadow = {
        "required": ["version"],
        "properties": {
            "version": {"required": ["state"], "properties": {"state": {"const": "shadow"}}}
        },
    }
    return {
        "if": {"not": shadow},
        "then": {"required": ["gate"]},
        "$comment": 'gate may be omitted only when version.state is "shadow" (docs/inputs.md)',
    }


def _rollout_by_profile(schema: dict[str, Any]) -> dict[str, Any]:
    """Turn pydantic's ``anyOf`` of profile models into ``profile``-keyed ``if``/``then``.

    A validator then checks an input against its own profile's model only and names
    the field that is wrong, instead of "not valid under any of the given schemas".
    """
    branches = schema.pop("anyOf")
    refs = dict(zip(ROLLOUT_PROFILE_NAMES, (branch["$ref"] for branch in branches), strict=True))
    rules = []
    for profile, ref in refs.items():
        condition: dict[str, Any] = {"properties": {"profile": {"const": profile}}}
        if profile != DEFAULT_ROLLOUT_PROFILE:
            condition["required"] = ["profile"]
        rules.append({"if": condition, "then": {"$ref": ref}})
    schema.update(
        type="object",
        required=["gate"],
        properties={
            "gate": {"const": "rollout", "description": "`rollout`."},
            "profile": {
                "enum": list(ROLLOUT_PROFILE_NAMES),
                "default": DEFAULT_ROLLOUT_PROFILE,
                "description": "Selects the shape and rules of the input "
                f"(default `{DEFAULT_ROLLOUT_PROFILE}`).",
            },
        },
        allOf=rules,
    )
    schema["x-discriminator"] = {"propertyName": "profile", "mapping": refs}
    return schema


def input_schema(gate: str, profile: str | None = None) -> dict[str, Any]:
    """The JSON Schema of a gate's input (all rollout profiles unless ``profile`` is given).

    The schema says what ``gatekeeper check`` enforces: the ``gate`` rule (docs/inputs.md),
    the rollout ``profile`` choosing the model, and each model's fields.
    """
    if gate not in GATES:
        raise InputError(f"unknown gate {gate!r} (expected one of {', '.join(GATES)})")
    if profile is not None and gate != "rollout":
        raise InputError(f"--profile applies to the rollout gate only, not {gate}")
    if profile is not None and profile not in ROLLOUT_PROFILE_NAMES:
        expected = ", ".join(ROLLOUT_PROFILE_NAMES)
        raise InputError(f"unknown rollout profile {profile!r} (expected one of {expected})")
    if gate == "rollout" and profile is None:
        models = tuple(input_model("rollout", name) for name in ROLLOUT_PROFILE_NAMES)
        union: Any = functools.reduce(operator.or_, models)
        adapter: TypeAdapter[Any] = TypeAdapter(union)
        schema = _rollout_by_profile(adapter.json_schema(schema_generator=_NoNullSchema))
        schema["title"] = "RolloutInput"
        schema["description"] = (
            "Input of the rollout gate; `profile` selects the shape (default decision-matrix)."
        )
    else:
        schema = input_model(gate, profile).model_json_schema(schema_generator=_NoNullSchema)
    if gate == "promotion":
        schema.update(_promotion_gate_rule())
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": schema_id(gate, profile), **schema}
