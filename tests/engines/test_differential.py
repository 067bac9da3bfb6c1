"""The three engines give the same whole decision for every scenario and 10,000+ generated inputs.

Each input runs through ``embedded`` (the OPA-compiled Wasm policy, in-process),
``opa-server`` (a real OPA server loaded by the engine) and ``opa-cli`` (``opa eval``)
on the real rule set with the roster of ``scenarios/roster.json`` and the
waivers of ``scenarios/waivers.json`` (passed as ``--data``); approval inputs run
once more without a roster (everyone unauthorised). Decisions must be identical:
the same messages, the same order,
the same numbers. A scenario file named ``<action>--<name>.json`` must also give
that action.

Generated inputs (hypothesis, derandomized) cover every gate and profile with
numbers at and next to every number in the policy data. They are evaluated
in-process by the embedded engine, in batches on the OPA server (one keep-alive
client, one query per batch of 500), and a sample of them in one ``opa eval``.
"""

from __future__ import annotations

import json
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning

from gatekeeper.engines import ENGINE_NAMES, Engine, EngineOptions, open_engine
from gatekeeper.models import validate_input
from gatekeeper.models._examples import APPROVAL_EXAMPLE, PROMOTION_EXAMPLE, ROLLOUT_EXAMPLE
from gatekeeper.models._exceptions import EngineError, InputError
from gatekeeper.policy._files import default_policy_dir, load_policy_set
from tests.engines._generated_inputs import Strategies

if TYPE_CHECKING:
    from tests.conftest import OpaServerFactory

REPO_ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = REPO_ROOT / "scenarios"
ROSTER = SCENARIOS / "roster.json"
WAIVERS = SCENARIOS / "waivers.json"

# The input example of each gate (gatekeeper.models._examples), verbatim.
GATE_EXAMPLES: dict[str, dict[str, Any]] = {
    "example-promotion": PROMOTION_EXAMPLE,
    "example-rollout": ROLLOUT_EXAMPLE,
    "example-approval": APPROVAL_EXAMPLE,
}


def _is_data_document(document: Any) -> bool:
    return isinstance(document, dict) and set(document) == {"gatekeeper"}


def scenario_inputs() -> dict[str, dict[str, Any]]:
    """Every input of ``scenarios/**/*.json`` (unwrapped) and each gate's example."""
    inputs: dict[str, dict[str, Any]] = {}
    for path in sorted(SCENARIOS.glob("**/*.json")):
        document = json.loads(path.read_text())
        if _is_data_document(document):
            continue
        if isinstance(document, dict) and set(document) == {"input"}:
            document = document["input"]
        inputs[path.relative_to(SCENARIOS).as_posix()] = document
    inputs.update(GATE_EXAMPLES)
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
    options = EngineOptions(opa_binary=opa_binary, opa_url=server.url, upload_policy=True)
    return {name: open_engine(name, policy, options) for name in ENGINE_NAMES}


@pytest.fixture(scope="module")
def engines_with_roster(
    opa_binary: str, module_opa_server: OpaServerFactory
) -> Iterator[dict[str, Engine]]:
    """The three engines on the real rule set plus ``scenarios/roster.json``, opened once."""
    if not ROSTER.exists():
        pytest.skip("scenarios/roster.json is missing")
    opened = _open_engines((ROSTER, WAIVERS), opa_binary, module_opa_server)
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
        assert decision == reference, f"embedded vs {engine_name} on {name}"
        assert json.dumps(decision) == json.dumps(reference), f"key or list order: {name}"
    return reference


@pytest.mark.opa
@pytest.mark.parametrize("name", sorted(INPUTS))
def test_engines_agree(name: str, engines_with_roster: dict[str, Engine]) -> None:
    reference = _assert_engines_agree(name, engines_with_roster)
    action = expected_action(name)
    if action == "invalid_input":
        assert "INVALID_INPUT" in {v["code"] for v in reference["violations"]}, name
    elif action is not None:
        assert reference["action"] == action, f"{name}: {reference}"


