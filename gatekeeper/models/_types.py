"""Value types shared by the input models: strict numbers with a range and a unit.

Every type is strict (a number given as a string is refused, NaN and Infinity are
refused) and carries its range in the JSON Schema, so ``gatekeeper schema`` and the
README say the same as the validator.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

UNIT_KEY = "x-unit"


def _refused(kind: str, message: str, bad: Callable[[float], bool]) -> AfterValidator:
    """A validator refusing every number ``bad`` holds true of, as ``kind``."""

    def check(value: float) -> float:
        if bad(value):
            raise PydanticCustomError(kind, message)
        return value

    return AfterValidator(check)


_non_negative = _refused("non_negative", "must be >= 0", lambda v: v < 0)


def _whole(value: Any) -> Any:
    """Accept ``3.0`` for a count (JSON writers differ); refuse ``3.5``."""
    if isinstance(value, float) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):
            return value  # left to the finite-number check
        if not value.is_integer():
            raise PydanticCustomError("whole_number", "must be a whole number")
        return int(value)
    return value


Rate = Annotated[
    float,
    _refused("rate_range", "must be within [0, 1]", lambda v: not 0.0 <= v <= 1.0),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
]
"""A rate, share or probability within [0, 1] (0.005 = 0.5%)."""

NonNegative = Annotated[float, _non_negative, WithJsonSchema({"type": "number", "minimum": 0})]
"""A measurement that cannot be negative (a latency, a cost, a score)."""

Positive = Annotated[
    float,
    _refused("positive", "must be > 0", lambda v: v <= 0),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0}),
]
"""A strictly positive number (an interval length)."""

SignedFraction = Annotated[
    float,
    _refused("fraction_range", "must be within [-1, 1]", lambda v: not -1.0 <= v <= 1.0),
    WithJsonSchema({"type": "number", "minimum": -1, "maximum": 1}),
]
"""A change expressed as a fraction, within [-1, 1] (0.03 = +3 points / +3%)."""

RelativeChange = Annotated[
    float,
    _refused("relative_change_range", "must be >= -1 (a fall of 100%)", lambda v: v < -1.0),
    WithJsonSchema({"type": "number", "minimum": -1}),
]
"""A relative change, >= -1 (0.05 = 5% more, -0.1 = 10% less)."""

Count = Annotated[
    int,
    BeforeValidator(_whole),
    _non_negative,
    WithJsonSchema({"type": "integer", "minimum": 0}),
]
"""A count: a whole number >= 0 (``3.0`` is accepted as 3)."""

Phase = Annotated[
    float,
    _refused("phase_range", "must be within (0, 100]", lambda v: not 0.0 < v <= 100.0),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 100}),
]
"""A traffic share in percent, within (0, 100]."""


def evidence(description: str, unit: str | None = None) -> Any:
    """An optional field: when absent, the policy judges the absence (``MISSING_EVIDENCE``)."""
    extra: dict[str, Any] = {UNIT_KEY: unit} if unit else {}
    return Field(default=None, description=description, json_schema_extra=extra or None)


class InputModel(BaseModel):
    """Base of every input model: strict, finite, unknown keys allowed, no explicit nulls.

    Unknown keys are allowed because inputs come from many tools that add their own
    context; they reach the policy untouched and are never read by it. A misspelt
    optional field therefore counts as absent evidence, which the policy denies
    (``MISSING_EVIDENCE``): fail closed. ``null`` is refused for a known field
    because Rego orders ``null`` below every number (``null < 0.5`` is true), so a
    null could pass a comparison; omit the field when there is no evidence.
    """

    model_config = ConfigDict(
        strict=True,
        extra="allow",
        allow_inf_nan=False,
        populate_by_name=False,
        defer_build=True,
    )

    @field_validator("*", mode="before")
    @classmethod
    def _no_null(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError(
                "null_value", "must not be null (omit the field when there is no evidence)"
            )
        return _as_float(value)


def _as_float(value: Any) -> Any:
    """Exact numbers (``Decimal``, as read from the file) checked as floats.

    The model only validates: the policy receives the document with its exact
    numbers, so a rounding here never changes a decision.
    """
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {key: _as_float(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_float(item) for item in value]
    return value
