"""What a report shows: one decision (or why there is none) and where it came from."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from gatekeeper.models import Decision

_LONG_DECIMAL = re.compile(r"(?<![\w.])-?\d+\.\d{5,}(?:[eE][-+]?\d+)?(?![\w.])")


class RuleDoc(NamedTuple):
    """What the policy's METADATA says about one violation code."""

    code: str
    title: str
    description: str = ""
    field: str = ""
    """The input field the code's check reads (from the profile data), if one."""


class Report(NamedTuple):
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
    rules: Mapping[str, RuleDoc] = MappingProxyType({})

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
        """The decision object (its keys in order) plus id, policy and engine."""
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


class ErrorReport(NamedTuple):
    """No decision could be made (exit 2): the cause, for a report file that CI publishes."""

    message: str
    source: str
    time: str
    exit_code: int = 2

    @property
    def verdict(self) -> str:
        """Always ``UNDECIDED``."""
        return "UNDECIDED"


def verdict_line(report: Report) -> str:
    """One line for a console: gate, action, verdict, exit code and the number of findings."""
    decision = report.decision
    count = len(decision.violations)
    findings = f"{count} violation{'' if count == 1 else 's'}"
    return (
        f"gatekeeper: {decision.gate} gate: {decision.action} "
        f"({report.verdict}, exit {report.exit_code}), {findings}"
    )


def human_number(value: float) -> str:
    """A number as a person reads it: four significant digits, no float noise."""
    if isinstance(value, int) or not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1000:
        return f"{value:.1f}".removesuffix(".0")
    return f"{value:.4g}"


def humanize_text(text: str) -> str:
    """``ran 1.037023611134953 hours`` -> ``ran 1.037 hours`` (long decimals only)."""
    return _LONG_DECIMAL.sub(lambda match: human_number(float(match.group(0))), text)


def show_value(value: Any) -> str:
    """A value as people read it: numbers rounded for reading, strings plain, else JSON."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return human_number(value)
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


def observed_threshold(observed: Any, threshold: Any) -> str:
    """``observed 0.03, threshold 0.02``; a missing side is left out ("" when both are)."""
    pairs = (("observed", observed), ("threshold", threshold))
    return ", ".join(f"{name} {show_value(value)}" for name, value in pairs if value is not None)