@pytest.mark.opa
@pytest.mark.parametrize("name", APPROVAL_INPUTS)
def test_engines_agree_without_roster(name: str, engines_without_roster: dict[str, Engine]) -> None:
    reference = _assert_engines_agree(name, engines_without_roster)
    assert reference["action"] == "deny", f"{name} without a roster: {reference}"


def test_scenarios_exist() -> None:
    assert any(not name.startswith("spec-") for name in INPUTS), "no scenario inputs found"


# -- generated inputs --------------------------------------------------------------------------

GENERATED_PER_KIND = 2220
GENERATED_PER_EXAMPLE = 12
SERVER_BATCH = 500
CLI_EVERY = 25
BATCH_PACKAGE = "gatekeeper_test_batch"
BATCH_POLICY = f"""package {BATCH_PACKAGE}

results := {{i: decision |
	some i, document in input.documents
	decision := data.gatekeeper.main.decision with input as document
}}
"""


def _canonical(document: Any) -> str:
    return json.dumps(document, sort_keys=True)


def _generate(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """``count`` examples of ``strategy``, the same on every run (derandomized)."""
    collected: list[Any] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.deferred(lambda: strategy))  # a short repr: the strategy's own is huge
    def collect(document: Any) -> None:
        collected.append(document)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HypothesisWarning)
        collect()
    return collected


def _kind(document: dict[str, Any]) -> str:
    gate = document.get("gate", "promotion")
    if gate == "rollout":
        return f"rollout/{document.get('profile', 'decision-matrix')}"
    return str(gate)


def _bases() -> dict[str, list[dict[str, Any]]]:
    """The scenario inputs by gate and profile: complete inputs to move around."""
    bases: dict[str, list[dict[str, Any]]] = {}
    for name, document in sorted(INPUTS.items()):
        if not name.startswith("spec-"):
            bases.setdefault(_kind(document), []).append(document)
    return bases


