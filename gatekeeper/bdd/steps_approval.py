"""Steps of the approval gate (the decision-authority matrix): a roster and a request.

The roster is policy data, not input: "Given the roster:" gives the scenario its
own ``data.gatekeeper.roster`` (the engines are re-opened on it); without it the
policy data's roster is used (``--gatekeeper-data roster.json``).
"""

from __future__ import annotations

from pytest_bdd import given, parsers

from gatekeeper.bdd._inputs import GateInput
from gatekeeper.bdd._phrases import split_list
from gatekeeper.policy._cells import AUTHORITY_ALIASES, normalise

DECISIONS = {
    "roll back": "rollback",
    "rollback": "rollback",
    "continue": "continue",
    "promote": "promote",
    "override": "override",
}


def trigger_type_of(phrase: str) -> str:
    """``"quality gate"`` -> ``quality``; an unknown phrase stays a code (the policy judges)."""
    code = normalise(phrase)
    return AUTHORITY_ALIASES.get(code, code)


@given("the roster:", target_fixture="gatekeeper_roster")
def _(datatable: list[list[str]]) -> dict[str, list[str]]:
    header, *rows = datatable
    if [cell.strip().lower() for cell in header[:2]] != ["identity", "roles"]:
        raise ValueError('the roster table needs the columns "identity" and "roles"')
    return {row[0].strip(): split_list(row[1]) if row[1].strip() else [] for row in rows}


@given("an empty roster", target_fixture="gatekeeper_roster")
def _() -> dict[str, list[str]]:
    return {}


@given(
    parsers.re(
        r"a request to (?P<decision>roll back|rollback|continue|promote|override) "
        r"(?:after|on) an? (?P<trigger>.+?) at (?P<percent>\d+(?:\.\d+)?)% traffic"
    ),
    target_fixture="gate_input",
)
def _(
    decision: str, trigger: str, percent: str, gatekeeper_roster: dict[str, list[str]] | None
) -> GateInput:
    value = float(percent)
    document: dict[str, object] = {
        "gate": "approval",
        "trigger_type": trigger_type_of(trigger),
        "phase_percent": int(value) if value.is_integer() else value,
        "decision": DECISIONS[decision],
        "approvers": [],
    }
    return GateInput("approval", document, roster=gatekeeper_roster)


@given(parsers.parse("it is approved by {identities}"))
def _(gate_input: GateInput, identities: str) -> None:
    gate_input.set(("approvers",), split_list(identities))


@given("nobody approves it")
def _(gate_input: GateInput) -> None:
    gate_input.set(("approvers",), [])
