"""What a scenario asked the gate and what it answered, kept on the test item.

The coverage collector reads these records after each scenario to know which
gate (and profile) the scenario exercised and on which engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

RECORDS = pytest.StashKey[list["DecisionRecord"]]()


@dataclass(frozen=True)
class DecisionRecord:
    """One decision of one scenario: the engine, the input and the decision."""

    engine: str
    document: dict[str, Any]
    decision: dict[str, Any]

    @property
    def gate(self) -> str:
        return str(self.decision.get("gate", self.document.get("gate", "")))

    @property
    def profile(self) -> str | None:
        if self.gate != "rollout":
            return None
        return str(self.document.get("profile", "decision-matrix"))


def records_of(node: pytest.Item | Any) -> list[DecisionRecord]:
    """The records of ``node`` (created empty on first use)."""
    records: list[DecisionRecord] = node.stash.setdefault(RECORDS, [])
    return records
