"""Which thresholds a rule reads, and the completeness checks of the phase-indexed tables.

Thresholds read (a text method, stated in the report): a rule reads a threshold of
its gate's profiles when its text names it - as a string literal (``threshold(
"shadow_requests")``, ``of_kind(checks, "sustained_above")`` names every check of
that kind) or as a key after ``thresholds.`` / ``checks.``, or, for a promotion
threshold, when it declares the code of a checklist row judged on it. A rule in a
``gatekeeper.promotion`` package reads promotion profiles, one in
``gatekeeper.rollout`` rollout profiles. A threshold read only through a helper
is credited to the helper, not to its callers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from gatekeeper.audit._source import Rule
from gatekeeper.audit._tables import Matrix, ThresholdItem

_LITERAL = re.compile(r'"([A-Za-z_][\w-]*)"')
_KEYED = re.compile(r'(?:thresholds|checks)(?:\.([A-Za-z_]\w*)|\["([^"]+)"\])')


def rule_gate(rule: Rule) -> str | None:
    """The gate whose profiles a rule reads (from its package), or None for libraries."""
    parts = rule.package.split(".")
    if (
        len(parts) >= 2
        and parts[0] == "gatekeeper"
        and parts[1] in ("promotion", "rollout", "approval")
    ):
        return parts[1]
    return None


def thresholds_read(rule: Rule, items: Sequence[ThresholdItem]) -> list[str]:
    """Paths of the thresholds ``rule`` names in its text (see the module docstring)."""
    gate = rule_gate(rule)
    if gate is None:
        return []
    text = "\n".join(d.text for d in rule.definitions)
    literals = set(_LITERAL.findall(text))
    keyed = {a or b for a, b in _KEYED.findall(text)}
    found: list[str] = []
    for item in items:
        if item.gate != gate:
            continue
        named = item.name in literals or item.name in keyed
        if named or (item.kind and item.kind in literals) or set(item.codes) & set(rule.codes):
            found.append(item.path)
    return found


@dataclass(frozen=True)
class CheckResult:
    """One completeness or conflict check: what was checked, whether it held, why not."""

    check: str
    subject: str
    ok: bool
    detail: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"check": self.check, "subject": self.subject, "ok": self.ok, "detail": self.detail}


def phase_mapping(subject: str, columns: Iterable[Any]) -> CheckResult:
    """Every phase 1..100 maps to exactly one column (the smallest column >= phase)."""
    raw = list(columns)
    problems: list[str] = []
    numbers = [c for c in raw if isinstance(c, int) and not isinstance(c, bool)]
    if len(numbers) != len(raw):
        problems.append(f"columns must be integers, got {raw}")
    if len(set(numbers)) != len(numbers):
        problems.append(f"duplicated column in {raw}: a phase would map to two columns")
    if any(c <= 0 or c > 100 for c in numbers):
        problems.append(f"columns must lie in 1..100, got {raw}")
    unmapped = [p for p in range(1, 101) if not any(c >= p for c in numbers)]
    if unmapped:
        problems.append(f"phases {unmapped[0]}..{unmapped[-1]} map to no column")
    mapping = {p: min(c for c in numbers if c >= p) for p in range(1, 101) if p not in unmapped}
    detail = "; ".join(problems) or _ranges(mapping)
    return CheckResult("phase-to-column", subject, not problems, detail)


def _ranges(mapping: dict[int, int]) -> str:
    spans: list[str] = []
    start = 1
    for phase in range(1, 101):
        if phase == 100 or mapping[phase + 1] != mapping[phase]:
            spans.append(f"{start}-{phase} -> {mapping[phase]}")
            start = phase + 1
    return ", ".join(spans)


def authority_cells(matrix: Matrix, trigger_types: Iterable[str]) -> list[CheckResult]:
    """Every (trigger type, column) cell names at least one role, each a non-empty string."""
    results: list[CheckResult] = []
    for row in sorted(set(matrix.rows) | set(trigger_types)):
        for column in matrix.columns:
            subject = f"authority[{row}][{column}]"
            cells = matrix.rows.get(row, {})
            roles = cells.get(column)
            if row not in matrix.rows:
                detail = f"trigger type {row} has no row"
            elif column not in cells:
                detail = "no role for this cell"
            elif not isinstance(roles, list) or not roles:
                detail = f"no role: {roles!r}"
            elif not all(isinstance(r, str) and r for r in roles):
                detail = f"a role is not a name: {roles!r}"
            elif len(set(roles)) != len(roles):
                detail = f"a role is named twice: {roles!r}"
            else:
                results.append(CheckResult("authority-cell", subject, True, " + ".join(roles)))
                continue
            results.append(CheckResult("authority-cell", subject, False, detail))
        results += _unknown_columns("authority-cell", f"authority[{row}]", matrix, row)
    return results


def _unknown_columns(check: str, subject: str, matrix: Matrix, row: str) -> list[CheckResult]:
    extra = sorted(set(matrix.rows.get(row, {})) - set(matrix.columns))
    return [CheckResult(check, subject, False, f"unknown columns {extra}")] if extra else []


def decision_cells(matrix: Matrix, actions: Iterable[str]) -> list[CheckResult]:
    """Every (condition, column) cell holds exactly one known action (and a window if manual)."""
    known = set(actions)
    results: list[CheckResult] = []
    for row in sorted(matrix.rows):
        cells = matrix.rows[row]
        for column in matrix.columns:
            subject = f"{matrix.name}[{row}][{column}]"
            if column not in cells:
                results.append(CheckResult("decision-cell", subject, False, "no action"))
                continue
            problem = _cell_problem(cells[column], known)
            text = matrix.cell_text(row, column)
            results.append(CheckResult("decision-cell", subject, problem is None, problem or text))
        results += _unknown_columns("decision-cell", f"{matrix.name}[{row}]", matrix, row)
    return results


def _cell_problem(cell: Any, known: set[str]) -> str | None:
    action: Any
    if isinstance(cell, str):
        action, window = cell, None
    elif isinstance(cell, dict):
        action = cell.get("action")
        window = cell.get("window_minutes", cell.get("decision_window_minutes"))
        if isinstance(action, list):
            return f"more than one action: {action}"
    elif isinstance(cell, list):
        return f"more than one action: {cell}" if len(cell) != 1 else _cell_problem(cell[0], known)
    else:
        return f"not an action: {cell!r}"
    if not isinstance(action, str) or action not in known:
        return f"unknown action {action!r}"
    if action == "manual_decision" and not (isinstance(window, int | float) and window > 0):
        return "manual decision without a decision window"
    default = cell.get("default_action") if isinstance(cell, dict) else None
    if action != "manual_decision" and (window is not None or default is not None):
        return f"{action} with a decision window or default action: contradictory"
    if default is not None and (default not in known or default == "manual_decision"):
        return f"default action {default!r} is not an automatic action"
    return None
