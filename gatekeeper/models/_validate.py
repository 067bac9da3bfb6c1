"""Validate an input document against its gate's model, before any engine runs.

The document itself is what reaches the policy: validation never rewrites it, so
``gatekeeper check`` decides exactly as ``opa eval`` does on the same file.

An input is first checked against its gate's shipped JSON Schema, compiled to Python
at build time (``gatekeeper.models._shape``), which needs no pydantic. Only when
that check does not vouch for the input are the pydantic models built: they
decide, and their errors name the field.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from gatekeeper.models._contract import DEFAULT_ROLLOUT_PROFILE, GATES, ROLLOUT_PROFILE_NAMES
from gatekeeper.models._errors import format_path, json_type
from gatekeeper.models._exceptions import InputError
from gatekeeper.models._shape import SCHEMA_ID_PREFIX, conforms, field_notes

if TYPE_CHECKING:
    from gatekeeper.models._types import InputModel

__all__ = [
    "GATES",
    "SCHEMA_ID_PREFIX",
    "CheckedInput",
    "input_model",
    "resolve_gate",
    "resolve_profile",
    "schema_id",
    "validate_input",
]


class CheckedInput(NamedTuple):
    """A validated input: the untouched document, its gate and profile, and notes."""

    document: Mapping[str, Any]
    gate: str
    profile: str | None
    notes: tuple[str, ...] = ()


def schema_id(gate: str, profile: str | None = None) -> str:
    """The ``$id`` of the schema of ``gate`` (and rollout ``profile``)."""
    return f"{SCHEMA_ID_PREFIX}:{gate}" + (f":{profile}" if profile else "")


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
    """The gate of an input (no ``gate`` and ``version.state == "shadow"``: promotion)."""
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


def resolve_profile(document: Mapping[str, Any]) -> str:
    """The rollout profile of a rollout input (``decision-matrix`` when absent)."""
    profile = document.get("profile", DEFAULT_ROLLOUT_PROFILE)
    if not isinstance(profile, str) or profile not in ROLLOUT_PROFILE_NAMES:
        raise InputError(
            f"profile: unknown rollout profile {json.dumps(profile)} "
            f"(expected one of {', '.join(ROLLOUT_PROFILE_NAMES)})"
        )
    return profile


def input_model(gate: str, profile: str | None = None) -> type[InputModel]:
    """The pydantic model class of ``gate`` (and, for rollout, ``profile``).

    Each gate's models are imported on first use: a check builds only its own.
    """
    if gate == "promotion":
        from gatekeeper.models._promotion import PromotionInput

        return PromotionInput
    if gate == "approval":
        from gatekeeper.models._approval import ApprovalInput

        return ApprovalInput
    if gate == "rollout":
        from gatekeeper.models._rollout import ROLLOUT_PROFILES

        return ROLLOUT_PROFILES[profile or DEFAULT_ROLLOUT_PROFILE]
    raise InputError(f"gate: unknown gate {gate!r} (expected one of {', '.join(GATES)})")


def _model_check(document: Mapping[str, Any], gate: str, profile: str | None) -> None:
    """Validate with the pydantic models; ``InputError`` naming every wrong field."""
    from pydantic import ValidationError

    from gatekeeper.models._errors import describe_errors

    try:
        input_model(gate, profile).model_validate(dict(document))
    except ValidationError as exc:
        raise InputError(describe_errors(exc)) from exc


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
    identity = schema_id(gate, profile)
    if not conforms(identity, document):
        _model_check(document, gate, profile)
    notes = tuple(field_notes(identity, document))
    return CheckedInput(document=document, gate=gate, profile=profile, notes=notes)
