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
            "gate: promotion\nversion: {state: shadow, id: !!timestamp 2025-01-02}\n",
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


# -- YAML read as OPA reads it (issue 19 item 2) ------------------------------------------

DIFFERENTIAL_SCALARS = [
    "2:30",
    "yes",
    "no",
    "on",
    "off",
    "2001-12-14",
    "0o17",
    "012",
    "1_000",
    ".inf",
    "~",
    "null",
    "True",
    "26",
    "26.5",
    "0x1F",
    "1e3",
    "0b101",
]
REFUSED_AS_AMBIGUOUS = {"012", "1_000", "0b101"}
"""OPA's reader takes these for another number than YAML 1.2 does: gatekeeper refuses them."""


def _opa_eval(opa: str, path: Path, query: str, *data: str) -> tuple[bool, object]:
    args = [opa, "eval", "--format", "json", "-i", str(path)]
    for folder in data:
        args += ["-d", folder]
    completed = subprocess.run(
        [*args, query], capture_output=True, text=True, timeout=120, check=False
    )
    if completed.returncode != 0:
        return False, completed.stdout + completed.stderr
    return True, json.loads(completed.stdout)["result"][0]["expressions"][0]["value"]


def _gatekeeper_reading(path: Path) -> tuple[bool, object]:
    from gatekeeper.check._yaml import parse_yaml
    from gatekeeper.models._exceptions import InputError

    try:
        return True, parse_yaml(path.read_text(), str(path))
    except InputError as exc:
        return False, str(exc)


def _same_json(left: object, right: object) -> bool:
    """Equal as JSON values: numbers by value (OPA prints 1000 for 1e3), others exactly."""
    if isinstance(left, bool) or isinstance(right, bool) or left is None or right is None:
        return left is right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same_json(left[k], right[k]) for k in left)
    return type(left) is type(right) and left == right


@pytest.mark.opa
@pytest.mark.parametrize("scalar", DIFFERENTIAL_SCALARS)
def test_success_yaml_scalars_are_read_as_opa_eval_reads_them(
    scalar: str, tmp_path: Path, opa_binary: str
) -> None:
    path = tmp_path / "input.yaml"
    path.write_text(f"value: {scalar}\nplain: text\n")
    opa_ok, opa_value = _opa_eval(opa_binary, path, "input")
    ours_ok, ours_value = _gatekeeper_reading(path)
    if scalar in REFUSED_AS_AMBIGUOUS:
        assert not ours_ok and "by OPA's reader: quote it" in str(ours_value)
        assert "line 1" in str(ours_value)
        return
    if not opa_ok:  # .inf: OPA cannot read it either
        assert not ours_ok and "is not a JSON number" in str(ours_value), ours_value
        return
    assert ours_ok, ours_value
    assert _same_json(ours_value, opa_value), (ours_value, opa_value)


@pytest.mark.opa
@pytest.mark.parametrize("scalar", DIFFERENTIAL_SCALARS)
def test_success_yaml_duration_decides_as_opa_eval_on_the_same_file(
    scalar: str, tmp_path: Path, opa_binary: str, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(SCENARIOS[0].read_text())
    text = yaml.safe_dump(document, sort_keys=False)
    assert "duration_hours: 26\n" in text
    path = tmp_path / "input.yaml"
    path.write_text(text.replace("duration_hours: 26\n", f"duration_hours: {scalar}\n"))
    opa_ok, opa_decision = _opa_eval(
        opa_binary, path, "data.gatekeeper.main.decision", str(REPO / "rego")
    )
    code = main(["check", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    ours = json.loads(out)
    if scalar in REFUSED_AS_AMBIGUOUS:  # OPA reads another number: refused, never guessed
        assert code == 2 and "by OPA's reader: quote it" in err
        return
    if code == 2:  # refused before any engine: OPA must not let it through either
        assert not opa_ok or not opa_decision["allow"], opa_decision  # type: ignore[index]
        return
    assert opa_ok, opa_decision
    assert isinstance(opa_decision, dict)
    assert (ours["allow"], ours["action"]) == (opa_decision["allow"], opa_decision["action"])


def test_fail_sexagesimal_duration_no_longer_promotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = yaml.safe_dump(json.loads(SCENARIOS[0].read_text()), sort_keys=False)
    path = tmp_path / "input.yaml"
    path.write_text(text.replace("duration_hours: 26\n", "duration_hours: 2:30\n"))
    assert main(["check", str(path), "--format", "json"]) == 2
    assert 'shadow.duration_hours: must be a number, got string "2:30"' in capsys.readouterr().err


# -- alias bombs (issue 19 item 3) --------------------------------------------------------


def _alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"gate: promotion\nbomb: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_fail_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_alias_bomb(9))
    completed = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "GATEKEEPER_DECISION_LOG": str(tmp_path / "log.jsonl")},
        cwd=REPO,
        timeout=60,  # before the fix this ran past 60 s and 4 GB
        check=False,
    )
    assert completed.returncode == 2
    assert "line 2: YAML aliases (*a0) are refused" in completed.stderr
    assert str(path) in completed.stderr
    assert not (tmp_path / "log.jsonl").exists()
