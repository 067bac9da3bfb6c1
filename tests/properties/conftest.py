"""Property tests on generated inputs: fixed seeds, 2,000 examples per property under CI.

Settings (applied to these tests only, as ``PROPERTY_SETTINGS``): ``ci`` under
``CI=true`` (2,000 examples, derandomized) and ``dev`` elsewhere (100 examples,
derandomized); ``GATEKEEPER_PROPERTY_PROFILE=ci|dev`` picks one explicitly. Every
example is decided by the embedded engine in this process and by a real OPA server
serving the policy as a bundle (one keep-alive client).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from gatekeeper.engines import Engine, EngineOptions, open_engine
from gatekeeper.policy._bundle import default_revision, stage_bundle
from gatekeeper.policy._files import PolicySet, default_policy_dir, load_policy_set
from tests.conftest import OpaServerFactory

REPO = Path(__file__).resolve().parents[2]
ROSTER = REPO / "scenarios" / "roster.json"

_EXAMPLES = {"ci": 2000, "dev": 100}
_in_ci = os.environ.get("CI", "").lower() == "true"
_profile = os.environ.get("GATEKEEPER_PROPERTY_PROFILE") or ("ci" if _in_ci else "dev")
PROPERTY_SETTINGS = settings(
    max_examples=_EXAMPLES[_profile],
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def rule_set() -> PolicySet:
    """The rule set in force plus the example roster."""
    return load_policy_set(default_policy_dir(), [ROSTER])


@pytest.fixture(scope="module")
def engines(
    rule_set: PolicySet,
    module_opa_server: OpaServerFactory,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Engine]]:
    """``embedded`` in this process and ``opa-server`` on a real OPA server (bundle)."""
    bundle = tmp_path_factory.mktemp("bundle") / "gatekeeper"
    stage_bundle(rule_set, bundle, default_revision(rule_set), [ROSTER])
    server = module_opa_server("-b", bundle)
    opened = {
        "embedded": open_engine("embedded", rule_set),
        "opa-server": open_engine(
            "opa-server", rule_set, EngineOptions(opa_url=server.url, upload_policy=False)
        ),
    }
    yield opened
    for engine in opened.values():
        engine.close()
