"""People decide a pending manual decision over HTTP, judged by the approval gate.

docs/controllers.md, "Manual decisions in a live rollout". A caller authenticated
by its bearer token posts ``continue`` or ``rollback`` for a rollout's open
pending decision. Serve builds the approval input (trigger type from the pending
trigger through ``data.gatekeeper.authority.triggers``, the pending's phase, the
decision, and the approvers: earlier ``partial`` approvers of the same decision
and this caller) and decides it through the same pipeline and decision log as
every decision. Approved: the pending decision is decided, and the next
measurement applies it. A joint cell (QA DRI + Sprint DRI) answered by one holder
of one of its roles is ``partial``: a second, different person completes it.
Refused: nothing changes. Every answer is kept in the state store with its
decision id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from gatekeeper.models._exceptions import GatekeeperError, InputError, PolicyError
from gatekeeper.serve._clock import (
    PEOPLE_DECIDE,
    Clock,
    iso_utc,
    minutes_between,
    now_utc,
    pending_record,
    rollout_record,
)
from gatekeeper.serve._decider import Answer, Decider, Ticket
from gatekeeper.state import Approval, PendingDecision, RolloutKey, StateStoreError

JOINT_CODE = "SEPARATE_APPROVERS_REQUIRED"


class NotPending(GatekeeperError):
    """Nothing to decide: no open pending decision, already decided, or its window ended
    (HTTP 409; no approval decision is made)."""


@dataclass
class Judged:
    """What the approval gate made of one answer (filled before the decision is logged)."""

    outcome: str = "refused"
    approvers: list[str] = field(default_factory=list)
    needed: list[str] = field(default_factory=list)
    pending: PendingDecision | None = None


def decision_of(body: Any) -> tuple[str, str]:
    """``(decision, revision)`` of a request body; ``InputError`` naming the field."""
    if not isinstance(body, Mapping):
        raise InputError('body: a JSON object {"decision": "continue"|"rollback", "revision": R}')
    unknown = sorted(set(body) - {"decision", "revision"})
    if unknown:
        raise InputError(f"{unknown[0]}: not a field of a decision (decision, revision)")
    decision = body.get("decision")
    if decision not in PEOPLE_DECIDE:
        raise InputError(f"decision: {decision!r}: people decide one of {', '.join(PEOPLE_DECIDE)}")
    revision = body.get("revision", "")
    if not isinstance(revision, str):
        raise InputError("revision: a string (the rollout revision; empty when none)")
    return str(decision), revision


def roster(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """``data.gatekeeper.roster`` (identity -> roles), empty when absent."""
    found = data.get("gatekeeper", {}).get("roster", {})
    return found if isinstance(found, Mapping) else {}


def roles_of(data: Mapping[str, Any], identity: str) -> set[str]:
    """The roles the roster gives ``identity``."""
    roles = roster(data).get(identity, [])
    return {role for role in roles if isinstance(role, str)} if isinstance(roles, list) else set()


def holders(data: Mapping[str, Any], roles: tuple[str, ...]) -> dict[str, list[str]]:
    """Who holds each role, by the roster."""
    return {
        role: sorted(identity for identity in roster(data) if role in roles_of(data, identity))
        for role in roles
    }


def trigger_type(data: Mapping[str, Any], trigger: str) -> str:
    """The authority matrix row of a pending trigger (``data.gatekeeper.authority.triggers``)."""
    triggers = data.get("gatekeeper", {}).get("authority", {}).get("triggers", {})
    found = triggers.get(trigger) if isinstance(triggers, Mapping) else None
    if not isinstance(found, str):
        raise PolicyError(f"data.gatekeeper.authority.triggers: no trigger type for {trigger}")
    return found


def _earlier(clock: Clock, pending: PendingDecision, decision: str) -> list[str]:
    answers = clock.store.approvals(pending.key, pending.trigger, pending.phase_percent)
    return [
        a.identity
        for a in answers
        if a.at >= pending.started_at and a.outcome == "partial" and a.decision == decision
    ]


def open_pending_of(clock: Clock, key: RolloutKey) -> PendingDecision:
    """The pending decision a person may still answer; ``NotPending`` otherwise."""
    pending = clock.store.pending(key)
    where = f"rollout {key.namespace}/{key.name} revision {key.revision or '(none)'}"
    if pending is None:
        raise NotPending(f"{where}: no manual decision is pending")
    if pending.decision is not None:
        by = ", ".join(pending.decided_by)
        raise NotPending(f"{where}: already decided: {pending.decision} by {by}")
    deadline = pending.started_at + timedelta(minutes=pending.window_minutes)
    if now_utc() >= deadline:
        raise NotPending(
            f"{where}: the {pending.window_minutes:g}-min decision window ended at "
            f"{deadline.isoformat(timespec='seconds')}; the default action "
            f"{pending.default_action} applies at the next measurement"
        )
    return pending


def decide_approval(
    decider: Decider,
    clock: Clock,
    key: RolloutKey,
    decision: str,
    identity: str,
    ticket: Ticket,
    judged: Judged,
) -> Answer:
    """Judge one person's answer with the approval gate, log it, and keep its outcome."""
    data = decider.pipeline.policy.data
    pending = open_pending_of(clock, key)
    approvers = list(dict.fromkeys([*_earlier(clock, pending, decision), identity]))
    document = {
        "gate": "approval",
        "trigger_type": trigger_type(data, pending.trigger),
        "phase_percent": pending.phase_percent,
        "decision": decision,
        "approvers": approvers,
    }
    source = f"pending:{key.namespace}/{key.name}:{identity}"
    prepared = decider.prepare(document, source)

    def settle(record: dict[str, Any]) -> dict[str, Any]:
        now = now_utc()
        body = record["decision"]
        codes = {v.get("code") for v in body.get("violations", []) if isinstance(v, Mapping)}
        required = tuple(str(role) for role in body.get("authority", []))
        if body.get("action") == "approve":
            judged.outcome = "approved"
            judged.pending = _decide(clock, key, decision, tuple(approvers), now)
        elif codes == {JOINT_CODE} and roles_of(data, identity) & set(required):
            judged.outcome = "partial"
            covered = set().union(*(roles_of(data, who) for who in approvers))
            judged.needed = [role for role in required if role not in covered] or list(required)
        judged.approvers = approvers
        judged.pending = judged.pending or pending
        clock.store.add_approval(
            Approval(
                key=key,
                trigger=pending.trigger,
                phase_percent=pending.phase_percent,
                identity=identity,
                decision=decision,
                outcome=judged.outcome,
                decision_id=str(record["decision_id"]),
                at=now,
            )
        )
        return {
            "rollout": rollout_record(key),
            "pending": pending_record(judged.pending, now),
            "approval": {"outcome": judged.outcome, "identity": identity},
        }

    return decider.decide(prepared, ticket, settle=settle)


