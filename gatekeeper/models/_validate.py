"""Validate an input document against its gate's model, before any engine runs.

The document itself is what reaches the policy: validation never rewrites it, so
``gatekeeper check`` decides exactly as ``opa eval`` does on the same file.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from gatekeeper._exceptions import InputError
from gatekeeper.models._errors import describe_errors, format_path, json_type
from gatekeeper.models._types import InputModel

GATES = ("promotion", "rollout", "approval")
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class CheckedInput:
    """A validated input: the untouched document, its gate and profile, and the model."""

    document: Mapping[str, Any]
    gate: str
    profile: str | None
    model: InputModel
    notes: tuple[str, ...] = field(default=())


def _unknown_field_notes(model: Any, prefix: str = "") -> Iterator[str]:
    """Notes for unknown keys that look like a misspelt known field (``eror_rate``)."""
    if isinstance(model, list):
        for index, item in enumerate(model):
            yield from _unknown_field_notes(item, f"{prefix}[{index}]")
        return
    if isinstance(model, dict):
        for key, item in model.items():
            yield from _unknown_field_notes(item, f"{prefix}.{key}" if prefix else str(key))
        return
    if not isinstance(model, InputModel):
        return
    known = list(type(model).model_fields)
    for key in model.model_extra or {}:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
        if close and close[0] not in model.model_fields_set:
            path = f"{prefix}." if prefix else ""
            yield (
                f"{path}{key} is not a known field (did you mean {path}{close[0]}?); "
                f"{path}{close[0]} counts as missing evidence"
            )
    for name in model.model_fields_set:
        if name in type(model).model_fields:
            child = getattr(model, name)
            yield from _unknown_field_notes(child, f"{prefix}.{name}" if prefix else name)


def _non_finite(value: Any, loc: tuple[int | str, ...] = ()) -> Iterator[tuple[int | str, ...]]:
    if isinstance(value, float) and not math.isfinite(value):
        yield loc
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _non_finite(item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_finite(item, (*loc, index))


def resolve_gate(document: Mapping[str, Any]) -> str:
    """The gate of an input (SPEC 1: no ``gate`` and ``version.state == "shadow"``: promotion)."""
    gate = document.get("gate")
    if gate is None:
        version = document.get("version")
        if (
            "gate" not in document
            and isinstance(version, Mapping)
            and version.get("state") == "shadow"
        ):
            return "promotion"
        raise InputError(
            f"gate: missing (one of {', '.join(GATES)}; a promotion input may omit it "
            'when version.state is "shadow")'
        )
    if not isinstance(gate, str) or gate not in GATES:
        raise InputError(
            f"gate: unknown gate {json.dumps(gate)} (expected one of {', '.join(GATES)})"
        )
    return gate


def _rollout_profiles() -> tuple[str, dict[str, type[InputModel]]]:
    """The default rollout profile and the profile models (imported on first use)."""
    from gatekeeper.models._rollout import DEFAULT_ROLLOUT_PROFILE, ROLLOUT_PROFILES

    return DEFAULT_ROLLOUT_PROFILE, dict(ROLLOUT_PROFILES)


def resolve_profile(document: Mapping[str, Any]) -> str:
    """The rollout profile of a rollout input (``decision-matrix`` when absent)."""
    default, profiles = _rollout_profiles()
    profile = document.get("profile", default)
    if not isinstance(profile, str) or profile not in profiles:
        raise InputError(
            f"profile: unknown rollout profile {json.dumps(profile)} "
            f"(expected one of {', '.join(profiles)})"
        )
    return profile


def input_model(gate: str, profile: str | None = None) -> type[InputModel]:
    """The model class of ``gate`` (and, for rollout, ``profile``).

    Each gate's models are imported on first use: a check builds only its own.
    """
    if gate == "promotion":
        from gatekeeper.models._promotion import PromotionInput

        return PromotionInput
    if gate == "approval":
        from gatekeeper.models._approval import ApprovalInput

        return ApprovalInput
    if gate == "rollout":
        default, profiles = _rollout_profiles()
        return profiles[profile or default]
    raise InputError(f"gate: unknown gate {gate!r} (expected one of {', '.join(GATES)})")


def validate_input(document: Any) -> CheckedInput:
    """Check ``document`` and return it with its gate; raise ``InputError`` naming the field."""
    if not isinstance(document, Mapping):
        raise InputError(f"input: must be a JSON object, got {json_type(document)}")
    bad_numbers = [format_path(loc) for loc in _non_finite(document)]
    if bad_numbers:
        raise InputError(
            "; ".join(
                f"{path}: must be a finite number, got NaN or Infinity" for path in bad_numbers
            )
        )
    gate = resolve_gate(document)
    profile = resolve_profile(document) if gate == "rollout" else None
    model_class = input_model(gate, profile)
    try:
        model = model_class.model_validate(dict(document))
    except ValidationError as exc:
        raise InputError(describe_errors(exc)) from exc
    notes = tuple(_unknown_field_notes(model))
    return CheckedInput(document=document, gate=gate, profile=profile, model=model, notes=notes)


class _NoNullSchema(GenerateJsonSchema):
    """Optional fields are omitted, never null: leave ``null`` out of the schema."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        json_schema = super().default_schema(schema)
        if json_schema.get("default", 0) is None:
            del json_schema["default"]
        return json_schema


