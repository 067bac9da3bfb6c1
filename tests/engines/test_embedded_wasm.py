"""The embedded engine: the OPA-compiled Wasm policy, its machine-code cache, its limits.

Real Wasm modules built by the real ``opa``, real wasmtime, real files in a
cache folder of each test (``GATEKEEPER_CACHE_DIR``).
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from gatekeeper.engines import EngineOptions, open_engine
from gatekeeper.engines._embedded import EmbeddedEngine
from gatekeeper.engines._wasm_policy import SHIPPED_WASM, read_manifest
from gatekeeper.models._exceptions import EngineError, PolicyError
from gatekeeper.policy._files import PolicySet, load_policy_set, modules_digest
from tests.engines.conftest import MakePolicy

REPO_ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = REPO_ROOT / "scenarios"
DOC = {"gate": "rollout", "metrics": {"error_rate": 0.001}, "ratio": 1}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache folder for this test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GATEKEEPER_CACHE_DIR", str(folder))
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "compiled").glob("*.cwasm"))


def _open(policy: PolicySet, **options: object) -> EmbeddedEngine:
    engine = open_engine("embedded", policy, EngineOptions(**options))  # type: ignore[arg-type]
    assert isinstance(engine, EmbeddedEngine)
    return engine


def _scenario(relative: str) -> dict[str, object]:
    document = json.loads((SCENARIOS / relative).read_text())
    return document.get("input", document)  # type: ignore[no-any-return]


# -- the shipped build ------------------------------------------------------------------------


def test_success_shipped_build_matches_the_rule_set(policy_set: PolicySet) -> None:
    manifest = read_manifest()
    assert manifest is not None and SHIPPED_WASM.is_file()
    assert manifest["modules_sha256"] == modules_digest(policy_set.modules)
    engine = _open(policy_set, opa_binary="/nonexistent/opa")
    assert engine.wasm_origin == "shipped"
    assert engine.version().startswith(f"opa {manifest['opa_version']} wasm, wasmtime ")


def test_success_data_changes_need_no_rebuild(policy_set: PolicySet, tmp_path: Path) -> None:
    """A roster given at run time changes the decision with the same shipped Wasm."""
    document = _scenario("approval/approve--performance-5-sprint-dri.json")
    without = _open(policy_set, opa_binary="/nonexistent/opa").evaluate(document)
    roster = load_policy_set(policy_set.root, (SCENARIOS / "roster.json",))
    with_roster = _open(roster, opa_binary="/nonexistent/opa")
    assert with_roster.wasm_origin == "shipped"
    assert without["action"] == "deny" and with_roster.evaluate(document)["action"] == "approve"


# -- the machine-code cache ---------------------------------------------------------------------


def test_success_cold_start_with_warm_cache_never_compiles(
    policy_set: PolicySet, cache: Path
) -> None:
    first = _open(policy_set)
    assert first.compiled
    (entry,) = _entries(cache)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    before = entry.stat().st_ino
    second = _open(policy_set)
    assert not second.compiled
    assert entry.stat().st_ino == before  # read, never written again
    document = _scenario("promotion/promote--seed-003-with-evidence.json")
    assert first.evaluate(document) == second.evaluate(document)


@pytest.mark.parametrize(
    "damage",
    ["flip-a-payload-byte", "foreign-file", "truncated", "wrong-digest-header"],
)
def test_fail_damaged_cache_entry_is_rebuilt_never_trusted(
    policy_set: PolicySet, cache: Path, damage: str
) -> None:
    _open(policy_set)
    (entry,) = _entries(cache)
    raw = entry.read_bytes()
    header_end = raw.index(b"\n") + 1
    if damage == "flip-a-payload-byte":
        position = header_end + len(raw) // 2
        damaged = raw[:position] + bytes([raw[position] ^ 0xFF]) + raw[position + 1 :]
    elif damage == "foreign-file":
        damaged = b"\x7fELF" + os.urandom(4096)
    elif damage == "truncated":
        damaged = raw[: len(raw) // 3]
    else:
        damaged = b"gatekeeper-cache 1 " + b"0" * 64 + b"\n" + raw[header_end:]
    entry.write_bytes(damaged)
    engine = _open(policy_set)
    assert engine.compiled, "a damaged entry must be rebuilt"
    assert entry.read_bytes() == raw, "the rebuilt entry replaces the damaged one"
    document = _scenario("rollout/decision-matrix/auto_rollback--error-rate-sustained-3-min.json")
    assert engine.evaluate(document)["action"] == "auto_rollback"


def test_fail_a_folder_in_place_of_an_entry_is_refused_naming_it(
    policy_set: PolicySet, cache: Path
) -> None:
    """Not a regular file: never read, never replaced, no decision (docs/security.md)."""
    _open(policy_set)
    (entry,) = _entries(cache)
    entry.unlink()
    entry.mkdir()
    with pytest.raises(EngineError, match=rf"{entry} is not a regular file: remove it"):
        _open(policy_set)
    assert entry.is_dir()


# -- a policy folder that is not the shipped build ----------------------------------------------


def test_success_cache_keeps_only_the_most_recently_used_entries(cache: Path) -> None:
    from gatekeeper.engines._wasm_cache import KEEP_ENTRIES, read_entry, write_entry

    folder = cache / "compiled"
    paths = [folder / f"{index:02d}.cwasm" for index in range(KEEP_ENTRIES)]
    for age, path in enumerate(paths):
        assert write_entry(path, f"machine code {age}".encode())
        os.utime(path, ns=(age * 10**9, age * 10**9))  # 00 used longest ago
    assert sorted(folder.iterdir()) == paths
    assert read_entry(paths[0]) == b"machine code 0"  # used again: now the most recent
    assert write_entry(folder / "new.cwasm", b"machine code new")
    kept = sorted(path.name for path in folder.iterdir())
    assert kept == sorted(["new.cwasm", paths[0].name, *(p.name for p in paths[2:])])


def test_success_changed_policy_folder_is_compiled_with_opa_and_cached(
    tiny_policy: PolicySet, opa_binary: str, cache: Path
) -> None:
    engine = _open(tiny_policy, opa_binary=opa_binary)
    assert engine.wasm_origin == "built from the policy folder"
    assert engine.evaluate(DOC)["action"] == "continue"
    # the Wasm is cached by the modules' digest: no opa needed the second time
    again = _open(tiny_policy, opa_binary="/nonexistent/opa")
    assert not again.compiled and again.evaluate(DOC)["action"] == "continue"


def test_fail_changed_policy_folder_without_opa_names_the_remedy(
    tiny_policy: PolicySet, cache: Path
) -> None:
    with pytest.raises(PolicyError, match=r"differ from the policy built into gatekeeper.*opa"):
        _open(tiny_policy, opa_binary="/nonexistent/opa")


def test_fail_policy_compile_error_is_a_policy_error(make_policy: MakePolicy, cache: Path) -> None:
    policy = make_policy({"gatekeeper/main.rego": "package gatekeeper.main\n\ndecision := {\n"})
    with pytest.raises(PolicyError, match=r"embedded: policy compile error: .*rego_parse_error"):
        _open(policy)


def test_fail_unknown_host_builtin_is_refused_at_load(make_policy: MakePolicy, cache: Path) -> None:
    source = 'package gatekeeper.main\n\ndecision := {"t": time.now_ns()}\n'
    policy = make_policy({"gatekeeper/main.rego": source})
    with pytest.raises(PolicyError, match=r"built-ins this host does not provide: time\.now_ns"):
        _open(policy)


# -- evaluation limits ---------------------------------------------------------------------------

SLOW = """package gatekeeper.main

