"""An organisation's thresholds as a policy layer (``--policy-data DIR``, docs/policy-data.md):
validated against the shipped profile shapes, merged over them, part of the revision,
decided on identically by every engine, carried by a bundle with the same revision and
shown by ``audit --since``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main
from gatekeeper.engines import EngineOptions, open_engine
from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._files import load_policy_set
from tests.conftest import REPO_ROOT, OpaServerFactory

PROMOTE = REPO_ROOT / "scenarios" / "promotion" / "promote--spec-6-example.json"
STRICTER = {"default": {"thresholds": {"cost_increase_max": 0.04}}}
"""The example input's cost increase is 0.05: promoted as shipped, blocked under this."""


def _layer(folder: Path, files: dict[str, Any]) -> Path:
    for relative, document in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document if isinstance(document, str) else json.dumps(document))
    return folder


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_success_layer_changes_the_revision_and_the_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    layer = _layer(tmp_path / "org", {"promotion/data.json": STRICTER})
    shipped, layered = load_policy_set(), load_policy_set(policy_data=layer)
    assert layered.revision != shipped.revision
    profile = layered.data["gatekeeper"]["profiles"]["promotion"]["default"]
    assert profile["thresholds"]["cost_increase_max"] == 0.04
    assert profile["thresholds"]["shadow_requests"] == 1000  # the rest as shipped
    log = tmp_path / "decisions.jsonl"
    code, out, err = _run(
        [
            "check",
            str(PROMOTE),
            "--policy-data",
            str(layer),
            "--format",
            "json",
            "--decision-log",
            str(log),
        ],
        capsys,
    )
    assert code == 1, err
    decision = json.loads(out)
    assert decision["policy_revision"] == layered.revision
    assert [v["code"] for v in decision["violations"]] == ["COST"]


def test_success_a_layer_that_changes_nothing_keeps_the_revision(tmp_path: Path) -> None:
    same = {"default": {"thresholds": {"cost_increase_max": 0.10}}}
    layer = _layer(tmp_path / "org", {"promotion/data.json": same})
    assert load_policy_set(policy_data=layer).digest == load_policy_set().digest


def test_success_the_environment_names_the_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layer = _layer(tmp_path / "org", {"data.json": {"promotion": STRICTER}})
    monkeypatch.setenv("GATEKEEPER_POLICY_DATA", str(layer))
    assert load_policy_set().digest == load_policy_set(policy_data=layer).digest
    monkeypatch.delenv("GATEKEEPER_POLICY_DATA")
    assert load_policy_set().digest != load_policy_set(policy_data=layer).digest


@pytest.mark.parametrize(
    ("files", "named"),
    [
        (
            {"promotion/data.json": {"default": {"thresholds": {"cost_max": 0.1}}}},
            "profiles.promotion.default.thresholds.cost_max: unknown key",
        ),
        (
            {"rollout/gray-scale/data.json": {"checks": {"error_spike": None}}},
            "profiles.rollout.gray-scale.checks.error_spike: null would remove",
        ),
        (
            {"promotion/data.json": {"default": {"checklist": [{"code": "SHADOW_REQUESTS"}]}}},
            "would remove the check(s) SHADOW_DURATION",
        ),
        (
            {"promotion/data.json": {"default": {"thresholds": {"gold_security_pass_rate": 95}}}},
            "gold_security_pass_rate: 95 is not a fraction from 0 to 1",
        ),
        (
            {"rollout/gray-scale/data.json": {"checks": {"error_spike": {"limit": {"value": 10}}}}},
            "error_spike.limit.value: 10 is not a fraction",
        ),
        (
            {"promotion/data.json": {"default": {"thresholds": {"shadow_requests": "2000"}}}},
            "shadow_requests: must be a number",
        ),
        (
            {"promotion/data.json": {"default": {"thresholds": {"shadow_requests": -1}}}},
            "shadow_requests: must not be negative",
        ),
        ({"promotion.json": {}}, "only files named data.json or data.yaml"),
        ({"nosuch/data.json": {"x": 1}}, "profiles.nosuch: unknown key"),
    ],
)
def test_fail_a_layer_outside_the_shipped_shapes_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, Any], named: str
) -> None:
    layer = _layer(tmp_path / "org", files)
    with pytest.raises(PolicyError) as caught:
        load_policy_set(policy_data=layer)
    assert named in str(caught.value)
    code, out, err = _run(
        [
            "check",
            str(PROMOTE),
            "--policy-data",
            str(layer),
            "--decision-log",
            str(tmp_path / "d.jsonl"),
        ],
        capsys,
    )
    assert (code, out) == (2, "") and named in err, err


