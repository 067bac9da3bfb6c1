"""The sequential profile's inputs are built by build-input from measurements.

The scenarios under ``scenarios/rollout/sequential/`` that come from measurements are
rebuilt here from seeded request samples (or series) through the real
``gatekeeper build-input``, and must equal the stored files: what the example shows is
what the builder makes. ``GATEKEEPER_WRITE_SCENARIOS=1`` rewrites them.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from _metrics_data import T0, write_csv, write_lines

from gatekeeper.cli._main import main
from gatekeeper.metrics import build_rollout, read_series_files
from gatekeeper.metrics._sequential_input import Statistics, profile_statistics
from gatekeeper.models._exceptions import MetricsError

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios" / "rollout" / "sequential"
PER_MINUTE = 1000


def _samples(
    arm: str, minutes: int, *, seed: int, error_rate: float, slower: float = 1.0
) -> dict[str, np.ndarray[Any, Any]]:
    rng = np.random.default_rng(seed)
    n = minutes * PER_MINUTE
    return {
        "timestamp": T0 + np.sort(rng.uniform(0.0, minutes * 60.0, n)),
        "arm": np.full(n, arm),
        "latency_ms": np.round(rng.gamma(2.0, 50.0, n) * slower, 3),
        "outcome": np.where(rng.random(n) < error_rate, "error", "ok"),
    }


CASES = {
    "auto_rollback--error-rate-doubled-found-after-12-looks": (12, 0.04, 1.0),
    "auto_rollback--latency-20-percent-slower-found-after-12-looks": (12, 0.02, 1.2),
    "promote_next_step--no-difference-after-12-looks": (12, 0.02, 1.0),
    "continue--no-difference-within-the-observation-window": (5, 0.02, 1.0),
}


def _build(tmp_path: Path, name: str) -> dict[str, Any]:
    minutes, error_rate, slower = CASES[name]
    baseline = write_csv(
        tmp_path / "baseline.csv", _samples("baseline", minutes, seed=1, error_rate=0.02)
    )
    canary = write_csv(
        tmp_path / "canary.csv",
        _samples("canary", minutes, seed=2, error_rate=error_rate, slower=slower),
    )
    out = tmp_path / "input.json"
    code = main(
        [
            "build-input",
            "--gate",
            "rollout",
            "--profile",
            "sequential",
            "--baseline",
            str(baseline),
            "--canary",
            str(canary),
            "--phase-percent",
            "10",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize("name", sorted(CASES))
def test_scenario_is_what_build_input_makes(tmp_path: Path, name: str) -> None:
    built = _build(tmp_path, name)
    stored = SCENARIOS / f"{name}.json"
    if os.environ.get("GATEKEEPER_WRITE_SCENARIOS") == "1":
        stored.write_text(json.dumps(built, indent=2) + "\n", encoding="utf-8")
    assert built == json.loads(stored.read_text(encoding="utf-8"))
    evidence = built["canary"]["sequential"]
    assert set(evidence) == {"error_rate", "p99_latency"}
    assert all(e["alpha"] == 0.025 for e in evidence.values())


def test_the_level_comes_from_the_profile_data(tmp_path: Path) -> None:
    shipped = profile_statistics("sequential")
    assert shipped == Statistics(alpha=0.05, metrics=("error_rate", "p99_latency"))
    assert shipped.level == 0.025
    assert profile_statistics("decision-matrix") is None
    # another policy folder with another budget: the builder measures at its level
    policy = tmp_path / "policy" / "gatekeeper" / "profiles" / "rollout" / "sequential"
    policy.mkdir(parents=True)
    data = json.loads(
        (REPO / "rego/gatekeeper/profiles/rollout/sequential/data.json").read_text("utf-8")
    )
    data["statistics"]["false_rollback_alpha"] = 0.01
    (policy / "data.json").write_text(json.dumps(data), encoding="utf-8")
    other = profile_statistics("sequential", tmp_path / "policy")
    assert other is not None and other.level == 0.005


@pytest.mark.parametrize(
    ("statistics", "message"),
    [
        ({"false_rollback_alpha": 1.5, "judged": ["a"]}, "false_rollback_alpha"),
        ({"false_rollback_alpha": 0.05, "judged": []}, "judged: a non-empty list"),
        ({"false_rollback_alpha": 0.05, "judged": ["nope"]}, "names no metric"),
    ],
)
def test_a_bad_statistics_block_is_refused_naming_the_key(
    tmp_path: Path, statistics: dict[str, Any], message: str
) -> None:
    folder = tmp_path / "gatekeeper" / "profiles" / "rollout" / "x"
    folder.mkdir(parents=True)
    data = {"statistics": statistics, "checks": {"a": {"metric": "error_rate"}}}
    (folder / "data.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(MetricsError, match=message):
        profile_statistics("x", tmp_path)


def test_series_without_slow_request_counts_leave_the_latency_evidence_out(
    tmp_path: Path,
) -> None:
    """Series files (or Prometheus) without ``slow_requests``: a gap, never a pass."""
    lines = ["timestamp,arm,metric,value"]
    for k in range(12):
        for arm, errors in (("baseline", 20), ("canary", 21)):
            lines += [f"{T0 + 60 * k},{arm},requests,1000", f"{T0 + 60 * k},{arm},errors,{errors}"]
    path = write_lines(tmp_path / "series.csv", lines)
    series = read_series_files([(path, None)], 60)
    document = build_rollout(series, "sequential", 10)
    assert set(document["canary"]["sequential"]) == {"error_rate"}
    assert document["insufficient_data"] == ["canary.sequential.p99_latency"]
    assert document["canary"]["sequential"]["error_rate"]["looks"] == 12


def _samples_files(tmp_path: Path) -> list[str]:
    baseline = write_csv(tmp_path / "b.csv", _samples("baseline", 12, seed=1, error_rate=0.02))
    canary = write_csv(tmp_path / "c.csv", _samples("canary", 12, seed=2, error_rate=0.04))
    return ["--baseline", str(baseline), "--canary", str(canary), "--phase-percent", "10"]


def test_check_from_metrics_decides_with_the_level_of_the_policy_in_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``check --from-metrics --policy-dir``: the builder reads that policy's budget."""
    policy = tmp_path / "policy"
    shutil.copytree(REPO / "rego", policy)
    data_path = policy / "gatekeeper/profiles/rollout/sequential/data.json"
    data = json.loads(data_path.read_text("utf-8"))
    data["statistics"]["false_rollback_alpha"] = 0.01
    data_path.write_text(json.dumps(data), encoding="utf-8")
    args = ["check", "--from-metrics", "--gate", "rollout", "--profile", "sequential"]
    args += [*_samples_files(tmp_path), "--format", "json"]
    assert main([*args, "--policy-dir", str(policy)]) == 1
    decision = json.loads(capsys.readouterr().out)
    (violation,) = decision["violations"]
    assert violation["code"] == "ERROR_RATE_WORSE"
    assert violation["alpha"] == 0.005
    assert "alpha 0.005: 0.01 across 2 checks" in violation["message"]
    assert main(args) == 1  # the packaged policy: 0.025
    assert json.loads(capsys.readouterr().out)["violations"][0]["alpha"] == 0.025


