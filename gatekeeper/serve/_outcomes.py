"""One table from a rollout decision's action to what a rollout controller does.

docs/controllers.md, "One table: action -> controller outcome", is the reference;
the controller routes use only this module (:data:`OUTCOMES`) to turn a decision
into an answer. An action the table does not know has no outcome: it is refused
(``PolicyError``, answered 503 like any undecided request), never a go.
Undecided requests never reach this table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

from gatekeeper.models._exceptions import InputError, PolicyError


class Outcome(StrEnum):
    """What a controller does with a decision."""

    GO = "go"
    NOT_YET = "not_yet"
    AWAITING_DECISION = "awaiting_decision"
    ROLLBACK = "rollback"


OUTCOMES: Mapping[str, Outcome] = {
    "promote_next_step": Outcome.GO,
    "promote": Outcome.GO,
    "continue": Outcome.NOT_YET,
    "pause_evaluation": Outcome.NOT_YET,
    "manual_decision": Outcome.AWAITING_DECISION,
    "auto_rollback": Outcome.ROLLBACK,
    "abort": Outcome.ROLLBACK,
    "abort_and_quarantine": Outcome.ROLLBACK,
}
"""Action -> outcome, for every action of the rollout gate."""


def outcome_of(action: str) -> Outcome:
    """The controller outcome of ``action``; ``PolicyError`` for an action it does not know."""
    outcome = OUTCOMES.get(action)
    if outcome is None:
        raise PolicyError(
            f"action {action!r} has no controller outcome (docs/controllers.md): not a go"
        )
    return outcome


DECISION_HOOKS: Mapping[str, frozenset[Outcome]] = {
    # a check each analysis interval; non-2xx counts toward the Canary's threshold:
    # waiting (not yet, a person deciding) is not a failed check
    "rollout": frozenset({Outcome.GO, Outcome.NOT_YET, Outcome.AWAITING_DECISION}),
    # gates: non-2xx halts without counting a failed check
    "confirm-traffic-increase": frozenset({Outcome.GO}),
    "confirm-promotion": frozenset({Outcome.GO}),
    # 2xx means "roll back now"
    "rollback": frozenset({Outcome.ROLLBACK}),
}
"""Flagger hooks answered from a live decision: the outcomes answered 2xx (else 412)."""

READINESS_HOOKS = ("confirm-rollout", "pre-rollout")
"""Flagger hooks called before the canary takes traffic: they check the gate is ready."""

RECORD_HOOKS = ("post-rollout", "event")
"""Flagger hooks that only inform: accepted (2xx) and written to the server's log."""

FLAGGER_HOOKS = (*READINESS_HOOKS, *DECISION_HOOKS, *RECORD_HOOKS)
"""Every webhook type Flagger v1.36 documents."""


def flagger_status(hook: str, outcome: Outcome) -> int:
    """The HTTP status a decision hook answers for ``outcome``: 200, else 412."""
    return 200 if outcome in DECISION_HOOKS[hook] else 412


_LABEL_VALUE = re.compile(r"(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?")


def check_revision(where: str, value: str) -> str:
    """``value`` when it is a Kubernetes label value (a pod-template hash, a checksum)."""
    if len(value) > 63 or not _LABEL_VALUE.fullmatch(value):
        raise InputError(
            f"{where}: {value[:80]!r} is not a revision (a Kubernetes label value: at most "
            "63 letters, digits, '-', '_', '.', starting and ending with a letter or digit)"
        )
    return value
