"""YAML inputs: the same decision as the JSON file, and strict parsing that names the cause."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gatekeeper.cli._main import main
from gatekeeper.models._examples import scenario_options

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = [
    REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json",
    REPO / "scenarios" / "promotion" / "deny--seed-003-example.json",
    REPO
    / "scenarios"
    / "rollout"
    / "decision-matrix"
    / "auto_rollback--error-rate-sustained-3-min.json",
    REPO / "scenarios" / "rollout" / "gray-scale" / "abort--error-spike-above-10.json",
]
DECISION_KEYS = ("gate", "allow", "action", "violations", "warnings", "authority")


def _decide(
    path: Path, options: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, object]]:
    code = main(["check", str(path), "--format", "json", *options])
    out = capsys.readouterr().out
    return code, json.loads(out)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_success_yaml_decides_as_the_json_file_does(
    scenario: Path, suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_text(yaml.safe_dump(json.loads(scenario.read_text()), sort_keys=False))
    options = scenario_options(scenario.relative_to(REPO / "scenarios").parts)
    json_code, from_json = _decide(scenario, options, capsys)
    yaml_code, from_yaml = _decide(path, options, capsys)
    assert yaml_code == json_code
    assert {k: from_yaml[k] for k in DECISION_KEYS} == {k: from_json[k] for k in DECISION_KEYS}


def test_success_yaml_in_opa_input_form_on_stdin(tmp_path: Path) -> None:
    document = {"input": json.loads(SCENARIOS[0].read_text())}
    completed = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "check", "-", "--format", "json"],
        input=yaml.safe_dump(document),
        capture_output=True,
        text=True,
        env={**os.environ, "GATEKEEPER_DECISION_LOG": str(tmp_path / "log.jsonl")},
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["action"] == "promote"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("gate: promotion\ngate: rollout\n", "not valid YAML: duplicate key 'gate' (line 2)"),
        (
            "gate: promotion\nversion: {state: shadow, id: 2025-01-02}\n",
            "version.id: a YAML date is not a JSON value (quote it)",
        ),
        ("gate: [promotion\n", "not valid YAML (line 2, column 1)"),
        ("gate: promotion\n---\ngate: rollout\n", "holds one document, found 2"),
        ("- gate: promotion\n", "input must be a JSON object, got array"),
        ("{1: promotion}\n", "key 1 must be a string"),
    ],
)
def test_fail_bad_yaml_is_exit_two_naming_the_cause(
    text: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "input.yaml"
    path.write_text(text)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and message in err


def test_fail_a_json_file_is_never_read_as_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "input.json"
    path.write_text("gate: promotion\n")
    assert main(["check", str(path)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
