"""The decision object every gate returns (README, "The decision"), checked before it is used.

An engine's answer that does not have exactly this shape is not a decision: it is
turned into :class:`gatekeeper.models._exceptions.EngineError` (exit 2), never a pass.
The check is plain Python (strict types: ``0`` is not ``false``, ``"5"`` is not a
number), so reading a decision costs no model building.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

from gatekeeper.models._contract import DECISION_KEYS
from gatekeeper.models._errors import format_path, json_type
from gatekeeper.models._exceptions import EngineError

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
VIOLATION_KEYS = ("code", "message", "observed", "threshold", "rule", "severity")
"""The keys every violation and warning holds; others (``field``, ``bucket``...) are kept."""


class Violation(NamedTuple):
    """One finding of a rule; keys beyond the six (``field``, ``rollback_target``) in ``extra``."""

    code: str
    message: str
    observed: Any
    threshold: Any
    rule: str
    severity: str
    extra: Mapping[str, Any] = MappingProxyType({})


class Decision(NamedTuple):
    """The decision object: exactly the keys README "The decision" names."""

    gate: str
    allow: bool
    action: str
    violations: tuple[Violation, ...]
    warnings: tuple[Violation, ...]
    authority: tuple[str, ...]
    decision_window_minutes: float | None
    default_action: str | None

    @property
    def codes(self) -> list[str]:
        """The violation codes, in order."""
        return [v.code for v in self.violations]

    @property
    def is_invalid_input(self) -> bool:
        """Whether the policy itself judged the input unusable (``INVALID_INPUT``)."""
        return INVALID_INPUT in self.codes


class _ShapeError(Exception):
    """A key of the answer is missing, unknown or of the wrong type."""

    def __init__(self, loc: tuple[int | str, ...], problem: str) -> None:
        super().__init__(f"{format_path(loc)}: {problem}")


def _typed(value: Any, loc: tuple[int | str, ...], kind: type, words: str) -> Any:
    if type(value) is not kind:
        raise _ShapeError(loc, f"must be {words}, got {json_type(value)}")
    return value


def _keys(raw: Mapping[str, Any], keys: tuple[str, ...], loc: tuple[int | str, ...]) -> None:
    for key in keys:
        if key not in raw:
            raise _ShapeError((*loc, key), "required field is missing")


def _number_or_null(value: Any, loc: tuple[int | str, ...]) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float, Decimal):
        raise _ShapeError(loc, f"must be a number (or null), got {json_type(value)}")
    if not math.isfinite(value):
        raise _ShapeError(loc, "must be a finite number")
    return float(value)


def _string_or_null(value: Any, loc: tuple[int | str, ...]) -> str | None:
    return None if value is None else str(_typed(value, loc, str, "a string or null"))


def _violations(value: Any, loc: tuple[int | str, ...]) -> tuple[Violation, ...]:
    found = []
    for index, item in enumerate(_typed(value, loc, list, "an array")):
        where = (*loc, index)
        _typed(item, where, dict, "an object")
        _keys(item, VIOLATION_KEYS, where)
        texts = {
            key: _typed(item[key], (*where, key), str, "a string")
            for key in ("code", "message", "rule", "severity")
        }
        extra = {key: item[key] for key in item if key not in VIOLATION_KEYS}
        found.append(
            Violation(observed=item["observed"], threshold=item["threshold"], extra=extra, **texts)
        )
    return tuple(found)


def _decision(raw: Mapping[str, Any]) -> Decision:
    unknown = [key for key in raw if key not in DECISION_KEYS]
    if unknown:
        raise _ShapeError((unknown[0],), "unknown field")
    _keys(raw, DECISION_KEYS, ())
    gate = raw["gate"]
    if type(gate) is not str or gate not in GATE_ACTIONS:
        raise _ShapeError(("gate",), f"must be one of {', '.join(GATE_ACTIONS)}, got {gate!r}")
    authority = _typed(raw["authority"], ("authority",), list, "an array")
    return Decision(
        gate=gate,
        allow=_typed(raw["allow"], ("allow",), bool, "true or false"),
        action=_typed(raw["action"], ("action",), str, "a string"),
        violations=_violations(raw["violations"], ("violations",)),
        warnings=_violations(raw["warnings"], ("warnings",)),
        authority=tuple(
            _typed(role, ("authority", index), str, "a string")
            for index, role in enumerate(authority)
        ),
        decision_window_minutes=_number_or_null(
            raw["decision_window_minutes"], ("decision_window_minutes",)
        ),
        default_action=_string_or_null(raw["default_action"], ("default_action",)),
    )


def parse_decision(raw: Any, expected_gate: str | None = None) -> Decision:
    """Check an engine's raw answer and return it as a :class:`Decision`.

    Raises ``EngineError`` when a key is missing, unknown or of the wrong type, when
    the action does not belong to the gate, or when ``allow`` contradicts the action.
    """
    if not isinstance(raw, Mapping):
        raise EngineError(f"engine result: must be a decision object, got {json_type(raw)}")
    try:
        decision = _decision(raw)
    except _ShapeError as exc:
        raise EngineError(f"engine result is not a decision: {exc}") from None
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
