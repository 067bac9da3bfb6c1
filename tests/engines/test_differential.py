"""The three engines give the same decision for every scenario input and SPEC example.

Each input runs through ``embedded`` (the OPA-compiled Wasm policy), ``opa-server``
(a real OPA server loaded by the engine) and ``opa-cli`` (``opa eval``) on the real rule set
with the
roster of ``scenarios/roster.json`` (passed as ``--data``); approval inputs run
once more without a roster (everyone unauthorised).
Decisions are compared after sorting violations, warnings and authority, with a
numeric tolerance. A scenario file named ``<action>--<name>.json`` must also give
that action.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from gatekeeper._examples import SPEC_APPROVAL, SPEC_PROMOTION, SPEC_ROLLOUT
from gatekeeper._policy_files import default_policy_dir, load_policy_set
from gatekeeper.engines import (
    ENGINE_NAMES,
    Engine,
    EngineOptions,
    decision_differences,
    open_engine,
)

if TYPE_CHECKING:
    from tests.conftest import OpaServerFactory

REPO_ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = REPO_ROOT / "scenarios"
ROSTER = SCENARIOS / "roster.json"

# The three input examples of SPEC section 6, verbatim.
SPEC_EXAMPLES: dict[str, dict[str, Any]] = {
    "spec-promotion": SPEC_PROMOTION,
    "spec-rollout": SPEC_ROLLOUT,
    "spec-approval": SPEC_APPROVAL,
}


def _is_data_document(document: Any) -> bool:
    return isinstance(document, dict) and set(document) == {"gatekeeper"}


def scenario_inputs() -> dict[str, dict[str, Any]]:
    """Every input of ``scenarios/**/*.json`` (``{"input": ...}`` unwrapped) and SPEC's."""
    inputs: dict[str, dict[str, Any]] = {}
    for path in sorted(SCENARIOS.glob("**/*.json")):
        document = json.loads(path.read_text())
        if _is_data_document(document):
            continue
        if isinstance(document, dict) and set(document) == {"input"}:
            document = document["input"]
        inputs[path.relative_to(SCENARIOS).as_posix()] = document
    inputs.update(SPEC_EXAMPLES)
    return inputs


INPUTS = scenario_inputs()


def expected_action(name: str) -> str | None:
    """``deny`` for ``promotion/deny--seed-003-example.json``; None without a prefix."""
    stem = Path(name).stem
    return stem.split("--", 1)[0] if "--" in stem else None


APPROVAL_INPUTS = sorted(name for name in INPUTS if INPUTS[name].get("gate") == "approval")


def _open_engines(
    extra_data: tuple[Path, ...], opa_binary: str, server_factory: OpaServerFactory
) -> dict[str, Engine]:
    policy = load_policy_set(default_policy_dir(), extra_data)
    server = server_factory()
    options = EngineOptions(opa_binary=opa_binary, opa_url=server.url, load_policy=True)
    return {name: open_engine(name, policy, options) for name in ENGINE_NAMES}


@pytest.fixture(scope="module")
def engines_with_roster(
    opa_binary: str, module_opa_server: OpaServerFactory
) -> Iterator[dict[str, Engine]]:
    """The three engines on the real rule set plus ``scenarios/roster.json``, opened once."""
    if not ROSTER.exists():
        pytest.skip("scenarios/roster.json is missing")
    opened = _open_engines((ROSTER,), opa_binary, module_opa_server)
    yield opened
    for engine in opened.values():
        engine.close()


@pytest.fixture(scope="module")
def engines_without_roster(
    opa_binary: str, module_opa_server: OpaServerFactory
) -> Iterator[dict[str, Engine]]:
    """The three engines on the real rule set with no roster (nobody is authorised)."""
    opened = _open_engines((), opa_binary, module_opa_server)
    yield opened
    for engine in opened.values():
        engine.close()


def _assert_engines_agree(name: str, engines: dict[str, Engine]) -> dict[str, Any]:
    document = INPUTS[name]
    decisions = {engine_name: engine.evaluate(document) for engine_name, engine in engines.items()}
    reference = decisions["embedded"]
    for engine_name, decision in decisions.items():
        differences = decision_differences(reference, decision)
        assert not differences, f"embedded vs {engine_name} on {name}: {differences}"
    return reference


@pytest.mark.opa
@pytest.mark.parametrize("name", sorted(INPUTS))
def test_engines_agree(name: str, engines_with_roster: dict[str, Engine]) -> None:
    reference = _assert_engines_agree(name, engines_with_roster)
    action = expected_action(name)
    if action is not None:
        assert reference["action"] == action, f"{name}: {reference}"


@pytest.mark.opa
@pytest.mark.parametrize("name", APPROVAL_INPUTS)
def test_engines_agree_without_roster(name: str, engines_without_roster: dict[str, Engine]) -> None:
    reference = _assert_engines_agree(name, engines_without_roster)
    assert reference["action"] == "deny", f"{name} without a roster: {reference}"


def test_scenarios_exist() -> None:
    assert any(not name.startswith("spec-") for name in INPUTS), "no scenario inputs found"