def _decide(
    clock: Clock, key: RolloutKey, decision: str, approvers: tuple[str, ...], now: datetime
) -> PendingDecision:
    """Mark the pending decision decided; ``NotPending`` when another answer or the end of
    the rollout came first (between the check and now), else the store's error."""
    try:
        return clock.store.decide(key, decision, approvers, now)
    except StateStoreError:
        open_pending_of(clock, key)  # raises NotPending when it was decided or closed
        raise


def listing(clock: Clock, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every decision still waiting for people: who may decide, by when, what happens
    otherwise. One that was decided, or whose window ended, waits for nobody: its
    revision rolls back, or runs to its resolution deadline, without a person."""
    now = now_utc()
    entries: list[dict[str, Any]] = []
    for pending in clock.store.open_pending():
        deadline = pending.started_at + timedelta(minutes=pending.window_minutes)
        if pending.decision is not None or now >= deadline:
            continue
        answers = [
            a
            for a in clock.store.approvals(pending.key, pending.trigger, pending.phase_percent)
            if a.at >= pending.started_at
        ]
        entries.append(
            {
                "rollout": rollout_record(pending.key),
                "trigger": pending.trigger,
                "trigger_type": trigger_type(data, pending.trigger),
                "phase_percent": pending.phase_percent,
                "started_at": iso_utc(pending.started_at),
                "minutes_pending": minutes_between(pending.started_at, now),
                "window_minutes": pending.window_minutes,
                "decide_by": iso_utc(deadline),
                "expired": now >= deadline and pending.decision is None,
                "default_action": pending.default_action,
                "roles": list(pending.authority),
                "who": holders(data, pending.authority),
                "decision": pending.decision,
                "decided_by": list(pending.decided_by),
                "approvals": [
                    {
                        "identity": a.identity,
                        "decision": a.decision,
                        "outcome": a.outcome,
                        "decision_id": a.decision_id,
                        "at": iso_utc(a.at),
                    }
                    for a in answers
                ],
            }
        )
    return entries
