"""The caller chooses the rule set; the input may only confirm it (issue 13 item 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gatekeeper.models._examples import scenario_options
from tests.security.conftest import SCENARIOS, run, write_json

FAILING = (
    SCENARIOS / "rollout" / "decision-matrix" / "auto_rollback--error-rate-sustained-3-min.json"
)
GRAY = SCENARIOS / "rollout" / "gray-scale" / "abort--error-spike-above-10.json"
PRODUCTION = (
    SCENARIOS
    / "rollout"
    / "environment"
    / "production"
    / "auto_rollback--production-latency-increase-above-50ms.json"
)
ENGINES = ["embedded", "opa-cli"]


def _failing_claiming(tmp_path: Path, **fields: str) -> Path:
    document = json.loads(FAILING.read_text()) | fields
    return write_json(tmp_path / "claims.json", document)


@pytest.mark.opa
@pytest.mark.parametrize("engine", ENGINES)
def test_fail_input_choosing_a_lenient_profile_exits_two(
    engine: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], decision_log: Path
) -> None:
    path = _failing_claiming(tmp_path, profile="blue-green")
    code, out, err = run(["check", str(path), "--engine", engine], capsys)
    assert (code, out) == (2, "")
    assert 'profile: the input says "blue-green" but the caller chose "decision-matrix"' in err
    assert not decision_log.exists()


@pytest.mark.opa
@pytest.mark.parametrize("engine", ENGINES)
def test_success_input_confirming_the_caller_is_decided(
    engine: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["check", str(FAILING), "--engine", engine, "--format", "json"], capsys)
    assert code == 1, err
    assert json.loads(out)["action"] == "auto_rollback"


@pytest.mark.opa
@pytest.mark.parametrize("engine", ENGINES)
def test_success_the_engine_reads_the_callers_profile(
    engine: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the gray-scale input without its own profile field: decided as gray-scale only
    # because the caller says so
    document = json.loads(GRAY.read_text())
    document.pop("profile")
    path = write_json(tmp_path / "bare.json", document)
    args = ["check", str(path), "--engine", engine, "--format", "json"]
    code, out, _ = run([*args, "--profile", "gray-scale"], capsys)
    assert (code, json.loads(out)["action"]) == (1, "abort")
    code, out, _ = run(args, capsys)  # decision-matrix: the gray-scale evidence does not fit
    assert code != 0
    assert not out or json.loads(out)["action"] != "abort"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], 'profile: the input says "environment" but the caller chose "decision-matrix"'),
        (
            ["--profile", "environment"],
            'environment: the input says "production" but the caller chose none',
        ),
        (
            ["--profile", "environment", "--environment", "development"],
            'environment: the input says "production" but the caller chose "development"',
        ),
        (["--profile", "yolo"], 'unknown rollout profile "yolo"'),
    ],
)
def test_fail_environment_input_against_the_callers_choice(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["check", str(PRODUCTION), *options], capsys)
    assert (code, out) == (2, "")
    assert message in err


def test_success_environment_from_the_scenario_folder(capsys: pytest.CaptureFixture[str]) -> None:
    options = scenario_options(PRODUCTION.relative_to(SCENARIOS).parts)
    assert options == ["--profile", "environment", "--environment", "production"]
    code, out, err = run(["check", str(PRODUCTION), "--format", "json", *options], capsys)
    assert code == 1, err
    assert json.loads(out)["action"] == "auto_rollback"


def test_success_batch_lines_use_the_callers_choice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.loads(FAILING.read_text()),
        json.loads(FAILING.read_text()) | {"profile": "blue-green"},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines))
    code, out, _ = run(["check", "--batch", str(batch)], capsys)
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert results[0]["action"] == "auto_rollback"
    assert results[1]["exit_code"] == 2 and "the caller chose" in results[1]["error"]
