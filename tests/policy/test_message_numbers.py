"""Numbers in the policy's messages are rounded for people (README "Numbers"): a
measured or computed value never prints float noise (``730.1265822784807 ms``), and
every engine writes the same text."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from gatekeeper.engines import EngineOptions, open_engine
from gatekeeper.policy._files import load_policy_set
from tests.conftest import REPO_ROOT

P99 = (
    REPO_ROOT
    / "scenarios/rollout/decision-matrix/auto_rollback--p99-above-baseline-plus-15-for-5-min.json"
)
NOISE = re.compile(r"\d+\.\d{10,}")


def _input() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(P99.read_text())
    document["baseline"]["p99_latency_ms"] = 180.0111111111111
    document["canary"]["p99_latency_ms"] = [300] * 6
    return document


@pytest.mark.opa
def test_success_latency_messages_are_rounded_alike_in_every_engine(opa_binary: str) -> None:
    policy = load_policy_set()
    messages = {}
    for name, options in (
        ("embedded", EngineOptions()),
        ("opa-cli", EngineOptions(opa_binary=opa_binary)),
    ):
        engine = open_engine(name, policy, options)
        try:
            decision = engine.evaluate(_input())
        finally:
            engine.close()
        messages[name] = [v["message"] for v in decision["violations"]]
    assert messages["embedded"] == messages["opa-cli"]
    (message,) = messages["embedded"]
    assert "baseline 180.011111111 ms" in message, message
    assert not NOISE.search(message), message
