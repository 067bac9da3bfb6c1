"""The public surface of ``gatekeeper.engines``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import gatekeeper.engines as engines
from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._files import PolicySet


def test_public_names_are_sorted_and_exported() -> None:
    assert engines.__all__ == sorted(engines.__all__)
    for name in engines.__all__:
        assert hasattr(engines, name), name


def test_engine_names() -> None:
    assert engines.ENGINE_NAMES == ("embedded", "opa-server", "opa-cli")
    assert engines.DEFAULT_ENGINE == "embedded"


def test_unknown_engine_is_an_engine_error(tiny_policy: PolicySet) -> None:
    with pytest.raises(EngineError, match="unknown engine 'wasm': choose one of embedded"):
        engines.open_engine("wasm", tiny_policy)


def test_embedded_engine_does_not_import_httpx_numpy_scipy(tiny_policy: PolicySet) -> None:
    code = (
        "import sys, pathlib\n"
        "from gatekeeper.policy._files import load_policy_set\n"
        "from gatekeeper.engines import open_engine\n"
        f"policy = load_policy_set(pathlib.Path({str(tiny_policy.root)!r}))\n"
        "engine = open_engine('embedded', policy)\n"
        "engine.evaluate({'gate': 'rollout', 'metrics': {}, 'ratio': 1})\n"
        "print(sorted(m for m in ('httpx', 'numpy', 'scipy', 'requests') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_canonical_decision_sorts_unordered_lists() -> None:
    a = {"violations": [{"code": "B"}, {"code": "A"}], "authority": ["Sprint DRI", "QA DRI"]}
    b = {"violations": [{"code": "A"}, {"code": "B"}], "authority": ["QA DRI", "Sprint DRI"]}
    assert engines.canonical_decision(a) == engines.canonical_decision(b)
    assert engines.decision_differences(a, b) == []


def test_decision_differences_tolerates_float_noise_only() -> None:
    a = {"observed": 0.1 + 0.2, "allow": False}
    assert engines.decision_differences(a, {"observed": 0.3, "allow": False}) == []
    assert engines.decision_differences(a, {"observed": 0.31, "allow": False}) == [
        "decision.observed: 0.30000000000000004 != 0.31"
    ]
    assert engines.decision_differences({"allow": False}, {"allow": 0}) == [
        "decision.allow: False != 0"
    ]
    assert engines.decision_differences({"a": [1]}, {"a": [1, 2]}) == [
        "decision.a: 1 items != 2 items"
    ]
