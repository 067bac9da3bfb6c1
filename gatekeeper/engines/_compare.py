"""Compare two engines' decisions: sets canonicalised, numbers with a tolerance.

Rego sets and the lists built from them have no order an engine must keep, and
engines print floating-point numbers differently (``0.30000000000000004`` vs
``0.3``). :func:`canonical_decision` sorts the unordered lists; and
:func:`decision_differences` names each place where two decisions differ.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

UNORDERED_KEYS = ("violations", "warnings", "authority")
DEFAULT_REL_TOLERANCE = 1e-9
DEFAULT_ABS_TOLERANCE = 1e-12


def canonical_decision(decision: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``decision`` with violations, warnings and authority sorted."""
    result = dict(decision)
    for key in UNORDERED_KEYS:
        value = result.get(key)
        if isinstance(value, list):
            result[key] = sorted(value, key=_sort_key)
    return result


def decision_differences(
    left: Mapping[str, Any],
    right: Mapping[str, Any],
    rel_tolerance: float = DEFAULT_REL_TOLERANCE,
    abs_tolerance: float = DEFAULT_ABS_TOLERANCE,
) -> list[str]:
    """Every path where the canonical decisions differ (empty when they agree)."""
    differences: list[str] = []
    _diff(
        canonical_decision(left),
        canonical_decision(right),
        "decision",
        differences,
        (rel_tolerance, abs_tolerance),
    )
    return differences


def _diff(a: Any, b: Any, path: str, out: list[str], tol: tuple[float, float]) -> None:
    if _is_number(a) and _is_number(b):
        if not math.isclose(float(a), float(b), rel_tol=tol[0], abs_tol=tol[1]):
            out.append(f"{path}: {a!r} != {b!r}")
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                out.append(f"{path}.{key}: only in {'right' if key not in a else 'left'}")
                continue
            _diff(a[key], b[key], f"{path}.{key}", out, tol)
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items != {len(b)} items")
            return
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            _diff(x, y, f"{path}[{index}]", out, tol)
        return
    if type(a) is not type(b) or a != b:
        out.append(f"{path}: {a!r} != {b!r}")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sort_key(value: Any) -> str:
    return json.dumps(_round_numbers(value), sort_keys=True)


def _round_numbers(value: Any) -> Any:
    """Numbers rounded to 9 significant digits, so float noise does not change sort order."""
    if _is_number(value):
        return float(f"{float(value):.9g}")
    if isinstance(value, dict):
        return {key: _round_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_round_numbers(item) for item in value]
    return value
