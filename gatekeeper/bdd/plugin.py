"""gatekeeper's pytest plugin: the Gherkin step library and the engines behind it.

Loaded by the ``pytest11`` entry point ``gatekeeper``, it lets an organisation run
its own ``features/`` against its own policy data with no step code::

    pytest --gatekeeper-data roster.json --gatekeeper-policy-dir rego/ tests/features

Every scenario with a "When the ... gate decides" step runs once per engine; a
non-embedded engine's decision must equal the embedded engine's (whole decision).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.bdd._record import DecisionRecord, records_of

STEP_MODULES = [
    "gatekeeper.bdd.steps_common",
    "gatekeeper.bdd.steps_promotion",
    "gatekeeper.bdd.steps_rollout",
    "gatekeeper.bdd.steps_profiles",
    "gatekeeper.bdd.steps_approval",
    "gatekeeper.bdd.steps_waivers",
]

try:
    import pytest_bdd  # noqa: F401
except ImportError:  # pragma: no cover - without pytest-bdd the plugin stays inert
    HAS_PYTEST_BDD = False
    pytest_plugins: list[str] = []
else:
    HAS_PYTEST_BDD = True
    pytest_plugins = STEP_MODULES

DEFAULT_ENGINES = ("embedded", "opa-server")
ENGINE_PARAM = "gatekeeper_engine_name"
_DECIDES = re.compile(r"^the (?:\w[\w-]* )?gate decides$")

MARKERS = {
    "opa": "needs the real opa binary (fails under CI=true when it is missing)",
    "promotion": "scenario of the promotion gate (shadow -> gray-scale)",
    "rollout": "scenario of the rollout gate",
    "approval": "scenario of the approval gate (decision-authority matrix)",
    "decision_matrix": "a cell of the rollout decision matrix",
    "authority_matrix": "a cell of the decision-authority matrix",
    "auto_rollback": "the expected action is an automatic rollback",
    "manual": "the expected action is a manual decision within a window",
    "boundary": "a row just inside or just outside a threshold",
    "missing_evidence": "absent evidence fails closed (MISSING_EVIDENCE)",
    "allowed": "the expected decision lets the change go ahead",
    "refused": "the expected decision refuses the change",
    "profile": "scenario of a rollout profile other than the decision matrix",
    "documented_example": "an example taken as given from the documentation",
    "waivers": "scenario of a waiver (an exception with owner, scope and expiry)",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gatekeeper", "gatekeeper scenarios")
    group.addoption(
        "--gatekeeper-engine",
        action="append",
        dest="gatekeeper_engines",
        metavar="NAME",
        help="engine to run every scenario on (repeat; default: embedded and opa-server)",
    )
    group.addoption(
        "--gatekeeper-policy-dir",
        dest="gatekeeper_policy_dir",
        metavar="DIR",
        help="policy folder (default: $GATEKEEPER_POLICY_DIR, the packaged policy, or rego/)",
    )
    group.addoption(
        "--gatekeeper-data",
        action="append",
        dest="gatekeeper_data",
        metavar="FILE",
        help="extra data document (a roster, tighter thresholds), as --data does (repeat)",
    )
    group.addoption(
        "--gatekeeper-opa-url",
        dest="gatekeeper_opa_url",
        metavar="URL",
        help="OPA server for the opa-server engine (default: a fresh one on 127.0.0.1)",
    )
    parser.addini("gatekeeper_engines", "engines to run every scenario on", type="args")
    parser.addini("gatekeeper_policy_dir", "policy folder for the scenarios", type="string")
    parser.addini("gatekeeper_data", "extra data documents for the scenarios", type="args")
    parser.addini(
        "gatekeeper_register_feature_tags",
        "register every tag found in bdd_features_base_dir as a marker (default true)",
        type="bool",
        default=True,
    )


def pytest_configure(config: pytest.Config) -> None:
    for name, description in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {description}")
    if _ini(config, "gatekeeper_register_feature_tags", True):
        for tag in sorted(_feature_tags(config)):
            if tag not in MARKERS:
                config.addinivalue_line("markers", f"{tag}: tag from a feature file")


def engine_names(config: pytest.Config) -> list[str]:
    """The engines every scenario runs on, from the option, the ini key, or the default."""
    chosen = _setting(config, "gatekeeper_engines", [])
    names: list[str] = []
    for item in chosen or DEFAULT_ENGINES:
        for name in str(item).split(","):
            if name.strip() and name.strip() not in names:
                names.append(name.strip())
    return names


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if not _decides_a_gate(metafunc.function) or ENGINE_PARAM in metafunc.fixturenames:
        return
    params = [
        pytest.param(name, id=name, marks=[pytest.mark.opa] if name != "embedded" else [])
        for name in engine_names(metafunc.config)
    ]
    metafunc.fixturenames.append(ENGINE_PARAM)
    metafunc.parametrize(ENGINE_PARAM, params)


def _decides_a_gate(function: Any) -> bool:
    if not HAS_PYTEST_BDD:
        return False
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    template = scenario_wrapper_template_registry.get(function)
    if template is None:
        return False
    steps = [*template.all_background_steps, *template.steps]
    return any(step.type == "when" and _DECIDES.match(step.name) for step in steps)


@pytest.fixture
def gatekeeper_engine_name(request: pytest.FixtureRequest) -> str:
    """The engine of this scenario (parametrised; the first configured one otherwise)."""
    return engine_names(request.config)[0]


@pytest.fixture(scope="session")
def gatekeeper_policy_set(request: pytest.FixtureRequest) -> Any:
    """The policy set under test: the policy folder plus the extra data files."""
    from gatekeeper.policy._files import load_policy_set

    folder = _setting(request.config, "gatekeeper_policy_dir", "")
    data = _setting(request.config, "gatekeeper_data", [])
    root = Path(folder) if folder else None
    return load_policy_set(root, [Path(p) for p in data or []])


@pytest.fixture(scope="session")
def gatekeeper_opa_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """An OPA server URL: the option, else a fresh ``opa run --server`` for the session.

    A missing ``opa`` binary skips the opa-server scenarios, and fails them under CI=true.
    """
    given = request.config.getoption("gatekeeper_opa_url", None)
    if given:
        yield str(given)
        return
    from gatekeeper.bdd._opa_process import OpaProcess
    from gatekeeper.models._exceptions import EngineError
    from gatekeeper.policy._opa_tool import find_opa_binary

    try:
        binary = find_opa_binary()
    except EngineError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and {exc}", pytrace=False)
        pytest.skip(str(exc))
    server = OpaProcess(binary)
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def gatekeeper_engines(gatekeeper_policy_set: Any) -> Iterator[Any]:
    """One engine of each kind for the whole session (compiled once)."""
    from gatekeeper.bdd._hub import EngineHub

    hub = EngineHub(gatekeeper_policy_set)
    try:
        yield hub
    finally:
        hub.close()


@pytest.fixture
def gatekeeper_decide(
    request: pytest.FixtureRequest, gatekeeper_engines: Any, gatekeeper_engine_name: str
) -> Callable[..., dict[str, Any]]:
    """Ask this scenario's engine for a decision on an input; each call is recorded."""
    opa_url = None
    if gatekeeper_engine_name == "opa-server":
        opa_url = str(request.getfixturevalue("gatekeeper_opa_url"))

    def decide(
        document: dict[str, Any],
        roster: dict[str, list[str]] | None = None,
        waivers: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        decision: dict[str, Any] = gatekeeper_engines.decide(
            gatekeeper_engine_name, document, opa_url, roster, waivers
        )
        records_of(request.node).append(DecisionRecord(gatekeeper_engine_name, document, decision))
        return decision

    return decide


@pytest.fixture
def gatekeeper_roster() -> dict[str, list[str]] | None:
    """The scenario's roster ("Given the roster:"); None keeps the policy data's roster."""
    return None


def _setting(config: pytest.Config, name: str, default: Any) -> Any:
    """The command-line option ``name``, else the ini key of that name, else ``default``."""
    return config.getoption(name, None) or _ini(config, name, default)


def _ini(config: pytest.Config, name: str, default: Any) -> Any:
    try:
        value = config.getini(name)
    except ValueError:
        return default
    return value if value not in (None, "", []) else default


_TAG = re.compile(r"(?<![\w@])@([A-Za-z_][\w-]*)")


def _feature_tags(config: pytest.Config) -> set[str]:
    base = _ini(config, "bdd_features_base_dir", "")
    if not base:
        return set()
    folder = Path(config.rootpath) / str(base)
    tags: set[str] = set()
    for path in folder.rglob("*.feature") if folder.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("@"):
                tags.update(_TAG.findall(line))
    return tags
