"""Decision-log evidence: the hash chain verified, decisions summarised by gate, action, digest.

The chain is checked by the decision log's own :func:`gatekeeper.decision_log.verify_log`;
this module only reads the records to summarise them and to flag every decision made
under a policy digest other than the one in force.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gatekeeper._exceptions import DecisionLogError


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

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


def log_evidence(path: Path, current_digest: str) -> LogEvidence:
    """Verify the log at ``path`` and summarise its decisions against ``current_digest``."""
    from gatekeeper.decision_log import verify_log

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
    return evidence
