"""Steps of waivers: an exception granted in policy data, judged at an evaluation time.

Waivers are policy data, not input: "a waiver of CODE in scope ..." gives the scenario
its own ``data.gatekeeper.waivers`` (with the roster of "Given the roster:", which the
approver's authority is checked against); the engines are re-opened on it. The
evaluation time is the input's ``now``, which ``gatekeeper check`` stamps. A waiver's
owner is ``requester@example.com`` (a person who asked for it and approves nothing)
unless "the waiver's owner is X" says otherwise (separation of duties, docs/waivers.md).
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers

from gatekeeper.bdd._inputs import GateInput
from gatekeeper.bdd._phrases import split_list

DEFAULT_OWNER = "requester@example.com"
SCOPE_KEYS = {"version": "version_id", "profile": "profile", "environment": "environment"}


def parse_scope(phrase: str) -> dict[str, str]:
    """``"version v2, profile eu-regulated"`` -> ``{"version_id": "v2", "profile": ...}``."""
    scope: dict[str, str] = {}
    if phrase.strip().lower() in ("any", "everything"):
        return scope
    for item in phrase.split(","):
        key, _, value = item.strip().partition(" ")
        if key not in SCOPE_KEYS or not value.strip():
            raise ValueError(f"scope item {item.strip()!r}: expected version/profile/environment X")
        scope[SCOPE_KEYS[key]] = value.strip()
    return scope


@given(parsers.parse("the evaluation time is {time}"))
def _(gate_input: GateInput, time: str) -> None:
    gate_input.set(("now",), time.strip())


@given(
    parsers.parse(
        "a waiver of {code} at the {gate} gate in scope {scope} approved by {approvers} "
        "until {expires}"
    )
)
def _(
    gate_input: GateInput,
    gatekeeper_roster: dict[str, list[str]] | None,
    code: str,
    gate: str,
    scope: str,
    approvers: str,
    expires: str,
) -> None:
    identities = split_list(approvers)
    waiver: dict[str, Any] = {
        "id": f"WV-{len(gate_input.waivers or []) + 1}",
        "code": code.strip(),
        "gate": gate.strip(),
        "scope": parse_scope(scope),
        "owner": DEFAULT_OWNER,
        "reason": "granted in a scenario",
        "expires_at": expires.strip(),
        "approved_by": identities,
    }
    gate_input.waivers = [*(gate_input.waivers or []), waiver]
    gate_input.roster = gatekeeper_roster


@given(parsers.parse("the waiver's owner is {owner}"))
def _(gate_input: GateInput, owner: str) -> None:
    if not gate_input.waivers:
        raise ValueError("the waiver's owner is ...: no waiver was given before this step")
    gate_input.waivers[-1] = {**gate_input.waivers[-1], "owner": owner.strip()}
