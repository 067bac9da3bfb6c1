"""build-input end to end: files -> input document -> the real policy (embedded engine)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from _metrics_data import make_columns, write_csv, write_jsonl, write_lines
from scipy import stats

from gatekeeper.cli._main import main
from gatekeeper.metrics import BuildOptions, build_input, merge
from gatekeeper.models._exceptions import MetricsError

DAY = 25 * 3600.0
PROMOTION_BASE = {
    "version": {"id": "v1-abc123", "state": "shadow"},
    "gold_set": {"security_pass_rate": 0.97, "overall_pass_rate": 0.93},
    "incidents": {"active": 0},
}


def _arms(tmp_path: Path, n: int = 3000, **canary: Any) -> tuple[Path, Path, dict[str, Any]]:
    base = make_columns("baseline", n, seed=1, seconds=DAY, accuracy=0.80)
    cand = make_columns("canary", n, seed=2, seconds=DAY, **{"accuracy": 0.80, **canary})
    for cols in (base, cand):
        cols["security_pass"] = (np.arange(n) % 200 != 0).astype(np.int64)
    return (
        write_csv(tmp_path / "b.csv", base),
        write_csv(tmp_path / "c.csv", cand),
        {
            "baseline": base,
            "canary": cand,
        },
    )


def _check(document: dict[str, Any], tmp_path: Path) -> tuple[int, dict[str, Any]]:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(document))
    report = tmp_path / "report.json"
    code = main(
        [
            "check",
            str(path),
            "--format",
            "json",
            "-o",
            str(report),
            "--decision-log",
            str(tmp_path / "log.jsonl"),
        ]
    )
    return code, json.loads(report.read_text()) if report.exists() else {}


def _decision(report: dict[str, Any]) -> dict[str, Any]:
    found = report.get("decision", report)
    assert isinstance(found, dict)
    return found


def test_promotion_values_match_direct_scipy(tmp_path: Path) -> None:
    b, c, cols = _arms(tmp_path, accuracy=0.86, latency_shift=5.0)
    doc = build_input(BuildOptions(gate="promotion", baseline=b, canary=c))
    base, cand = cols["baseline"], cols["canary"]
    assert doc["metrics"]["p95_latency_ms"] == pytest.approx(np.percentile(cand["latency_ms"], 95))
    assert doc["metrics"]["error_rate"] == pytest.approx((cand["outcome"] == "error").mean())
    delta = cand["accuracy"].mean() - base["accuracy"].mean()
    assert doc["metrics"]["accuracy_delta"] == pytest.approx(delta)
    assert doc["metrics"]["cost_delta"] == pytest.approx(
        cand["cost"].mean() / base["cost"].mean() - 1
    )
    assert doc["metrics"]["security_pass_rate"] == pytest.approx(cand["security_pass"].mean())
    tests = doc["statistical_tests"]
    latency = stats.mannwhitneyu(cand["latency_ms"], base["latency_ms"], alternative="two-sided")
    assert tests["latency_p_value"] == pytest.approx(float(latency.pvalue), rel=1e-9)
    assert tests["latency_p_value"] < 0.05  # shifted canary
    table = np.array(
        [
            [cand["accuracy"].sum(), len(cand["accuracy"]) - cand["accuracy"].sum()],
            [base["accuracy"].sum(), len(base["accuracy"]) - base["accuracy"].sum()],
        ]
    )
    chi2 = stats.chi2_contingency(table, correction=False)
    assert tests["details"]["accuracy"]["test"] == "two-proportion-z"
    assert tests["accuracy_p_value"] == pytest.approx(float(chi2.pvalue), rel=1e-9)
    assert tests["insufficient_data"] == []
    assert doc["shadow"]["requests"] == 3000
    assert doc["shadow"]["duration_hours"] == pytest.approx(np.ptp(cand["timestamp"]) / 3600)


def test_promotion_through_the_policy_promotes_a_better_candidate(tmp_path: Path) -> None:
    b, c, _ = _arms(tmp_path, accuracy=0.86)
    base = tmp_path / "base.json"
    base.write_text(json.dumps(PROMOTION_BASE))
    doc = build_input(BuildOptions(gate="promotion", baseline=b, canary=c, base=base))
    code, report = _check(doc, tmp_path)
    assert (code, _decision(report)["action"]) == (0, "promote"), report


def test_too_few_samples_is_missing_evidence_in_the_policy(tmp_path: Path) -> None:
    b, c, _ = _arms(tmp_path, n=15, accuracy=0.95)
    base = tmp_path / "base.json"
    base.write_text(json.dumps(PROMOTION_BASE))
    doc = build_input(BuildOptions(gate="promotion", baseline=b, canary=c, base=base))
    tests = doc["statistical_tests"]
    assert "accuracy_p_value" not in tests and "accuracy_delta" not in doc["metrics"]
    assert set(tests["insufficient_data"]) == {
        "accuracy_p_value",
        "cost_p_value",
        "latency_p_value",
        "error_rate_p_value",
        "metrics.accuracy_delta",
    }
    code, report = _check(doc, tmp_path)
    decision = _decision(report)
    assert code == 1 and decision["action"] == "deny"
    fields = {v.get("field") for v in decision["violations"] if v["code"] == "MISSING_EVIDENCE"}
    assert "statistical_tests.accuracy_p_value" in fields


@pytest.mark.parametrize("method", ["holm", "bh"])
def test_several_primary_metrics_are_adjusted(tmp_path: Path, method: str) -> None:
    b, c, _ = _arms(tmp_path, accuracy=0.84)
    options = BuildOptions(
        gate="promotion",
        baseline=b,
        canary=c,
        primary_metrics=("accuracy", "ndcg_at_10"),
        correction=method,
    )
    tests = build_input(options)["statistical_tests"]
    raw = [tests["details"][m]["p_value"] for m in ("accuracy", "ndcg_at_10")]
    if method == "bh":
        expected = stats.false_discovery_control(raw, method="bh").tolist()
    else:
        low, high = sorted(raw)
        expected = [min(1.0, max(2 * low, high)) if p == high else min(1.0, 2 * low) for p in raw]
    assert [tests["accuracy_p_value"], tests["ndcg_at_10_p_value"]] == pytest.approx(expected)
    assert tests["correction"] == {"method": method, "primary_metrics": ["accuracy", "ndcg_at_10"]}


def test_rollout_document_and_policy_decision(tmp_path: Path) -> None:
    rows = make_columns("canary", 6000, seed=4, seconds=600.0, error_rate=0.001)
    base_rows = make_columns("baseline", 6000, seed=5, seconds=600.0, error_rate=0.001)
    both = {k: np.concatenate([base_rows[k], rows[k]]) for k in rows}
    order = np.argsort(both["timestamp"], kind="stable")
    mixed = write_jsonl(tmp_path / "both.jsonl", {k: v[order] for k, v in both.items()})
    base = tmp_path / "base.json"
    base.write_text(json.dumps({"canary": {"success_gates": {"recall_at_50": True}}}))
    options = BuildOptions(gate="rollout", samples=mixed, phase_percent=25, base=base)
    doc = build_input(options)
    assert doc["profile"] == "decision-matrix" and doc["interval_seconds"] == 60
    assert len(doc["canary"]["error_rate"]) == 10
    assert set(doc["canary"]["shards"]) == {"shard-0", "shard-1", "shard-2"}
    assert doc["baseline"]["p99_latency_ms"] == pytest.approx(
        np.percentile(base_rows["latency_ms"], 99)
    )
    code, report = _check(doc, tmp_path)
    assert code == 0, report
    assert _decision(report)["action"] in ("continue", "promote_next_step")


def test_rollout_other_profiles_validate(tmp_path: Path) -> None:
    b, c, _ = _arms(tmp_path)
    for profile in ("gray-scale", "environment", "model-registry", "blue-green"):
        doc = build_input(
            BuildOptions(
                gate="rollout", baseline=b, canary=c, profile=profile, interval_seconds=3600
            )
        )
        assert doc["profile"] == profile
    env = build_input(
        BuildOptions(
            gate="rollout", baseline=b, canary=c, profile="environment", environment="production"
        )
    )
    assert len(env["canary"]["buckets"]) == 12 and env["environment"] == "production"
    blue = build_input(BuildOptions(gate="rollout", baseline=b, canary=c, profile="blue-green"))
    assert {"error_rate", "response_time_ms", "cpu", "memory"} <= set(blue["canary"])


def test_gap_in_traffic_cuts_the_series_and_is_reported(tmp_path: Path) -> None:
    early = make_columns("canary", 300, seed=8, seconds=120.0)
    late = make_columns("canary", 300, seed=9, seconds=120.0)
    late["timestamp"] = late["timestamp"] + 300.0  # no canary traffic in minutes 2-4
    cand = write_csv(tmp_path / "c.csv", {k: np.concatenate([early[k], late[k]]) for k in early})
    base = write_csv(tmp_path / "b.csv", make_columns("baseline", 600, seed=10, seconds=420.0))
    doc = build_input(BuildOptions(gate="rollout", baseline=base, canary=cand))
    assert len(doc["canary"]["error_rate"]) == 2  # only the trailing run with data
    assert "canary.error_rate" in doc["insufficient_data"]
    window = build_input(BuildOptions(gate="rollout", baseline=base, canary=cand, window_minutes=1))
    assert len(window["canary"]["error_rate"]) == 1 and window["insufficient_data"] == []


def test_series_files_build_the_same_shape(tmp_path: Path) -> None:
    lines = ["timestamp,arm,metric,value,shard"]
    for minute in range(5):
        t = 1_700_000_000 + 60 * minute
        lines += [
            f"{t},canary,error_rate,{0.001 * (minute + 1)},",
            f"{t},canary,p99_latency_ms,{180 + minute},",
            f"{t},canary,cpu,0.5,shard-a",
            f"{t},baseline,p99_latency_ms,180,",
        ]
    path = write_lines(tmp_path / "series.csv", lines)
    doc = build_input(BuildOptions(gate="rollout", samples=path, series_files=True))
    assert doc["canary"]["error_rate"] == pytest.approx([0.001, 0.002, 0.003, 0.004, 0.005])
    assert doc["canary"]["shards"] == {"shard-a": {"cpu": [0.5] * 5}}
    assert doc["baseline"]["p99_latency_ms"] == 180
    with pytest.raises(MetricsError, match="need request samples"):
        build_input(BuildOptions(gate="promotion", samples=path, series_files=True))


def test_base_document_cannot_overwrite_measurements() -> None:
    merged = merge(
        {"canary": {"error_rate": [0.0], "success_gates": {"g": True}}, "phase_percent": 5},
        {"canary": {"error_rate": [0.02]}, "phase_percent": 25},
    )
    assert merged == {
        "canary": {"error_rate": [0.02], "success_gates": {"g": True}},
        "phase_percent": 25,
    }


def test_invalid_built_input_is_a_metrics_error(tmp_path: Path) -> None:
    b, c, _ = _arms(tmp_path)
    bad_base = tmp_path / "base.json"
    bad_base.write_text(json.dumps({"incidents": {"active": -1}}))
    with pytest.raises(MetricsError, match=r"not a valid promotion input: .*incidents.active"):
        build_input(BuildOptions(gate="promotion", baseline=b, canary=c, base=bad_base))


def test_command_writes_output_file_and_check_from_metrics(tmp_path: Path) -> None:
    b, c, _ = _arms(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "input.json"
    args = ["--gate", "rollout", "--baseline", str(b), "--canary", str(c), "--phase-percent", "5"]
    assert main(["build-input", *args, "-o", str(target)]) == 0
    assert json.loads(target.read_text())["phase_percent"] == 5
    log = tmp_path / "log.jsonl"
    report = tmp_path / "report.json"
    check = ["check", "--from-metrics", "--decision-log", str(log), "--format", "json"]
    # measurements cannot give success gates: the policy holds for missing evidence, exit 1
    assert main([*check, *args, "-o", str(report)]) == 1
    decision = _decision(json.loads(report.read_text()))
    assert decision["action"] == "pause_evaluation"
    assert [v.get("field") for v in decision["violations"]] == ["canary.success_gates"]
    assert len(log.read_text().splitlines()) == 1
    assert main([*check, "--baseline", str(b)]) == 2  # no --gate


def test_command_module_imports_no_heavy_library() -> None:
    code = (
        "import sys, gatekeeper.cli.build_input, gatekeeper.cli.check;"
        "heavy = [m for m in ('numpy', 'scipy', 'httpx') if m in sys.modules];"
        "print(','.join(heavy)); sys.exit(1 if heavy else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, f"imported at module load: {done.stdout}"


GATES_BASE = {"canary": {"success_gates": {"recall_at_50": True, "p99_budget": True}}}


def _silent_shard_series(tmp_path: Path, silent_after: int = 5, minutes: int = 8) -> Path:
    """shard-a at CPU 98% and memory 97% for ``silent_after`` minutes, then no data;
    everything else healthy and reporting every minute."""
    lines = ["timestamp,arm,metric,value,shard"]
    for minute in range(minutes):
        t = 1_700_000_000 + 60 * minute
        lines += [
            f"{t},canary,error_rate,0.001,",
            f"{t},canary,p99_latency_ms,180,",
            f"{t},canary,ndcg_at_10,0.5236,",
            f"{t},baseline,p99_latency_ms,180,",
            f"{t},baseline,ndcg_at_10,0.5234,",
            f"{t},canary,cpu,0.40,shard-b",
            f"{t},canary,memory,0.50,shard-b",
        ]
        if minute < silent_after:
            lines += [f"{t},canary,cpu,0.98,shard-a", f"{t},canary,memory,0.97,shard-a"]
    return write_lines(tmp_path / "series.csv", lines)


def test_a_shard_that_stops_reporting_is_missing_evidence_never_dropped(tmp_path: Path) -> None:
    """A crashed shard is the one that stops reporting: it stays in the input without
    its series, and the policy holds for missing evidence naming it; never a go."""
    base = tmp_path / "base.json"
    base.write_text(json.dumps(GATES_BASE))
    options = BuildOptions(
        gate="rollout",
        samples=_silent_shard_series(tmp_path),
        series_files=True,
        base=base,
        phase_percent=25,
    )
    doc = build_input(options)
    assert doc["canary"]["shards"]["shard-a"] == {}
    assert doc["canary"]["shards"]["shard-b"] == {"cpu": [0.4] * 8, "memory": [0.5] * 8}
    assert {"canary.shards.shard-a.cpu", "canary.shards.shard-a.memory"} <= set(
        doc["insufficient_data"]
    )
    code, report = _check(doc, tmp_path)
    decision = _decision(report)
    assert decision["action"] != "promote_next_step"
    assert code != 0
    missing = {v.get("field") for v in decision["violations"] if v["code"] == "MISSING_EVIDENCE"}
    assert {"canary.shards.shard-a.cpu", "canary.shards.shard-a.memory"} <= missing


def test_the_same_shard_still_reporting_is_judged(tmp_path: Path) -> None:
    """The control: shard-a reporting its 98% to the newest minute is a resource breach."""
    base = tmp_path / "base.json"
    base.write_text(json.dumps(GATES_BASE))
    path = _silent_shard_series(tmp_path, silent_after=8)
    doc = build_input(
        BuildOptions(gate="rollout", samples=path, series_files=True, base=base, phase_percent=25)
    )
    assert doc["canary"]["shards"]["shard-a"] == {"cpu": [0.98] * 8, "memory": [0.97] * 8}
    _, report = _check(doc, tmp_path)
    codes = {v["code"] for v in _decision(report)["violations"]}
    assert "RESOURCE_EXHAUSTION" in codes


def test_blue_green_resources_across_shards_miss_an_interval_any_shard_misses(
    tmp_path: Path,
) -> None:
    """The highest CPU of the shards still reporting is not the highest of the shards."""
    options = BuildOptions(
        gate="rollout",
        samples=_silent_shard_series(tmp_path),
        series_files=True,
        profile="blue-green",
    )
    doc = build_input(options)
    assert "cpu" not in doc["canary"] and "memory" not in doc["canary"]
    assert {"canary.cpu", "canary.memory"} <= set(doc["insufficient_data"])