@pytest.fixture(scope="module")
def generated() -> dict[str, list[dict[str, Any]]]:
    """10,000+ distinct inputs over every gate and profile, by kind."""
    policy = load_policy_set(default_policy_dir(), (ROSTER,))
    roster = policy.data.get("gatekeeper", {}).get("roster", {})
    strategies = Strategies(policy.data, sorted(roster), _bases())
    by_kind: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    for kind, strategy in strategies.by_kind().items():
        documents = []
        groups = st.lists(
            strategy,
            min_size=GENERATED_PER_EXAMPLE,
            max_size=GENERATED_PER_EXAMPLE,
            unique_by=_canonical,
        )
        for group in _generate(groups, GENERATED_PER_KIND // GENERATED_PER_EXAMPLE):
            for document in group:
                key = _canonical(document)
                if key not in seen:
                    seen.add(key)
                    documents.append(document)
        by_kind[kind] = documents
    return by_kind


def _embedded_results(engine: Engine, documents: list[dict[str, Any]]) -> list[Any]:
    results: list[Any] = []
    for document in documents:
        try:
            results.append(engine.evaluate(document))
        except EngineError as exc:
            results.append(("no decision", "undefined" if "undefined" in str(exc) else str(exc)))
    return results


STRICT_ERROR = "built-in error in strict mode"


def _server_results(url: str, documents: list[dict[str, Any]]) -> list[Any]:
    """Decisions from the OPA server, batch by batch; a batch with an error one by one."""
    import httpx

    results: list[Any] = []
    with httpx.Client(base_url=url, timeout=120.0) as client:
        client.put(f"/v1/policies/{BATCH_PACKAGE}", content=BATCH_POLICY).raise_for_status()

        def query(chunk: list[dict[str, Any]]) -> list[Any] | None:
            response = client.post(
                f"/v1/data/{BATCH_PACKAGE}/results",
                params={"strict-builtin-errors": "true"},
                json={"input": {"documents": chunk}},
            )
            if response.status_code == 500 and "eval_" in response.text:
                return None
            assert response.status_code == 200, response.text[:2000]
            answer = response.json().get("result", {})
            return [answer.get(str(i), ("no decision", "undefined")) for i in range(len(chunk))]

        for start in range(0, len(documents), SERVER_BATCH):
            chunk = documents[start : start + SERVER_BATCH]
            answered = query(chunk)
            if answered is None:
                answered = [(query([d]) or [("no decision", STRICT_ERROR)])[0] for d in chunk]
            results.extend(answered)
    return results


def _cli_results(opa_binary: str, documents: list[dict[str, Any]], tmp_path: Path) -> list[Any]:
    policy = load_policy_set(default_policy_dir(), (ROSTER, WAIVERS))
    batch = tmp_path / "batch.rego"
    batch.write_text(BATCH_POLICY)
    inputs = tmp_path / "input.json"
    inputs.write_text(json.dumps({"documents": documents}))
    command = [opa_binary, "eval", "--format", "json", "--ignore", "*_test.rego"]
    command += ["--data", str(policy.root), "--data", str(ROSTER), "--data", str(WAIVERS)]
    command += ["--data", str(batch)]
    command += ["--input", str(inputs), "--strict-builtin-errors"]
    command.append(f"data.{BATCH_PACKAGE}.results")
    completed = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert completed.returncode == 0, completed.stderr[:2000] or completed.stdout[:2000]
    answer = json.loads(completed.stdout)["result"][0]["expressions"][0]["value"]
    return [answer.get(str(i), ("no decision", "undefined")) for i in range(len(documents))]


def _refused_by_models(document: dict[str, Any]) -> bool:
    try:
        validate_input(document)
    except InputError:
        return True
    return False


def _mismatches(documents: list[dict[str, Any]], ours: list[Any], theirs: list[Any]) -> list[str]:
    found = []
    for document, left, right in zip(documents, ours, theirs, strict=True):
        if left != right or json.dumps(left) != json.dumps(right):
            found.append(f"input {json.dumps(document)}\n  embedded {left}\n  reference {right}")
    return found


@pytest.mark.opa
def test_engines_agree_on_generated_inputs(
    generated: dict[str, list[dict[str, Any]]],
    engines_with_roster: dict[str, Engine],
    opa_binary: str,
    tmp_path: Path,
) -> None:
    documents = [document for kind in sorted(generated) for document in generated[kind]]
    assert len(documents) >= 10_000
    embedded = _embedded_results(engines_with_roster["embedded"], documents)
    url = getattr(engines_with_roster["opa-server"], "url", None)
    assert isinstance(url, str)
    reference = _server_results(url, documents)
    # OPA in strict mode stops on a built-in error (a wrong type reaching object.get, say);
    # the Wasm module has no strict mode. Where the embedded engine decides such an
    # input, the input models must refuse it before any engine runs. Every other
    # input must give the identical decision, or no decision from both.
    strict = [i for i, r in enumerate(reference) if r == ("no decision", STRICT_ERROR)]
    unrefused = [
        documents[i]
        for i in strict
        if isinstance(embedded[i], dict) and not _refused_by_models(documents[i])
    ]
    assert not unrefused, "embedded decides where OPA errors, on valid inputs:\n" + "\n".join(
        json.dumps(d) for d in unrefused[:10]
    )
    decided = [i for i in range(len(documents)) if i not in set(strict)]
    mismatches = _mismatches(
        [documents[i] for i in decided],
        [embedded[i] for i in decided],
        [reference[i] for i in decided],
    )
    assert not mismatches, f"{len(mismatches)} of {len(decided)} differ:\n" + "\n".join(
        mismatches[:10]
    )
    sample = [documents[i] for i in decided[::CLI_EVERY]]
    cli = _cli_results(opa_binary, sample, tmp_path)
    mismatches = _mismatches(sample, [embedded[i] for i in decided[::CLI_EVERY]], cli)
    assert not mismatches, f"opa-cli: {len(mismatches)} of {len(sample)} differ:\n" + "\n".join(
        mismatches[:10]
    )
    # the generated inputs reach many outcomes of every gate and profile
    start = 0
    for kind in sorted(generated):
        results = embedded[start : start + len(generated[kind])]
        start += len(generated[kind])
        actions = {r["action"] for r in results if isinstance(r, dict)}
        wanted = 4 if kind.startswith("rollout/") else 2
        assert len(generated[kind]) >= 1000 and len(actions) >= wanted, (kind, actions)
