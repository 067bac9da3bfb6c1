"""Plain words for the auditor: numbers with their units, and what a check tests.

Units come from the policy data (a rollout check's ``unit`` and ``delta_unit``, a
promotion checklist row's ``unit``). Nothing here decides anything: it only words
what the data says.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def number(value: Any) -> str:
    """``0.05`` -> ``0.05``, ``3000`` -> ``3000``, ``1.0`` -> ``1``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}"


def with_unit(value: Any, unit: str | None) -> str:
    """A value in its unit: fractions named ``percent`` shown as ``0.5%``, ``pp`` as points."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    if unit == "percent":
        return f"{number(round(value * 100, 6))}%"
    if unit == "pp":
        return f"{number(round(value * 100, 6))} pp"
    if unit in (None, "", "score", "amount", "count"):
        return number(value)
    return f"{number(value)} {unit}"


def limit_text(limit: Any, unit: str | None) -> str:
    """A check's ``limit`` object in words."""
    if not isinstance(limit, Mapping):
        return with_unit(limit, unit)
    if "by_environment" in limit:
        by_env = limit["by_environment"]
        return ", ".join(f"{env} {with_unit(v, unit)}" for env, v in by_env.items())
    if "baseline" in limit:
        return f"baseline ({limit['baseline']}) + {number(limit.get('increase_percent'))}%"
    if "percent_of_baseline" in limit:
        return f"{number(limit['percent_of_baseline'])}% of the baseline"
    if "field" in limit:
        return f"the input's {limit['field']}"
    value = with_unit(limit.get("value"), unit)
    if "multiplier" in limit:
        return f"{number(limit['multiplier'])} x {value}"
    return value


def _sustained(check: Mapping[str, Any]) -> str:
    minutes = check.get("minutes")
    return f" for {number(minutes)}+ min" if minutes is not None else ""


def _checklist(check: Mapping[str, Any]) -> str:
    items = []
    for item in check.get("items") or []:
        op = str(item.get("op", ""))
        if op == "equals_field":
            items.append(f"{item.get('item')} = {item.get('other')}")
        elif op == "below":
            items.append(f"{item.get('item')} < {number(item.get('value'))}")
        else:
            items.append(f"{item.get('item')} = {item.get('value')}")
    return "after a rollback, every item holds: " + "; ".join(items)


def condition(check: Mapping[str, Any]) -> str:
    """What a rollout check fires on, in words, with the thresholds and their units."""
    kind = str(check.get("kind", ""))
    label = str(check.get("label", kind))
    unit = check.get("unit")
    limit = limit_text(check.get("limit"), check.get("delta_unit") or unit)
    if kind == "sustained_above":
        return f"{label} > {limit}{_sustained(check)}"
    if kind == "group_sustained_above":
        metrics = " or ".join(str(m) for m in check.get("metrics") or [])
        return f"any {check.get('member_key', label)} {metrics} > {limit}{_sustained(check)}"
    if kind == "flags":
        return f"any {label} fails"
    if kind in ("delta", "group_delta"):
        scope = "any bucket's " if kind == "group_delta" else ""
        text = f"{scope}{label} {check.get('direction', 'change')} > {limit} against the baseline"
        if "warn_percent" in check:
            text += f"; a warning from {number(check['warn_percent'])}% of the threshold"
        return text
    if kind == "trailing_false":
        return f"{number(check.get('consecutive'))} consecutive failed {label}"
    if kind == "latest":
        word = "<" if check.get("compare") == "below" else ">"
        return f"latest {label} {word} {limit}"
    if kind == "reported":
        return f"{label} reported by a person"
    if kind == "count_below":
        return (
            f"{label} < {limit} in more than {number(check.get('failure_limit'))} "
            "one-minute measurements"
        )
    if kind == "matches":
        return f"{label} is {' or '.join(str(v) for v in check.get('values') or [])}"
    if kind == "rollback_target":
        return (
            "no rollback target (previous production version or the named one, "
            f"not deprecated or quarantined); warn below {number(check.get('min_candidates'))} "
            "candidates"
        )
    if kind == "checklist":
        return _checklist(check)
    return label


def cell_text(cell: Any) -> str:
    """``manual_decision (5 min, then auto_rollback)`` or the action alone."""
    if not isinstance(cell, Mapping):
        return str(cell)
    action = str(cell.get("action"))
    window = cell.get("window_minutes")
    default = cell.get("default_action")
    if window is not None and default:
        return f"{action} ({number(window)} min, then {default})"
    if window is not None:
        return f"{action} ({number(window)} min)"
    return action
