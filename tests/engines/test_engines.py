"""Each engine on the tiny policy: same decisions, data files, unit tests ignored, reuse."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from gatekeeper.engines import ENGINE_NAMES, Engine, EngineOptions, open_engine
from gatekeeper.policy._files import PolicySet

if TYPE_CHECKING:
    from tests.conftest import OpaServerFactory

OpenEngine = Callable[[PolicySet], Engine]

ROLLBACK_INPUT = {"gate": "rollout", "metrics": {"error_rate": 0.008, "cpu": 0.001}, "ratio": 0.1}
CONTINUE_INPUT = {"gate": "rollout", "metrics": {"error_rate": 0.001}, "ratio": 2}


@pytest.fixture(params=ENGINE_NAMES)
def open_any(
    request: pytest.FixtureRequest, opa_binary: str, opa_server: OpaServerFactory
) -> Iterator[OpenEngine]:
    """Factory opening the parametrised engine (opa-server: a fresh empty server)."""
    opened: list[Engine] = []

    def open_(policy: PolicySet) -> Engine:
        options = EngineOptions(opa_binary=opa_binary)
        if request.param == "opa-server":
            server = opa_server()
            options = EngineOptions(opa_url=server.url, upload_policy=True)
        engine = open_engine(request.param, policy, options)
        opened.append(engine)
        return engine

    yield open_
    for engine in opened:
        engine.close()


@pytest.mark.opa
def test_rollback_decision(open_any: OpenEngine, tiny_policy: PolicySet) -> None:
    engine = open_any(tiny_policy)
    decision = engine.evaluate(ROLLBACK_INPUT)
    assert decision["action"] == "auto_rollback"
    assert decision["allow"] is False
    assert decision["violations"] == [
        {
            "code": "TOO_HIGH",
            "message": "error_rate too high",
            "observed": 0.008,
            "threshold": 0.005,
            "rule": "tiny.too_high",
            "severity": "critical",
        }
    ]
    assert sorted(decision["authority"]) == ["QA DRI", "System"]
    assert decision["ratio"] == pytest.approx(0.3)
    assert decision["roster_size"] == 0


@pytest.mark.opa
def test_one_engine_many_inputs(open_any: OpenEngine, tiny_policy: PolicySet) -> None:
    engine = open_any(tiny_policy)
    actions = [engine.evaluate(doc)["action"] for doc in [CONTINUE_INPUT, ROLLBACK_INPUT] * 3]
    assert actions == ["continue", "auto_rollback"] * 3


@pytest.mark.opa
def test_extra_data_file_is_merged(
    open_any: OpenEngine,
    make_policy: Callable[..., PolicySet],
    tiny_sources: tuple[dict[str, str], dict[str, Any]],
    tmp_path: Path,
) -> None:
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps({"gatekeeper": {"roster": {"a@x": ["QA DRI"], "b@x": []}}}))
    policy = make_policy(*tiny_sources, extra_data=(roster,))
    assert open_any(policy).evaluate(CONTINUE_INPUT)["roster_size"] == 2


@pytest.mark.opa
def test_version_names_the_engine(open_any: OpenEngine, tiny_policy: PolicySet) -> None:
    engine = open_any(tiny_policy)
    assert engine.version().split()[0] == "opa"
    assert engine.version().split()[1][0].isdigit()


@pytest.mark.opa
def test_unicode_and_nested_input_round_trip(
    open_any: OpenEngine, make_policy: Callable[..., PolicySet]
) -> None:
    echo = """package gatekeeper.main

decision := {
	"gate": input.gate, "allow": true, "action": "continue", "violations": [],
	"warnings": [], "authority": [], "decision_window_minutes": null,
	"default_action": null, "echo": input,
}
"""
    document = {
        "gate": "rollout",
        "name": 'caf\u00e9 \u2713 "q" \\',
        "n": [1, 2.5, -3e-7, None],
        "big": 10**30,
    }
    decision = open_any(make_policy({"gatekeeper/main/main.rego": echo})).evaluate(document)
    assert decision["echo"]["name"] == document["name"]
    assert decision["echo"]["n"][:2] == [1, 2.5]
    assert decision["echo"]["n"][2] == pytest.approx(-3e-7)
    assert decision["echo"]["n"][3] is None
    assert decision["echo"]["big"] == 10**30
