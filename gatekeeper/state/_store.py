"""The contract of a state store: what serve keeps about pending manual decisions.

A pending decision starts the first time serve answers ``manual_decision`` for a
rollout revision and trigger; its ``started_at`` is the clock the decision window
runs on. People's answers are :class:`Approval` rows (every attempt, refused ones
included, each with the decision-log id of the approval decision). Once the
approval gate approves, the pending decision is *decided* (``continue`` or
``rollback``) and the next measurement applies it. A new revision of the rollout
has its own key and starts fresh.

Every method is one transaction: two serve processes or replicas that race to
start the same pending decision get the same row (the first writer's clock).
Times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from gatekeeper.models._exceptions import GatekeeperError


class StateStoreError(GatekeeperError):
    """The state store cannot be read or written: no decision is made (exit 2, HTTP 503)."""


@dataclass(frozen=True)
class RolloutKey:
    """One revision of one rollout: the pod-template hash (Argo) or checksum (Flagger)."""

    namespace: str
    name: str
    revision: str


@dataclass(frozen=True)
class PendingDecision:
    """A manual decision serve is waiting for, and what became of it."""

    key: RolloutKey
    trigger: str
    """``gate_failure`` or ``quality_regression`` (the input's ``pending_decision.trigger``)."""
    phase_percent: float
    authority: tuple[str, ...]
    """The roles that may decide (the decision's ``authority``)."""
    window_minutes: float
    default_action: str
    started_at: datetime
    decision: str | None = None
    """``continue`` or ``rollback`` once the approval gate approved one."""
    decided_by: tuple[str, ...] = ()
    decided_at: datetime | None = None
    closed_at: datetime | None = None
    """When the rollout revision ended (promoted, rolled back, replaced)."""


@dataclass(frozen=True)
class Approval:
    """One person's answer to a pending decision, as the approval gate judged it."""

    key: RolloutKey
    trigger: str
    phase_percent: float
    identity: str
    decision: str
    outcome: str
    """``approved`` (the decision is taken), ``partial`` (a joint cell waits for a
    second, different person) or ``refused`` (nothing changed)."""
    decision_id: str
    """The approval decision's id in the decision log."""
    at: datetime


PENDING_COLUMNS = (
    "namespace, name, revision, trigger, phase_percent, authority, window_minutes, "
    "default_action, started_at, decision, decided_by, decided_at, closed_at"
)
"""The columns every store reads a :class:`PendingDecision` from, in :func:`pending_of`'s order."""
APPROVAL_COLUMNS = "identity, decision, outcome, decision_id, at"
"""The columns every store reads an :class:`Approval` from, in :func:`approval_of`'s order."""
APPROVAL_ROW = f"namespace, name, revision, trigger, phase_percent, {APPROVAL_COLUMNS}"
"""The columns of an approval's row, in :func:`approval_values`' order."""


def pending_of(
    row: Sequence[Any], roles: Callable[[Any], Sequence[str]], moment: Callable[[Any], datetime]
) -> PendingDecision:
    """A :class:`PendingDecision` from a row of :data:`PENDING_COLUMNS`; ``roles`` reads
    a column of roles or identities, ``moment`` a time, as the store keeps them."""
    return PendingDecision(
        key=RolloutKey(row[0], row[1], row[2]),
        trigger=row[3],
        phase_percent=float(row[4]),
        authority=tuple(roles(row[5])),
        window_minutes=float(row[6]),
        default_action=row[7],
        started_at=moment(row[8]),
        decision=row[9],
        decided_by=tuple(roles(row[10])),
        decided_at=None if row[11] is None else moment(row[11]),
        closed_at=None if row[12] is None else moment(row[12]),
    )


def approval_values(approval: Approval, at: Any) -> tuple[Any, ...]:
    """The values of :data:`APPROVAL_ROW` for ``approval`` (``at``: its time as kept)."""
    key = approval.key
    return (
        key.namespace,
        key.name,
        key.revision,
        approval.trigger,
        approval.phase_percent,
        approval.identity,
        approval.decision,
        approval.outcome,
        approval.decision_id,
        at,
    )


def approval_of(
    key: RolloutKey, trigger: str, phase_percent: float, row: Sequence[Any], at: datetime
) -> Approval:
    """An :class:`Approval` from a row of :data:`APPROVAL_COLUMNS` (``at`` already a UTC time)."""
    identity, decision, outcome, decision_id = row[:4]
    return Approval(
        key=key,
        trigger=trigger,
        phase_percent=phase_percent,
        identity=str(identity),
        decision=str(decision),
        outcome=str(outcome),
        decision_id=str(decision_id),
        at=at,
    )


class StateStore(Protocol):
    """Pending decisions and approvals (SQLite or PostgreSQL)."""

    def start_pending(self, pending: PendingDecision) -> PendingDecision:
        """Record ``pending`` unless an open one exists for its key, trigger and phase;
        return the stored row (the existing one wins)."""
        ...

    def pending(self, key: RolloutKey) -> PendingDecision | None:
        """The open (not closed) pending decision of a rollout revision, if any."""
        ...

    def open_pending(self) -> list[PendingDecision]:
        """Every open pending decision, oldest first."""
        ...

    def add_approval(self, approval: Approval) -> None:
        """Keep one answer (any outcome)."""
        ...

    def approvals(self, key: RolloutKey, trigger: str, phase_percent: float) -> list[Approval]:
        """The answers given for one pending decision, oldest first."""
        ...

    def decide(
        self, key: RolloutKey, decision: str, decided_by: tuple[str, ...], at: datetime
    ) -> PendingDecision:
        """Mark the open pending decision decided; refuse (StateStoreError) when there is
        none or it was already decided otherwise."""
        ...

    def close(self, key: RolloutKey, at: datetime) -> None:
        """End the open pending decision of a revision (the rollout moved on)."""
        ...

    def ping(self) -> None:
        """Raise StateStoreError when the store cannot be used (for /readyz)."""
        ...

    def shutdown(self) -> None:
        """Release connections."""
        ...
