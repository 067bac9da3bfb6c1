"""The cells of the decision matrix and the decision-authority matrix, read from policy data.

A cell is one (row, column) of a matrix: ``decision:critical_error_rate@25`` is
"error rate > 0.5% at the 25% column" of the rollout profile ``decision-matrix``;
``authority:quality@50`` is "quality gates at 50%". The list comes from the
policy data in force (``data.gatekeeper.profiles.rollout["decision-matrix"].matrix``
and ``data.gatekeeper.authority.matrix``), never from a copy in code, so adding a
row or a column to the data adds cells that scenarios must prove.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gatekeeper.models._contract import DEFAULT_ROLLOUT_PROFILE
from gatekeeper.models._exceptions import PolicyError

DECISION = "decision"
AUTHORITY = "authority"


@dataclass(frozen=True, order=True)
class Cell:
    """One cell: which matrix, its row key and column, and what the data says it holds."""

    matrix: str
    row: str
    column: int
    row_label: str
    expected: str

    @property
    def key(self) -> str:
        """``decision:gate_failure@25``."""
        return f"{self.matrix}:{self.row}@{self.column}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "matrix": self.matrix,
            "row": self.row,
            "column": self.column,
            "row_label": self.row_label,
            "expected": self.expected,
        }


def column_for(percent: float, columns: Sequence[int]) -> int | None:
    """The smallest column >= ``percent`` (1 -> 5, 10 -> 25, 30 -> 50, 75 -> 100)."""
    eligible = [c for c in sorted(columns) if c >= percent]
    return eligible[0] if eligible and percent > 0 else None


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PolicyError(f"policy data {where} is missing or not an object")
    return value


def _columns(value: Any, where: str) -> list[int]:
    if not isinstance(value, list) or not all(isinstance(c, int) for c in value):
        raise PolicyError(f"policy data {where} must be a list of whole percentages")
    return sorted(value)


def decision_matrix(data: Mapping[str, Any], profile: str = DEFAULT_ROLLOUT_PROFILE) -> Any:
    """The rollout profile holding the decision matrix."""
    where = f'data.gatekeeper.profiles.rollout["{profile}"]'
    profiles = _mapping(data.get("gatekeeper", {}), "data.gatekeeper").get("profiles", {})
    rollout = _mapping(_mapping(profiles, "data.gatekeeper.profiles").get("rollout"), where)
    return _mapping(rollout.get(profile), where)


def decision_columns(data: Mapping[str, Any], profile: str = DEFAULT_ROLLOUT_PROFILE) -> list[int]:
    where = f'data.gatekeeper.profiles.rollout["{profile}"].columns'
    return _columns(decision_matrix(data, profile).get("columns"), where)


def decision_cells(data: Mapping[str, Any], profile: str = DEFAULT_ROLLOUT_PROFILE) -> list[Cell]:
    """Every (condition, column) cell of the rollout decision matrix."""
    source = decision_matrix(data, profile)
    where = f'data.gatekeeper.profiles.rollout["{profile}"].matrix.rows'
    rows = _mapping(_mapping(source.get("matrix"), where).get("rows"), where)
    cells: list[Cell] = []
    for column in decision_columns(data, profile):
        for row, spec in rows.items():
            spec = _mapping(spec, f"{where}.{row}")
            cell = _mapping(spec.get("cells", {}), f"{where}.{row}.cells").get(str(column))
            cells.append(
                Cell(DECISION, row, column, str(spec.get("label", row)), _describe_action(cell))
            )
    return sorted(cells, key=lambda c: (list(rows).index(c.row), c.column))


def _describe_action(cell: Any) -> str:
    if not isinstance(cell, Mapping):
        return "(no cell in the data)"
    action = str(cell.get("action"))
    window = cell.get("window_minutes")
    return f"{action} ({window} min)" if window is not None else action


def authority_source(data: Mapping[str, Any]) -> Mapping[str, Any]:
    return _mapping(
        _mapping(data.get("gatekeeper", {}), "data.gatekeeper").get("authority"),
        "data.gatekeeper.authority",
    )


def authority_columns(data: Mapping[str, Any]) -> list[int]:
    return _columns(authority_source(data).get("columns"), "data.gatekeeper.authority.columns")


def authority_cells(data: Mapping[str, Any]) -> list[Cell]:
    """Every (trigger type, column) cell of the decision-authority matrix."""
    matrix = _mapping(authority_source(data).get("matrix"), "data.gatekeeper.authority.matrix")
    cells: list[Cell] = []
    for row, by_column in matrix.items():
        by_column = _mapping(by_column, f"data.gatekeeper.authority.matrix.{row}")
        for column in authority_columns(data):
            roles = by_column.get(str(column))
            expected = " + ".join(roles) if isinstance(roles, list) else "(no cell in the data)"
            cells.append(Cell(AUTHORITY, row, column, row, expected))
    return cells


def all_cells(data: Mapping[str, Any]) -> list[Cell]:
    """The decision-matrix cells, then the authority cells."""
    return [*decision_cells(data), *authority_cells(data)]


def normalise(phrase: str) -> str:
    """``"Critical error rate"`` -> ``critical_error_rate``."""
    return re.sub(r"[^a-z0-9@]+", "_", phrase.strip().lower()).strip("_")


def decision_row_for(data: Mapping[str, Any], condition: str) -> str | None:
    """The decision-matrix row a plain-language condition names (by key or by label)."""
    source = decision_matrix(data)
    rows = source.get("matrix", {}).get("rows", {})
    wanted = normalise(condition)
    for row, spec in rows.items():
        label = spec.get("label", "") if isinstance(spec, Mapping) else ""
        if wanted in (normalise(row), normalise(str(label))):
            return str(row)
    return None


AUTHORITY_ALIASES = {
    "automated_trigger": "automated",
    "performance_gate_failure": "performance",
    "performance_gate": "performance",
    "performance_gates": "performance",
    "quality_gate": "quality",
    "quality_gates": "quality",
    "business_impact": "business",
}


def authority_row_for(data: Mapping[str, Any], trigger_type: str) -> str | None:
    """The authority-matrix row a plain-language trigger type names."""
    matrix = authority_source(data).get("matrix", {})
    wanted = normalise(trigger_type)
    wanted = AUTHORITY_ALIASES.get(wanted, wanted)
    return wanted if wanted in matrix else None
