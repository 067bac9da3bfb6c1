"""Serve holds the clock of a manual decision in a live rollout.

docs/controllers.md, "Manual decisions in a live rollout": the first time the
rollout gate answers ``manual_decision`` for a rollout revision, serve records
the start (trigger, phase, authority, window, default action) in the state store.
Every later measurement of that revision gets ``pending_decision`` filled from
that record: ``minutes_pending`` from its start, and once a person decided,
``decision`` and ``minutes_since_detection``. A caller never supplies
``pending_decision`` there. When the rollout steps up or promotes, the pending
decision is closed; when it rolls back, the pending decision stays, so the revision
stays rolled back at every later measurement. A new revision has its own key and
starts fresh.

The trigger of a new pending decision is read from the policy data in force: the
matrix row (``data.gatekeeper.profiles.rollout[P].matrix.rows``) whose check's
violation code the decision names and whose cell at the phase column is a manual
decision; never guessed from words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from gatekeeper.models._exceptions import InputError
from gatekeeper.policy._cells import column_for
from gatekeeper.state import PendingDecision, RolloutKey, StateStore

MANUAL = "manual_decision"
STEPPING = frozenset({"promote_next_step", "promote"})
"""Actions that move the rollout on: they close its open pending decision. Every
other action keeps it: holding actions keep the rollout at its phase, and a
rollback keeps the revision rolled back (every later measurement of it answers
the same rollback: a decided rollback or an expired window is never forgotten)."""
PEOPLE_DECIDE = ("continue", "rollback")


def now_utc() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def minutes_between(start: datetime, end: datetime) -> float:
    """Whole and fractional minutes from ``start`` to ``end`` (never negative)."""
    return max(0.0, round((end - start).total_seconds() / 60, 3))


def refuse_caller_pending(document: Mapping[str, Any], where: str) -> None:
    """A live rollout input never carries ``pending_decision``: serve fills it."""
    if "pending_decision" in document:
        raise InputError(
            f"pending_decision: filled by serve in a live rollout ({where}); "
            "a caller never supplies it"
        )


def pending_input(pending: PendingDecision, now: datetime) -> dict[str, Any]:
    """The input's ``pending_decision`` for an open pending decision at ``now``."""
    minutes = minutes_between(pending.started_at, now)
    filled: dict[str, Any] = {"trigger": pending.trigger, "minutes_pending": minutes}
    if pending.decision is not None:
        filled["decision"] = pending.decision
        filled["minutes_since_detection"] = minutes
    return filled


def pending_record(pending: PendingDecision, now: datetime) -> dict[str, Any]:
    """What the decision log keeps of the clock a live decision used."""
    record: dict[str, Any] = {
        "trigger": pending.trigger,
        "phase_percent": pending.phase_percent,
        "started_at": iso_utc(pending.started_at),
        "minutes": minutes_between(pending.started_at, now),
        "window_minutes": pending.window_minutes,
        "default_action": pending.default_action,
    }
    if pending.decision is not None:
        record["decision"] = pending.decision
        record["decided_by"] = list(pending.decided_by)
        record["decided_at"] = iso_utc(pending.decided_at) if pending.decided_at else None
    return record


