"""A tiny policy written by each test, so the engines are tested apart from the rule set."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from gatekeeper.policy._files import PolicySet, load_policy_set

TINY_POLICY = """package gatekeeper.main

default _limit := 0.5

default _roster := {}

_roster := data.gatekeeper.roster

_limit := data.gatekeeper.limits.error_rate

_violations contains v if {
	some name, value in input.metrics
	value > _limit
	v := {
		"code": "TOO_HIGH",
		"message": sprintf("%s too high", [name]),
		"observed": value,
		"threshold": _limit,
		"rule": "tiny.too_high",
		"severity": "critical",
	}
}

_action := "auto_rollback" if count(_violations) > 0

_action := "continue" if count(_violations) == 0

decision := {
	"gate": input.gate,
	"allow": _action == "continue",
	"action": _action,
	"violations": [v | some v in _violations],
	"warnings": [],
	"authority": [r | some r in {"System", "QA DRI"}],
	"decision_window_minutes": null,
	"default_action": null,
	"ratio": input.ratio * 3,
	"roster_size": count(_roster),
} if input.gate == "rollout"
"""

TINY_DATA = {"error_rate": 0.005}

MakePolicy = Callable[..., PolicySet]


def write_policy(
    root: Path,
    modules: dict[str, str],
    data: dict[str, object] | None = None,
    tests: dict[str, str] | None = None,
) -> Path:
    """Write ``modules`` ({relative path: source}) and ``data`` ({folder: document})."""
    for relative, source in {**modules, **(tests or {})}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    for folder, document in (data or {}).items():
        path = root / folder / "data.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document))
    return root


@pytest.fixture
def make_policy(tmp_path: Path, opa_binary: str) -> MakePolicy:
    """Factory: write a policy below a fresh folder and load it as a PolicySet.

    Every engine needs ``opa`` for a policy that is not gatekeeper's own (the
    embedded engine compiles it to Wasm), so these tests skip without it.
    """
    counter = iter(range(1000))

    def make(
        modules: dict[str, str],
        data: dict[str, object] | None = None,
        extra_data: tuple[Path, ...] = (),
        tests: dict[str, str] | None = None,
    ) -> PolicySet:
        root = write_policy(tmp_path / f"policy{next(counter)}", modules, data, tests)
        return load_policy_set(root, extra_data)

    return make


@pytest.fixture
def tiny_sources() -> tuple[dict[str, str], dict[str, object]]:
    """The tiny policy's modules and data folders, for tests that add to them."""
    return {"gatekeeper/main/main.rego": TINY_POLICY}, {"gatekeeper/limits": TINY_DATA}


@pytest.fixture
def tiny_policy(make_policy: MakePolicy) -> PolicySet:
    """The tiny rollout-like policy plus its data (``data.gatekeeper.limits``)."""
    return make_policy(
        {"gatekeeper/main/main.rego": TINY_POLICY},
        {"gatekeeper/limits": TINY_DATA},
        # a failing unit test beside the policy: engines must not load *_test.rego
        tests={
            "gatekeeper/main/main_test.rego": "package gatekeeper.main_test\n\ntest_x if false\n"
        },
    )
