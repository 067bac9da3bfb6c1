"""The action -> controller outcome table (docs/controllers.md, One table)."""

from __future__ import annotations

import json

import pytest

from gatekeeper.models._exceptions import InputError, PolicyError
from gatekeeper.policy._files import default_policy_dir
from gatekeeper.serve._outcomes import (
    DECISION_HOOKS,
    FLAGGER_HOOKS,
    OUTCOMES,
    Outcome,
    check_revision,
    flagger_status,
    outcome_of,
)

APPROVAL_ONLY = {"approve", "deny"}  # the approval gate's actions, never a rollout's


def test_every_rollout_action_of_the_policy_has_an_outcome() -> None:
    actions = json.loads((default_policy_dir() / "gatekeeper/actions/data.json").read_text())
    assert set(actions["severity"]) - APPROVAL_ONLY == set(OUTCOMES)


def test_only_promotions_are_a_go() -> None:
    go = {action for action, outcome in OUTCOMES.items() if outcome is Outcome.GO}
    assert go == {"promote_next_step", "promote"}
    assert outcome_of("continue") is Outcome.NOT_YET  # allow true, but not a step up
    assert outcome_of("manual_decision") is Outcome.AWAITING_DECISION


@pytest.mark.parametrize("action", ["approve", "deny", "", "Promote", "promote_next_step "])
def test_an_action_the_table_does_not_know_is_refused(action: str) -> None:
    with pytest.raises(PolicyError, match="no controller outcome"):
        outcome_of(action)


def test_flagger_hooks_and_their_statuses() -> None:
    assert set(FLAGGER_HOOKS) == {
        "confirm-rollout",
        "pre-rollout",
        "rollout",
        "confirm-traffic-increase",
        "confirm-promotion",
        "rollback",
        "post-rollout",
        "event",
    }
    statuses = {
        hook: {outcome.value: flagger_status(hook, outcome) for outcome in Outcome}
        for hook in DECISION_HOOKS
    }
    assert statuses == {
        "rollout": {"go": 200, "not_yet": 200, "awaiting_decision": 200, "rollback": 412},
        "confirm-traffic-increase": {
            "go": 200,
            "not_yet": 412,
            "awaiting_decision": 412,
            "rollback": 412,
        },
        "confirm-promotion": {"go": 200, "not_yet": 412, "awaiting_decision": 412, "rollback": 412},
        "rollback": {"go": 412, "not_yet": 412, "awaiting_decision": 412, "rollback": 200},
    }


@pytest.mark.parametrize("value", ["7f9c6b5d48", "a", "A_b.c-9", "x" * 63])
def test_a_revision_is_a_label_value(value: str) -> None:
    assert check_revision("revision", value) == value


@pytest.mark.parametrize("value", ["-a", "a-", "a b", "a/b", "x" * 64, "é", "a\nb"])
def test_anything_else_is_not_a_revision(value: str) -> None:
    with pytest.raises(InputError, match=r"^checksum: "):
        check_revision("checksum", value)