SCHEMA_ID_PREFIX = "urn:gatekeeper:input"
"""``$id`` of every input schema: ``urn:gatekeeper:input:<gate>[:<profile>]``."""


def schema_id(gate: str, profile: str | None = None) -> str:
    """The ``$id`` of the schema of ``gate`` (and rollout ``profile``)."""
    return f"{SCHEMA_ID_PREFIX}:{gate}" + (f":{profile}" if profile else "")


def _promotion_gate_rule() -> dict[str, Any]:
    """SPEC 1: ``gate`` may be left out only when ``version.state`` is ``shadow``."""
    shadow = {
        "required": ["version"],
        "properties": {
            "version": {"required": ["state"], "properties": {"state": {"const": "shadow"}}}
        },
    }
    return {
        "if": {"not": shadow},
        "then": {"required": ["gate"]},
        "$comment": 'gate may be omitted only when version.state is "shadow" (SPEC 1)',
    }


def _rollout_by_profile(schema: dict[str, Any]) -> dict[str, Any]:
    """Turn pydantic's ``anyOf`` of profile models into ``profile``-keyed ``if``/``then``.

    A validator then checks an input against its own profile's model only and names
    the field that is wrong, instead of "not valid under any of the given schemas".
    """
    default, profiles = _rollout_profiles()
    branches = schema.pop("anyOf")
    refs = dict(zip(profiles, (branch["$ref"] for branch in branches), strict=True))
    rules = []
    for profile, ref in refs.items():
        condition: dict[str, Any] = {"properties": {"profile": {"const": profile}}}
        if profile != default:
            condition["required"] = ["profile"]
        rules.append({"if": condition, "then": {"$ref": ref}})
    schema.update(
        type="object",
        required=["gate"],
        properties={
            "gate": {"const": "rollout", "description": "`rollout`."},
            "profile": {
                "enum": list(profiles),
                "default": default,
                "description": f"Selects the shape and rules of the input (default `{default}`).",
            },
        },
        allOf=rules,
    )
    schema["x-discriminator"] = {"propertyName": "profile", "mapping": refs}
    return schema


def input_schema(gate: str, profile: str | None = None) -> dict[str, Any]:
    """The JSON Schema of a gate's input (all rollout profiles unless ``profile`` is given).

    The schema says what ``gatekeeper check`` enforces: the ``gate`` rule of SPEC 1,
    the rollout ``profile`` choosing the model, and each model's fields.
    """
    _, profiles = _rollout_profiles()
    if gate not in GATES:
        raise InputError(f"unknown gate {gate!r} (expected one of {', '.join(GATES)})")
    if profile is not None and gate != "rollout":
        raise InputError(f"--profile applies to the rollout gate only, not {gate}")
    if profile is not None and profile not in profiles:
        raise InputError(
            f"unknown rollout profile {profile!r} (expected one of {', '.join(profiles)})"
        )
    if gate == "rollout" and profile is None:
        models = tuple(profiles.values())
        union: Any = models[0] | models[1] | models[2] | models[3] | models[4]
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
