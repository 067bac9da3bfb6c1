"""Waivers in force, expired and refused, as the policy itself judges them.

The audit does not re-implement the waiver rules: it asks OPA (``opa eval``) for
``data.gatekeeper.exceptions.status`` of every waiver at the audit's time, with an
input inside the waiver's own scope (its version, profile and environment), and for
a rollout waiver once per column of the authority matrix (who may approve depends
on the phase), and for the policy's own words for each status
(``data.gatekeeper.exceptions.explanation``). A waiver refused for separation of
duties (approved by its owner, or by one person for a cell that needs several) is
flagged at every column where it is (docs/waivers.md "Separation of duties").
Without the ``opa`` binary the waivers are listed, not judged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gatekeeper.audit._process import run_tool
from gatekeeper.audit._tables import gatekeeper_data
from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._files import PolicySet

CATEGORIES = {
    "in_force": "in force",
    "expired": "expired",
    "out_of_scope": "expired",
    "malformed": "refused",
    "unwaivable": "refused",
    "unauthorized_approver": "refused",
    "self_approved": "refused",
    "one_person_two_roles": "refused",
    "no_evaluation_time": "refused",
}
SEPARATION_OF_DUTIES = ("self_approved", "one_person_two_roles")

_QUERY = (
    "[answer | some p in input.probes; probe := p.input; index := p.index;"
    " status := data.gatekeeper.exceptions.status[index] with input as probe;"
    " roles := data.gatekeeper.exceptions.required_roles(data.gatekeeper.waivers[index])"
    " with input as probe;"
    " why := data.gatekeeper.exceptions.explanation(data.gatekeeper.waivers[index], status)"
    " with input as probe;"
    ' answer := {"index": index, "column": p.column, "status": status, "roles": roles,'
    ' "why": why}]'
)


@dataclass
class WaiverStatus:
    """One waiver and how the policy judges it (per phase column for a rollout waiver)."""

    index: int
    waiver: Mapping[str, Any]
    statuses: dict[str, str] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def category(self) -> str:
        """``in force`` (at some phase), ``expired``, ``refused`` or ``not judged``."""
        if not self.statuses:
            return "not judged"
        categories = {CATEGORIES.get(s, "refused") for s in self.statuses.values()}
        for category in ("in force", "expired", "refused"):
            if category in categories:
                return category
        return "refused"

    @property
    def detail(self) -> str:
        """The status in words, by phase column when it differs."""
        if not self.statuses:
            return "not judged (opa not installed)"
        distinct = set(self.statuses.values())
        if len(distinct) == 1:
            return next(iter(distinct)).replace("_", " ")
        return "; ".join(
            f"{column}%: {status.replace('_', ' ')}" for column, status in self.statuses.items()
        )

    @property
    def flags(self) -> list[str]:
        """Separation-of-duties refusals in the policy's words, by phase column."""
        return [
            f"{column}%: {self.reasons.get(column, status)}"
            if column != "any"
            else self.reasons.get(column, status)
            for column, status in self.statuses.items()
            if status in SEPARATION_OF_DUTIES
        ]

    def why(self) -> list[str]:
        """Why the waiver is not applied, in the policy's words, once per distinct reason
        (separation-of-duties refusals are :attr:`flags`; a reason that only repeats its
        status, ``expired``, is left out)."""
        texts = [
            self.reasons.get(column, status)
            for column, status in self.statuses.items()
            if status != "in_force"
            and status not in SEPARATION_OF_DUTIES
            and self.reasons.get(column, status) != status.replace("_", " ")
        ]
        return list(dict.fromkeys(texts))

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        waiver = self.waiver
        approvers = waiver.get("approved_by")
        return {
            "id": str(waiver.get("id") or f"#{self.index}"),
            "code": waiver.get("code"),
            "gate": waiver.get("gate"),
            "scope": waiver.get("scope"),
            "owner": waiver.get("owner"),
            "reason": waiver.get("reason"),
            "expires_at": waiver.get("expires_at"),
            "approved_by": approvers if isinstance(approvers, list) else [approvers],
            "category": self.category,
            "status": self.detail,
            "required_roles": self.roles,
            "reasons": self.why(),
            "separation_of_duties": self.flags,
        }


def _probe(waiver: Any, now: str, column: str | None) -> dict[str, Any]:
    scope = waiver.get("scope") if isinstance(waiver, Mapping) else None
    scope = scope if isinstance(scope, Mapping) else {}
    probe: dict[str, Any] = {"gate": waiver.get("gate") if isinstance(waiver, Mapping) else None}
    probe["now"] = now
    if "version_id" in scope:
        probe["version"] = {"id": scope["version_id"]}
    for key in ("profile", "environment"):
        if key in scope:
            probe[key] = scope[key]
    if column is not None:
        probe["phase_percent"] = int(column)
    return probe


def _columns(data: Mapping[str, Any], waiver: Any) -> list[str | None]:
    if isinstance(waiver, Mapping) and waiver.get("gate") == "rollout":
        columns = (gatekeeper_data(data).get("authority") or {}).get("columns") or []
        return [str(c) for c in columns] or [None]
    return [None]


def judge_waivers(policy: PolicySet, now: str, opa_binary: str | None) -> list[WaiverStatus]:
    """Every waiver of ``data.gatekeeper.waivers`` with its status at ``now``."""
    waivers = gatekeeper_data(policy.data).get("waivers")
    if not isinstance(waivers, list) or not waivers:
        return []
    results = [WaiverStatus(i, w if isinstance(w, Mapping) else {}) for i, w in enumerate(waivers)]
    if opa_binary is None:
        return results
    probes = [
        {"index": i, "column": column or "", "input": _probe(w, now, column)}
        for i, w in enumerate(waivers)
        for column in _columns(policy.data, w)
    ]
    for answer in _evaluate(policy, opa_binary, probes):
        result = results[int(answer["index"])]
        column = str(answer.get("column") or "any")
        result.statuses[column] = str(answer.get("status", "malformed"))
        result.roles[column] = [str(r) for r in answer.get("roles") or []]
        result.reasons[column] = str(answer.get("why") or "")
    return results


def _evaluate(policy: PolicySet, opa_binary: str, probes: Sequence[Any]) -> list[dict[str, Any]]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gatekeeper-waivers-") as scratch:
        data_file = Path(scratch) / "data.json"
        data_file.write_text(json.dumps(dict(policy.data)), encoding="utf-8")
        input_file = Path(scratch) / "input.json"
        input_file.write_text(json.dumps({"probes": list(probes)}), encoding="utf-8")
        modules = [str(policy.root / name) for name in sorted(policy.modules)]
        command = [opa_binary, "eval", "--format", "json", "-i", str(input_file)]
        command += ["-d", str(data_file)]
        for module in modules:
            command += ["-d", module]
        completed = run_tool([*command, _QUERY], "audit waivers: opa eval", timeout=120)
    if completed.returncode != 0:
        problem = (completed.stderr or completed.stdout).strip()[:500]
        raise PolicyError(f"audit waivers: opa eval: {problem}")
    try:
        value = json.loads(completed.stdout)["result"][0]["expressions"][0]["value"]
    except (ValueError, KeyError, IndexError) as exc:
        raise PolicyError("audit waivers: opa eval gave no answer") from exc
    return [dict(v) for v in value]
