"""``gatekeeper schema`` shows what the policy adds: the fields a decision needs in
practice (absent, they are MISSING_EVIDENCE) and the thresholds in force; the input
reference and the rollout profiles agree with the models."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gatekeeper.cli._main import main
from gatekeeper.models import input_schema
from tests.conftest import REPO_ROOT


def _schema(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["schema", *args]) == 0
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


def test_success_promotion_schema_names_required_fields_and_default_thresholds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    schema = _schema(capsys, "promotion")
    shipped = json.loads((REPO_ROOT / "rego/gatekeeper/profiles/promotion/data.json").read_text())
    assert schema["x-policy-thresholds"] == shipped["default"]["thresholds"]
    required = schema["x-required-in-practice"]
    assert isinstance(required, list)
    assert {"shadow.requests", "statistical_tests.accuracy_p_value"} <= set(required)
    defs = schema["$defs"]
    assert isinstance(defs, dict)
    assert defs["Shadow"]["properties"]["requests"]["x-required-in-practice"] is True
    # an organisation's layer shows its own thresholds
    layer = tmp_path / "org" / "promotion"
    layer.mkdir(parents=True)
    (layer / "data.json").write_text('{"default": {"thresholds": {"shadow_requests": 5000}}}')
    layered = _schema(capsys, "promotion", "--policy-data", str(tmp_path / "org"))
    thresholds = layered["x-policy-thresholds"]
    assert isinstance(thresholds, dict) and thresholds["shadow_requests"] == 5000


def test_success_rollout_profile_schema_names_evidence_and_limits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    schema = _schema(capsys, "rollout", "--profile", "gray-scale")
    assert "canary.error_rate" in schema["x-required-in-practice"]  # type: ignore[operator]
    assert schema["x-policy-thresholds"]["error_spike"] == {"value": 0.1}  # type: ignore[index]
    every = _schema(capsys, "rollout")
    assert set(every["x-profiles"]) >= {"decision-matrix", "gray-scale"}  # type: ignore[arg-type]


def test_success_insufficient_data_is_in_the_schema_and_the_reference() -> None:
    tests = input_schema("promotion")["$defs"]["StatisticalTests"]["properties"]
    assert tests["insufficient_data"]["type"] == "array"
    reference = (REPO_ROOT / "docs" / "inputs.md").read_text()
    assert "statistical_tests.insufficient_data" in reference


def test_success_rollout_profiles_doc_gives_each_baseline_the_models_type() -> None:
    """docs/rollout-profiles.md agrees with the input model (docs/inputs.md) on every
    baseline field of the environment profile: one number, not a series."""
    properties = input_schema("rollout", "environment")["$defs"]
    baseline = next(
        v
        for k, v in properties.items()
        if k.endswith("Baseline") and "error_rate" in v.get("properties", {})
    )
    text = (REPO_ROOT / "docs" / "rollout-profiles.md").read_text()
    section = text[
        text.index("## Profile `environment`") : text.index("## Profile `model-registry`")
    ]
    checked: list[str] = []
    for row in re.findall(r"^\| `canary\.(\w+)` / `baseline\.\1` \| ([^|]+) \|", section, re.M):
        name, types = row
        documented = types.split("/")[-1].strip()
        model = baseline["properties"][name]["type"]
        if model == "object":  # buckets: an object either side
            continue
        checked.append(name)
        assert documented == {"number": "number", "array": "series"}[model], (name, types)
    assert {"error_rate", "p95_latency_ms", "pass_rate"} <= set(checked)
