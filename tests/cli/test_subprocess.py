"""A few cases through a real ``gatekeeper`` process: exit codes, stdin, import weight."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROMOTE = REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"
DENY = REPO / "scenarios" / "promotion" / "deny--seed-003-example.json"


def _gatekeeper(
    *args: str, stdin: str | None = None, python_flags: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *python_flags, "-m", "gatekeeper", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(("path", "code"), [(PROMOTE, 0), (DENY, 1)])
def test_success_exit_codes(path: Path, code: int, decision_log: Path) -> None:
    completed = _gatekeeper("check", str(path), "--format", "json")
    assert completed.returncode == code, completed.stderr
    assert json.loads(completed.stdout)["allow"] is (code == 0)
    assert _gatekeeper("log", "verify", str(decision_log)).returncode == 0


def test_fail_invalid_input_on_stdin_exits_two() -> None:
    completed = _gatekeeper("check", "-", stdin='{"gate": "rollout", "phase_percent": 101}')
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "phase_percent: must be within (0, 100] (got 101)" in completed.stderr


def test_fail_not_json_exits_two(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("gate: rollout\n")
    completed = _gatekeeper("check", str(path))
    assert completed.returncode == 2 and "not valid JSON" in completed.stderr


def _imported(completed: subprocess.CompletedProcess[str]) -> set[str]:
    return {
        line.split("|")[-1].strip().split(".")[0]
        for line in completed.stderr.splitlines()
        if line.startswith("import time:")
    }


@pytest.mark.parametrize("report_format", ["text", "json"])
def test_success_check_of_a_valid_input_stays_light(report_format: str) -> None:
    """A valid input is checked against the shipped schema: no pydantic model, no jinja2.

    The check path's records are NamedTuples: importing ``dataclasses`` (and the
    ``inspect`` it pulls in) and building its classes cost a cold check about 16 ms
    (README, "Performance"); ``difflib`` is only needed for a usage error, and help
    is sized without ``shutil`` (whatever the interpreter's own start-up imports,
    say from a ``.pth`` file, is not counted).
    """
    completed = _gatekeeper(
        "check", str(PROMOTE), "--format", report_format, python_flags=("-X", "importtime")
    )
    assert completed.returncode == 0, completed.stderr
    imported = _imported(completed)
    assert "wasmtime" in imported
    heavy = {"numpy", "scipy", "pyarrow", "httpx", "jinja2", "yaml", "pydantic"}
    assert not imported & heavy
    started_with = _imported(
        subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "pass"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    )
    assert not (imported - started_with) & {"dataclasses", "inspect", "difflib", "shutil"}


def test_success_invalid_input_is_named_by_the_models() -> None:
    """When the fast check does not vouch for an input, the models decide and name the field."""
    completed = _gatekeeper(
        "check",
        "-",
        stdin='{"gate": "rollout", "phase_percent": 101}',
        python_flags=("-X", "importtime"),
    )
    assert completed.returncode == 2
    assert "phase_percent: must be within (0, 100] (got 101)" in completed.stderr
    assert "pydantic" in _imported(completed)


@pytest.mark.parametrize("report_format", ["sarif", "github"])
def test_success_ci_formats_stay_light(report_format: str) -> None:
    """SARIF (rule titles from METADATA) and GitHub annotations need no heavy module."""
    completed = _gatekeeper(
        "check", str(DENY), "--format", report_format, python_flags=("-X", "importtime")
    )
    assert completed.returncode == 1, completed.stderr
    assert not _imported(completed) & {"numpy", "scipy", "pyarrow", "httpx", "jinja2"}


def test_success_markdown_report_imports_jinja2_only_then() -> None:
    completed = _gatekeeper(
        "check", str(PROMOTE), "--format", "markdown", python_flags=("-X", "importtime")
    )
    assert completed.returncode == 0
    imported = _imported(completed)
    assert "jinja2" in imported
    assert not imported & {"numpy", "httpx"}
