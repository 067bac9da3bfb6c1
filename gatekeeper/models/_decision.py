"""The decision object every gate returns (SPEC section 5), checked before it is used.

An engine's answer that does not have exactly this shape is not a decision: it is
turned into :class:`gatekeeper._exceptions.EngineError` (exit 2), never a pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gatekeeper._exceptions import EngineError
from gatekeeper.models._errors import describe_errors, json_type

GATE_ACTIONS: dict[str, tuple[str, ...]] = {
    "promotion": ("promote", "deny"),
    "rollout": (
        "continue",
        "promote_next_step",
        "auto_rollback",
        "manual_decision",
        "abort",
        "abort_and_quarantine",
        "pause_evaluation",
    ),
    "approval": ("approve", "deny"),
}
ALLOWING_ACTIONS = frozenset({"continue", "promote_next_step", "promote", "approve"})
INVALID_INPUT = "INVALID_INPUT"


class Violation(BaseModel):
    """One finding of a rule; extra keys (``field``, ``bucket``, ``rollback_target``) kept."""

    model_config = ConfigDict(strict=True, extra="allow", allow_inf_nan=False)

    code: str
    message: str
    observed: Any
    threshold: Any
    rule: str
    severity: str


class Decision(BaseModel):
    """The decision object: exactly the SPEC section 5 keys."""

    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)

    gate: Literal["promotion", "rollout", "approval"]
    allow: bool
    action: str
    violations: list[Violation]
    warnings: list[Violation]
    authority: list[str]
    decision_window_minutes: float | None = Field(...)
    default_action: str | None = Field(...)

    @property
    def codes(self) -> list[str]:
        """The violation codes, in order."""
        return [v.code for v in self.violations]

    @property
    def is_invalid_input(self) -> bool:
        """Whether the policy itself judged the input unusable (``INVALID_INPUT``)."""
        return INVALID_INPUT in self.codes


def parse_decision(raw: Any, expected_gate: str | None = None) -> Decision:
    """Check an engine's raw answer and return it as a :class:`Decision`.

    Raises ``EngineError`` when a key is missing or of the wrong type, when the
    action does not belong to the gate, or when ``allow`` contradicts the action.
    """
    if not isinstance(raw, Mapping):
        raise EngineError(f"engine result: must be a decision object, got {json_type(raw)}")
    try:
        decision = Decision.model_validate(dict(raw))
    except ValidationError as exc:
        raise EngineError(f"engine result is not a decision: {describe_errors(exc)}") from exc
    if expected_gate is not None and decision.gate != expected_gate:
        raise EngineError(
            f"engine result: gate is {decision.gate!r}, but the input is for {expected_gate!r}"
        )
    allowed_actions = GATE_ACTIONS[decision.gate]
    if decision.action not in allowed_actions:
        raise EngineError(
            f"engine result: action {decision.action!r} is not an action of the "
            f"{decision.gate} gate ({', '.join(allowed_actions)})"
        )
    if decision.allow != (decision.action in ALLOWING_ACTIONS):
        raise EngineError(
            f"engine result: allow={str(decision.allow).lower()} contradicts "
            f"action {decision.action!r}"
        )
    if decision.allow and decision.violations:
        raise EngineError("engine result: allow=true with violations")
    return decision
