"""Tables rendered from the policy data itself: thresholds, profiles, the two matrices.

Nothing here is hand-copied: every row and cell is read from the merged data
document (``data.gatekeeper``) of the policy revision being audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaves of a JSON document as ``dotted.path -> value`` (arrays are leaves)."""
    if isinstance(value, Mapping) and value:
        leaves: dict[str, Any] = {}
        for key in sorted(value):
            path = f"{prefix}.{key}" if prefix else str(key)
            leaves.update(flatten(value[key], path))
        return leaves
    return {prefix: value}


def show(value: Any) -> str:
    """A short, stable text of a JSON value for tables."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " + ".join(value) if value else "(none)"
    return json.dumps(value, sort_keys=True)


def gatekeeper_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data.gatekeeper`` (empty when absent)."""
    root = data.get("gatekeeper")
    return dict(root) if isinstance(root, Mapping) else {}


@dataclass(frozen=True)
class ThresholdItem:
    """One threshold (promotion) or one check spec (rollout) of one profile.

    ``codes``: the codes of the profile's checklist rows judged on a promotion threshold.
    """

    path: str
    gate: str
    profile: str
    name: str
    kind: str | None
    value: Any
    codes: tuple[str, ...] = ()


# How a promotion checklist row's direction reads as a bound on its threshold.
BOUNDS = {"at_least": "at least", "at_most": "at most", "less_than": "below"}


def checklist(spec: Any) -> list[Mapping[str, Any]]:
    """The rows of a promotion profile's ``checklist`` (empty when absent)."""
    rows = spec.get("checklist") if isinstance(spec, Mapping) else None
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def checklist_row(spec: Any, threshold: str) -> Mapping[str, Any]:
    """The first checklist row judged on ``threshold`` (empty when none is)."""
    return next((row for row in checklist(spec) if row.get("threshold") == threshold), {})


def profile_specs(data: Mapping[str, Any]) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """``(gate, profile, spec)`` of every profile under ``data.gatekeeper.profiles``, sorted."""
    profiles = gatekeeper_data(data).get("profiles") or {}
    for gate in sorted(profiles):
        for profile in sorted(profiles[gate] or {}):
            spec = profiles[gate][profile]
            if isinstance(spec, Mapping):
                yield gate, profile, spec


def threshold_items(data: Mapping[str, Any]) -> list[ThresholdItem]:
    """Every threshold of every profile: promotion ``thresholds.*``, rollout ``checks.*``."""
    items: list[ThresholdItem] = []
    for gate, profile, spec in profile_specs(data):
        for section in ("thresholds", "checks"):
            table = spec.get(section)
            if not isinstance(table, Mapping):
                continue
            for name in sorted(table):
                value = table[name]
                kind = value.get("kind") if isinstance(value, Mapping) else None
                codes = tuple(
                    str(row.get("code"))
                    for row in checklist(spec)
                    if section == "thresholds" and row.get("threshold") == name
                )
                items.append(
                    ThresholdItem(
                        path=f"profiles.{gate}.{profile}.{section}.{name}",
                        gate=gate,
                        profile=profile,
                        name=name,
                        kind=str(kind) if kind is not None else None,
                        value=value,
                        codes=codes,
                    )
                )
    return items


@dataclass
class Table:
    """A titled table: headers and rows of text cells."""

    title: str
    headers: list[str]
    rows: list[list[str]]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"title": self.title, "headers": self.headers, "rows": self.rows}


@dataclass
class ProfileTable:
    """One profile of one gate as tables: its checks or thresholds with units, its settings."""

    gate: str
    profile: str
    description: str
    source: str
    tables: list[Table]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def _promotion_tables(spec: Mapping[str, Any]) -> list[Table]:
    from gatekeeper.audit._words import with_unit

    rows = []
    for name, value in (spec.get("thresholds") or {}).items():
        row = checklist_row(spec, name)
        bound = BOUNDS.get(str(row.get("direction")), "")
        note = "tighter input values apply; looser ones are ignored"
        rows.append([name, with_unit(value, row.get("unit")), bound, note])
    checks = [
        [str(row.get("code")), str(row.get("checks", "")), str(row.get("threshold", ""))]
        for row in checklist(spec)
    ]
    settings = [["decided by", show(spec.get("authority") or [])]]
    settings += [
        ["primary metric", f"{row.get('metric')} ({row.get('delta_field')}, {row.get('field')})"]
        for row in checklist(spec)
        if row.get("kind") == "significance"
    ]
    return [
        Table("Thresholds", ["threshold", "value", "bound", "input thresholds"], rows),
        Table("Checklist", ["code", "checks", "threshold"], checks),
        Table("Settings", ["setting", "value"], settings),
    ]