decision := {"n": count([1 |
	some i in numbers.range(1, input.n)
	some j in numbers.range(1, input.n)
	i + j < 0
])}
"""

CONFLICT = """package gatekeeper.main

x := 1 if input.a

x := 2 if input.b

decision := {"x": x}
"""


def test_fail_deadline_stops_a_long_evaluation(make_policy: MakePolicy, cache: Path) -> None:
    engine = _open(make_policy({"gatekeeper/main.rego": SLOW}), timeout_seconds=0.2)
    started = time.monotonic()
    with pytest.raises(EngineError, match=r"embedded: deadline exceeded: no decision within 0.2s"):
        engine.evaluate({"n": 5000})
    assert time.monotonic() - started < 2.0
    # the instance is still usable after an interrupted evaluation
    with pytest.raises(EngineError, match="wrong type"):
        engine.evaluate({"n": 3})


def test_fail_abort_carries_opas_message(make_policy: MakePolicy, cache: Path) -> None:
    engine = _open(make_policy({"gatekeeper/main.rego": CONFLICT}))
    with pytest.raises(EngineError, match=r"evaluation aborted: .*main\.rego:5:1: var assignment"):
        engine.evaluate({"a": True, "b": True})
    with pytest.raises(EngineError, match="wrong type"):
        engine.evaluate({"a": True})


@pytest.mark.parametrize("length", [1440, 5000])
def test_success_very_long_series_decide(policy_set: PolicySet, length: int) -> None:
    document = _scenario("rollout/decision-matrix/promote_next_step--healthy-phase-25.json")
    canary = dict(document["canary"])  # type: ignore[call-overload]
    canary["error_rate"] = [0.001] * (length - 3) + [0.009, 0.009, 0.009]
    canary["p99_latency_ms"] = [180.0] * length
    engine = _open(policy_set)
    decision = engine.evaluate({**document, "canary": canary})
    assert decision["action"] == "auto_rollback"
    assert [v["code"] for v in decision["violations"]] == ["ERROR_RATE"]
    healthy = dict(canary, error_rate=[0.001] * length)
    assert engine.evaluate({**document, "canary": healthy})["action"] == "promote_next_step"


def test_success_build_script_pins_the_ci_opa_version() -> None:
    from tools.build_wasm import PINNED_OPA_VERSION

    ci = (REPO_ROOT / ".ci" / "run").read_text()
    assert f'OPA_VERSION="v{PINNED_OPA_VERSION}"' in ci
    manifest = read_manifest()
    assert manifest is not None and manifest["opa_version"] == PINNED_OPA_VERSION


@pytest.mark.opa
def test_success_shipped_wasm_is_what_rego_builds(opa_binary: str) -> None:
    """The same check as CI's step: a fresh build of rego/ is byte-identical to the shipped one."""
    from tools.build_wasm import main

    assert main(["--check", "--opa-binary", opa_binary]) == 0