def test_a_base_document_never_supplies_the_statistical_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Evidence the builder could not measure stays missing: a pause, never a forged pass."""
    lines = ["timestamp,arm,metric,value"]
    for k in range(12):
        for arm, errors in (("baseline", 20), ("canary", 60)):
            lines += [f"{T0 + 60 * k},{arm},requests,1000", f"{T0 + 60 * k},{arm},errors,{errors}"]
    series = write_lines(tmp_path / "series.csv", lines)
    forged = {"e_value": 0.1, "e_max": 0.1, "lower_bound": 0.2, "alpha": 0.025, "looks": 12}
    base = tmp_path / "base.json"
    base.write_text(
        json.dumps({"canary": {"sequential": {"p99_latency": forged, "error_rate": forged}}}),
        encoding="utf-8",
    )
    args = ["check", "--from-metrics", "--gate", "rollout", "--profile", "sequential"]
    args += ["--samples", str(series), "--series", "--phase-percent", "10", "--format", "json"]
    assert main([*args, "--base", str(base)]) == 1
    decision = json.loads(capsys.readouterr().out)
    assert decision["action"] == "auto_rollback"  # the measured error evidence, not the forged
    codes = sorted(v["code"] for v in decision["violations"])
    assert codes == ["ERROR_RATE_WORSE", "MISSING_EVIDENCE"]
    missing = next(v for v in decision["violations"] if v["code"] == "MISSING_EVIDENCE")
    assert missing["field"] == "canary.sequential.p99_latency"


def test_profile_data_that_is_not_json_is_a_metrics_error(tmp_path: Path) -> None:
    folder = tmp_path / "gatekeeper" / "profiles" / "rollout" / "x"
    folder.mkdir(parents=True)
    (folder / "data.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(MetricsError, match="cannot read the profile data: data file"):
        profile_statistics("x", tmp_path)
