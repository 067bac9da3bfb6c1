"""Decision-log evidence: the hash chain verified, decisions summarised by gate, action, digest.

The chain is checked by the decision log's own :func:`gatekeeper.log._decision_log.verify_log`;
this module only reads the records to summarise them and to flag every decision made
under a policy digest other than the one in force. The period of the audit (from the
``--since`` revision's commit time, else the whole log) counts decisions by outcome,
overrides (approval decisions ``override``, read from a logged input when the record
keeps one), expired decision windows (``DECISION_WINDOW_EXPIRED``) and waived decisions.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gatekeeper.models._exceptions import DecisionLogError


@dataclass
class LogEvidence:
    """What the decision log shows about the decisions taken."""

    path: str
    chain_ok: bool
    records: int
    problem: str | None
    problem_line: int | None
    by_gate: dict[str, int] = field(default_factory=dict)
    by_action: dict[str, int] = field(default_factory=dict)
    by_policy_digest: dict[str, int] = field(default_factory=dict)
    other_digest: list[dict[str, Any]] = field(default_factory=list)
    period: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


_OUTCOMES = {0: "allowed", 1: "blocked", 2: "undecided"}


def _codes(decision: dict[str, Any], kind: str) -> set[str]:
    items = decision.get(kind)
    return (
        {str(i.get("code")) for i in items if isinstance(i, dict)}
        if isinstance(items, list)
        else set()
    )


class _Period:
    """Counts of the decisions whose time falls in the audit period."""

    def __init__(self, start: str | None) -> None:
        self.start = start
        self.outcomes: Counter[str] = Counter()
        self.actions: Counter[str] = Counter()
        self.overrides = 0
        self.inputs_logged = 0
        self.expired_windows: list[dict[str, Any]] = []
        self.waived = 0
        self.total = 0

    def add(self, record: dict[str, Any], decision: dict[str, Any], number: int) -> None:
        time = str(record.get("time", ""))
        if self.start and time < self.start:
            return
        self.total += 1
        exit_code = record.get("exit_code")
        outcome = _OUTCOMES.get(exit_code) if isinstance(exit_code, int) else None
        if outcome is None:
            outcome = "allowed" if decision.get("allow") is True else "blocked"
        self.outcomes[outcome] += 1
        self.actions[f"{record.get('gate', '?')}: {decision.get('action', '?')}"] += 1
        logged = record.get("input")
        if isinstance(logged, dict):
            self.inputs_logged += 1
            if record.get("gate") == "approval" and logged.get("decision") == "override":
                self.overrides += 1
        if "DECISION_WINDOW_EXPIRED" in _codes(decision, "violations"):
            self.expired_windows.append(
                {"line": number, "decision_id": record.get("decision_id"), "time": time}
            )
        if "WAIVED" in _codes(decision, "warnings"):
            self.waived += 1

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "decisions": self.total,
            "by_outcome": dict(sorted(self.outcomes.items())),
            "by_action": dict(sorted(self.actions.items())),
            "overrides": self.overrides if self.inputs_logged else None,
            "inputs_logged": self.inputs_logged,
            "expired_windows": self.expired_windows,
            "waived": self.waived,
        }


def log_evidence(path: Path, current_digest: str, period_start: str | None = None) -> LogEvidence:
    """Verify the log at ``path`` and summarise its decisions against ``current_digest``."""
    from gatekeeper.log._decision_log import verify_log

    if not path.is_file():
        raise DecisionLogError(f"--decision-log: file not found: {path}")
    verified = verify_log(path)
    evidence = LogEvidence(
        path=str(path),
        chain_ok=verified.ok,
        records=verified.records,
        problem=verified.problem,
        problem_line=verified.problem_line,
    )
    gates: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    digests: Counter[str] = Counter()
    period = _Period(period_start)
    for number, line in enumerate(path.read_bytes().splitlines(), start=1):
        try:
            record = json.loads(line)
        except ValueError:
            continue  # the chain check names the damaged line
        if not isinstance(record, dict):
            continue
        raw_decision = record.get("decision")
        decision: dict[str, Any] = raw_decision if isinstance(raw_decision, dict) else {}
        gate = str(record.get("gate", "?"))
        action = str(decision.get("action", "?"))
        digest = str(record.get("policy_digest", "?"))
        gates[gate] += 1
        period.add(record, decision, number)
        actions[action] += 1
        digests[digest] += 1
        if digest != current_digest:
            evidence.other_digest.append(
                {
                    "line": number,
                    "decision_id": record.get("decision_id"),
                    "time": record.get("time"),
                    "gate": gate,
                    "action": action,
                    "policy_digest": digest,
                    "policy_revision": record.get("policy_revision"),
                }
            )
    evidence.by_gate = dict(sorted(gates.items()))
    evidence.by_action = dict(sorted(actions.items()))
    evidence.by_policy_digest = dict(sorted(digests.items()))
    evidence.period = period.to_json()
    return evidence
