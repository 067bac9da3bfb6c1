"""The rollout decision matrices, read from each rollout profile's ``matrix.rows``.

Layout (``data.gatekeeper.profiles.rollout[<profile>]``)::

    columns: [5, 25, 50, 100]
    matrix.rows[<condition>] = {label, trigger_type, cells: {"5": {action, window_minutes,
                                default_action}, ...}}
    checks[<name>] = {kind, row: <condition>, code, ...}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from gatekeeper.audit._checks import CheckResult
from gatekeeper.audit._tables import Matrix, column_keys, gatekeeper_data, profile_specs
from gatekeeper.audit._words import cell_text

_DECISION_CELL = re.compile(r"^profiles\.rollout\.[^.]+\.matrix\.rows\.[^.]+\.cells\.")
_AUTHORITY_CELL = re.compile(r"^authority\.(matrix|any_phase)\.")


def classify_path(path: str) -> str:
    """Kind of a changed data leaf: decision/authority-matrix cell, threshold, setting."""
    if _DECISION_CELL.match(path):
        return "decision-matrix cell"
    if _AUTHORITY_CELL.match(path):
        return "authority-matrix cell"
    if path.startswith("profiles."):
        return "threshold"
    return "setting"


class DecisionMatrix(Matrix):
    """A rollout profile's decision matrix; cells are described, not dumped."""

    @staticmethod
    def describe(cell: Any) -> str:
        """``manual_decision (5 min, then auto_rollback)`` or the action alone."""
        return cell_text(cell)


def _rollout_matrices(data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for gate, name, spec in profile_specs(data):
        if gate == "rollout" and isinstance(spec.get("matrix"), Mapping):
            yield name, spec


def decision_matrices(data: Mapping[str, Any]) -> list[Matrix]:
    """One matrix per rollout profile that has ``matrix.rows``."""
    matrices: list[Matrix] = []
    for name, spec in _rollout_matrices(data):
        rows_spec = spec["matrix"].get("rows") or {}
        rows: dict[str, dict[str, Any]] = {}
        labels: dict[str, str] = {}
        for row, row_spec in rows_spec.items():
            cells = row_spec.get("cells") if isinstance(row_spec, Mapping) else None
            rows[str(row)] = dict(cells) if isinstance(cells, Mapping) else {}
            if isinstance(row_spec, Mapping):
                trigger_type = row_spec.get("trigger_type")
                labels[str(row)] = f"{row_spec.get('label', row)} [{trigger_type}]"
        matrices.append(
            DecisionMatrix(
                name=name,
                title=f"Decision matrix of rollout profile {name} (action by canary phase)",
                source=f"data.gatekeeper.profiles.rollout[{name!r}].matrix",
                columns=column_keys(spec.get("columns")),
                rows=rows,
                row_labels=labels,
            )
        )
    return matrices


def matrix_consistency(data: Mapping[str, Any]) -> list[CheckResult]:
    """Rows and checks agree: every row fires from a check, every check's row exists,
    and every row's trigger type has a row in the authority matrix."""
    root = gatekeeper_data(data)
    authority_rows = set(((root.get("authority") or {}).get("matrix") or {}).keys())
    authority_rows |= set(((root.get("authority") or {}).get("any_phase") or {}).keys())
    results: list[CheckResult] = []
    for name, spec in _rollout_matrices(data):
        rows = spec["matrix"].get("rows") or {}
        checks = spec.get("checks") or {}
        fired = {c.get("row") for c in checks.values() if isinstance(c, Mapping)}
        for row in sorted(rows):
            subject = f"{name}[{row}]"
            if row not in fired:
                results.append(CheckResult("matrix-row", subject, False, "no check fires this row"))
            trigger_type = (rows[row] or {}).get("trigger_type")
            if trigger_type not in authority_rows:
                results.append(
                    CheckResult(
                        "matrix-row",
                        subject,
                        False,
                        f"trigger type {trigger_type!r} has no authority row",
                    )
                )
        for check_name, check in sorted(checks.items()):
            row = check.get("row") if isinstance(check, Mapping) else None
            if row is not None and row not in rows:
                results.append(
                    CheckResult(
                        "matrix-row",
                        f"{name}.checks.{check_name}",
                        False,
                        f"check names row {row!r}, which the matrix lacks",
                    )
                )
        if not results or all(r.ok for r in results if r.subject.startswith(name)):
            results.append(
                CheckResult("matrix-row", name, True, f"{len(rows)} rows, each fired by a check")
            )
    return results