def iso_utc(value: datetime) -> str:
    """``value`` in UTC, to the second: ``2026-05-01T12:00:00Z``."""
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def rollout_record(key: RolloutKey) -> dict[str, str]:
    """The rollout a live decision was about, as the decision log keeps it."""
    return {"namespace": key.namespace, "name": key.name, "revision": key.revision}


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def manual_trigger(
    data: Mapping[str, Any], profile: str, phase_percent: float, decision: Mapping[str, Any]
) -> str | None:
    """The matrix row a ``manual_decision`` answer is waiting on, or None (not a matrix row).

    The row's check must have a violation in the decision and its cell at the phase
    column must be a manual decision; of several, the one whose window the decision
    names (the shortest), then by name.
    """
    try:
        spec = _mapping(data["gatekeeper"]["profiles"]["rollout"][profile])
    except (KeyError, TypeError):
        return None
    rows, checks = _mapping(_mapping(spec.get("matrix")).get("rows")), _mapping(spec.get("checks"))
    columns = [c for c in spec.get("columns", []) if isinstance(c, int)] if rows else []
    column = column_for(phase_percent, columns)
    if column is None:
        return None
    codes = {v.get("code") for v in decision.get("violations", []) if isinstance(v, Mapping)}
    candidates: list[tuple[float, str]] = []
    for check in checks.values():
        if not isinstance(check, Mapping) or check.get("code") not in codes:
            continue
        row = str(check.get("row"))
        cell = rows.get(row, {}).get("cells", {}).get(str(column)) if row in rows else None
        if isinstance(cell, Mapping) and cell.get("action") == MANUAL:
            window = cell.get("window_minutes")
            candidates.append((float(window) if window is not None else float("inf"), str(row)))
    if not candidates:
        return None
    named = decision.get("decision_window_minutes")
    exact = sorted(c for c in candidates if named is not None and c[0] == float(named))
    return (exact or sorted(candidates))[0][1]


@dataclass(frozen=True)
class Measured:
    """One live measurement's clock: the pending decision it used, and when."""

    key: RolloutKey
    pending: PendingDecision | None
    now: datetime


class Clock:
    """Pending decisions of live rollouts, kept in a state store."""

    def __init__(self, store: StateStore, data: Mapping[str, Any]) -> None:
        self.store = store
        self.data = data

    def fill(
        self, key: RolloutKey, document: Mapping[str, Any], where: str
    ) -> tuple[dict[str, Any], Measured]:
        """The input with serve's ``pending_decision`` (when one is open), and the clock."""
        refuse_caller_pending(document, where)
        now = now_utc()
        pending = self.store.pending(key)
        filled = dict(document)
        if pending is not None:
            filled["pending_decision"] = pending_input(pending, now)
        return filled, Measured(key, pending, now)

    def settlement(
        self, measured: Measured, profile: str, phase_percent: float | None
    ) -> Settlement:
        """The ``settle`` of one measurement, for :meth:`Decider.decide`."""
        return Settlement(self, measured, profile, phase_percent)

    def start(
        self,
        measured: Measured,
        profile: str,
        phase_percent: float,
        decision: Mapping[str, Any],
    ) -> PendingDecision | None:
        """Start the pending decision a ``manual_decision`` answer opens (None: no matrix row)."""
        trigger = manual_trigger(self.data, profile, phase_percent, decision)
        window = decision.get("decision_window_minutes")
        default = decision.get("default_action")
        if trigger is None or not isinstance(window, int | float) or not default:
            return None  # a manual decision outside the matrix has no window to hold
        authority = tuple(str(role) for role in decision.get("authority", []))
        started = PendingDecision(
            key=measured.key,
            trigger=trigger,
            phase_percent=float(phase_percent),
            authority=authority,
            window_minutes=float(window),
            default_action=str(default),
            started_at=measured.now,
        )
        return self.store.start_pending(started)


@dataclass(frozen=True)
class Settlement:
    """The ``settle`` of one measurement, called with its decision's record."""

    clock: Clock
    measured: Measured
    profile: str
    phase_percent: float | None

    def __call__(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Start or close the pending decision after a decision; the record's extra keys."""
        decision: Mapping[str, Any] = record["decision"]
        action = str(decision.get("action"))
        measured, pending = self.measured, self.measured.pending
        extra: dict[str, Any] = {"rollout": rollout_record(measured.key)}
        if pending is None and action == MANUAL and self.phase_percent is not None:
            pending = self.clock.start(measured, self.profile, self.phase_percent, decision)
        elif pending is not None and action in STEPPING:
            self.clock.store.close(measured.key, measured.now)
        if pending is not None:
            extra["pending"] = pending_record(pending, measured.now)
        return extra

    def writes(self, record: Mapping[str, Any]) -> bool:
        """Whether settling ``record`` writes to the state store (starts or closes a
        pending decision); when not, it only reads what the measurement already holds."""
        action = str(record["decision"].get("action"))
        if self.measured.pending is None:
            return action == MANUAL and self.phase_percent is not None
        return action in STEPPING
