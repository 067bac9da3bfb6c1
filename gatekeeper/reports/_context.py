"""What a report shows: one decision and where it came from."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gatekeeper.models import Decision


@dataclass(frozen=True)
class Report:
    """One decision with its provenance, as every formatter receives it."""

    decision: Decision
    raw: Mapping[str, Any]
    decision_id: str
    time: str
    exit_code: int
    source: str
    engine: str
    engine_version: str
    policy_revision: str
    policy_digest: str
    minutes_pending: float | None = None

    @property
    def verdict(self) -> str:
        """``GO``, ``BLOCKED`` or ``UNDECIDED`` (from the exit code)."""
        return {0: "GO", 1: "BLOCKED"}.get(self.exit_code, "UNDECIDED")

    @property
    def minutes_left(self) -> float | None:
        """Minutes left in the decision window (window minus time already pending)."""
        window = self.decision.decision_window_minutes
        if window is None:
            return None
        return max(0.0, window - (self.minutes_pending or 0.0))

    @property
    def deadline(self) -> str | None:
        """UTC time by which the named role must decide, if there is a window."""
        left = self.minutes_left
        if left is None:
            return None
        start = datetime.fromisoformat(self.time.replace("Z", "+00:00"))
        moment = start + timedelta(minutes=left)
        return moment.isoformat(timespec="seconds").replace("+00:00", "Z")

    def as_json_object(self) -> dict[str, Any]:
        """The decision object (SPEC 5 keys, in order) plus id, policy and engine."""
        from gatekeeper.models import DECISION_KEYS

        result: dict[str, Any] = {key: self.raw[key] for key in DECISION_KEYS}
        result.update(
            decision_id=self.decision_id,
            time=self.time,
            policy_revision=self.policy_revision,
            policy_digest=self.policy_digest,
            engine=self.engine,
            engine_version=self.engine_version,
        )
        return result


def show_value(value: Any) -> str:
    """A value as people read it: numbers and strings plain, everything else as JSON."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)