def _rollout_tables(spec: Mapping[str, Any]) -> list[Table]:
    from gatekeeper.audit._words import cell_text, condition, number, with_unit

    rows_spec = (spec.get("matrix") or {}).get("rows") or {}
    rows = []
    by_environment: dict[str, dict[str, str]] = {}
    for name, check in (spec.get("checks") or {}).items():
        if not isinstance(check, Mapping):
            continue
        row = rows_spec.get(check.get("row")) if check.get("row") else None
        action = "decision matrix row" if isinstance(row, Mapping) else cell_text(check.get("cell"))
        codes = " / ".join(str(check[k]) for k in ("code", "warning_code") if k in check)
        rows.append([name, codes, condition(check), action, str(check.get("severity", ""))])
        limit = check.get("limit")
        if isinstance(limit, Mapping) and isinstance(limit.get("by_environment"), Mapping):
            unit = check.get("delta_unit") or check.get("unit")
            for env, value in limit["by_environment"].items():
                by_environment.setdefault(str(check.get("label", name)), {})[str(env)] = (
                    f"> {with_unit(value, unit)}"
                )
    tables = [Table("Checks", ["check", "code", "fires when", "action", "severity"], rows)]
    if by_environment:
        environments = sorted({env for limits in by_environment.values() for env in limits})
        env_rows = [
            [label, *(limits.get(env, "") for env in environments)]
            for label, limits in by_environment.items()
        ]
        tables.append(Table("Thresholds by environment", ["metric", *environments], env_rows))
    observation = spec.get("observation") or {}
    minutes = observation.get("minutes") or {}
    settings = [
        ["phase columns", ", ".join(f"{number(c)}%" for c in spec.get("columns") or [])],
        ["interval (default)", f"{number(spec.get('interval_seconds_default'))} s"],
        [
            "observed before stepping up",
            "; ".join(f"{c}%: {number(m)} min" for c, m in minutes.items())
            + (f" of {observation.get('series')}" if observation.get("series") else ""),
        ],
    ]
    return [*tables, Table("Settings", ["setting", "value"], settings)]


def profile_tables(data: Mapping[str, Any]) -> list[ProfileTable]:
    """One set of tables per profile of every gate under ``data.gatekeeper.profiles``."""
    return [
        ProfileTable(
            gate,
            profile,
            str(spec.get("description", "")),
            str(spec.get("source", "")),
            _promotion_tables(spec) if gate == "promotion" else _rollout_tables(spec),
        )
        for gate, profile, spec in profile_specs(data)
    ]


@dataclass
class Matrix:
    """A phase-indexed table: one row per condition or trigger type, one cell per column."""

    name: str
    title: str
    source: str
    columns: list[str]
    rows: dict[str, dict[str, Any]]
    row_labels: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def cell_text(self, row: str, column: str) -> str:
        """Display text of one cell (empty when missing)."""
        if column not in self.rows.get(row, {}):
            return ""
        return self.describe(self.rows[row][column])

    @staticmethod
    def describe(cell: Any) -> str:
        """The text of one cell's value."""
        return show(cell)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def column_keys(columns: Any) -> list[str]:
    """Columns as the string keys used in data tables (``[5, 25]`` -> ``["5", "25"]``)."""
    if not isinstance(columns, list):
        return []
    return [str(c) for c in columns]


def authority_matrix(data: Mapping[str, Any]) -> Matrix | None:
    """``data.gatekeeper.authority``: roles by trigger type and phase column."""
    authority = gatekeeper_data(data).get("authority")
    if not isinstance(authority, Mapping):
        return None
    columns = column_keys(authority.get("columns"))
    matrix = authority.get("matrix")
    rows = {str(k): dict(v) for k, v in (matrix or {}).items() if isinstance(v, Mapping)}
    notes = [
        f"{trigger_type}: {show(roles)} at any phase"
        for trigger_type, roles in sorted((authority.get("any_phase") or {}).items())
    ]
    return Matrix(
        name="authority",
        title="Decision-authority matrix (who decides, by trigger type and phase)",
        source="data.gatekeeper.authority",
        columns=columns,
        rows=rows,
        notes=notes,
    )


def duplicate_keys(path: Path) -> list[str]:
    """Keys defined twice in one JSON object of a data file (json.loads keeps only the last)."""
    found: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                found.append(key)
            seen.add(key)
        return dict(pairs)

    if path.suffix == ".json":
        json.loads(path.read_text("utf-8"), object_pairs_hook=hook)
    return found