def test_success_embedded_engine_runs_the_shipped_wasm_with_the_layer(tmp_path: Path) -> None:
    """The layer is data: the shipped Wasm takes it at run time, no ``opa`` needed."""
    layer = _layer(tmp_path / "org", {"promotion/data.json": STRICTER})
    engine = open_engine("embedded", load_policy_set(policy_data=layer))
    try:
        assert engine.wasm_origin == "shipped"  # type: ignore[attr-defined]
        decision = engine.evaluate(json.loads(PROMOTE.read_text()))
    finally:
        engine.close()
    assert decision["action"] == "block" or not decision["allow"]


@pytest.mark.opa
def test_success_every_engine_and_the_bundle_decide_alike_under_the_layer(
    tmp_path: Path,
    opa_binary: str,
    opa_server: OpaServerFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    layer = _layer(tmp_path / "org", {"promotion/data.json": STRICTER})
    policy = load_policy_set(policy_data=layer)
    document = json.loads(PROMOTE.read_text())
    bundle = tmp_path / "bundle.tar.gz"
    code, out, err = _run(
        ["bundle", "build", "-o", str(bundle), "--policy-data", str(layer), "--json"], capsys
    )
    assert code == 0, err
    assert json.loads(out)["revision"] == f"sha256:{policy.digest}"
    dedicated = opa_server()
    served = opa_server("-b", str(bundle))
    engines = {
        "embedded": open_engine("embedded", policy),
        "opa-cli": open_engine("opa-cli", policy, EngineOptions(opa_binary=opa_binary)),
        "upload": open_engine(
            "opa-server", policy, EngineOptions(opa_url=dedicated.url, upload_policy=True)
        ),
        "bundle": open_engine(
            "opa-server", policy, EngineOptions(opa_url=served.url, upload_policy=False)
        ),
    }
    try:
        decisions = {name: engine.evaluate(document) for name, engine in engines.items()}
    finally:
        for engine in engines.values():
            engine.close()
    reference = decisions["embedded"]
    assert not reference["allow"]
    for name, decision in decisions.items():
        assert json.dumps(decision) == json.dumps(reference), name
    # the shipped rules on that server are refused: not the layered revision
    code, _, err = _run(
        [
            "check",
            str(PROMOTE),
            "--engine",
            "opa-server",
            "--opa-url",
            served.url,
            "--decision-log",
            str(tmp_path / "d.jsonl"),
        ],
        capsys,
    )
    assert code == 2 and "does not serve the local policy revision" in err


@pytest.mark.opa
def test_success_audit_since_shows_the_layers_thresholds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    layer = _layer(tmp_path / "org", {"promotion/data.json": STRICTER})
    report = tmp_path / "audit.json"
    _run(
        [
            "audit",
            "--format",
            "json",
            "-o",
            str(report),
            "--no-scenarios",
            "--no-opa",
            "--since",
            "HEAD",
            "--policy-data",
            str(layer),
        ],
        capsys,
    )
    audited = json.loads(report.read_text())
    assert audited["auditor_summary"]["since"]["thresholds_changed"] == 1
    (change,) = audited["since"]["changes"]
    assert change["path"].endswith("promotion.default.thresholds.cost_increase_max"), change
    assert (change["old"], change["new"]) == (0.1, 0.04)
    assert audited["revision"]["policy_revision"] == load_policy_set(policy_data=layer).revision
