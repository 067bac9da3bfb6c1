"""``gatekeeper check`` on several files and folders: one engine, one report, and the
worst exit code (2 > 1 > 0), as conftest users expect."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gatekeeper.cli._main import main
from tests.conftest import REPO_ROOT

PROMOTION = REPO_ROOT / "scenarios" / "promotion"
PROMOTE = PROMOTION / "promote--spec-6-example.json"
DENY = PROMOTION / "deny--cost-over-budget.json"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder with two go inputs (one YAML, one nested) and a file beside it."""
    folder = tmp_path / "inputs"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(PROMOTE, folder / "a.json")
    (folder / "nested" / "b.yaml").write_text(PROMOTE.read_text())  # JSON is YAML
    (folder / "notes.txt").write_text("not an input")
    return folder


def test_success_files_and_folders_make_one_report_with_the_worst_exit_code(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "d.jsonl"
    code, out, err = _run(["check", str(inputs), "--decision-log", str(log)], capsys)
    assert code == 0, err
    assert out.count("== ") == 2 and out.rstrip().endswith("2 inputs: 2 go, 0 blocked, 0 undecided")
    code, out, err = _run(["check", str(inputs), str(DENY), "--decision-log", str(log)], capsys)
    assert code == 1, err
    assert f"== {DENY}" in out and "3 inputs: 2 go, 1 blocked, 0 undecided" in out
    assert len(log.read_text().splitlines()) == 5  # every decision is logged


def test_fail_an_unreadable_input_is_undecided_and_the_rest_decided(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = inputs / "broken.json"
    broken.write_text("{not json")
    log = tmp_path / "d.jsonl"
    code, out, err = _run(
        ["check", str(inputs), str(DENY), "--format", "json", "--decision-log", str(log)], capsys
    )
    assert code == 2, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["exit_code"] for line in lines] == [0, 2, 0, 1]
    assert lines[1]["source"] == str(broken) and "error" in lines[1]
    assert all("source" in line for line in lines)
    assert len(log.read_text().splitlines()) == 3


def test_success_sarif_and_junit_are_one_document(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.reports.test_ci_formats import _validate_sarif

    log = tmp_path / "d.jsonl"
    args = ["check", str(inputs), str(DENY), "--decision-log", str(log)]
    code, out, _ = _run([*args, "--format", "sarif"], capsys)
    assert code == 1
    document = json.loads(out)
    _validate_sarif(document)
    (run,) = document["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["COST"]
    assert run["invocations"][0]["exitCode"] == 1
    assert len(run["properties"]["inputs"]) == 3
    code, out, _ = _run([*args, "--format", "junit"], capsys)
    assert code == 1
    suites = ET.fromstring(out)
    assert len(suites.findall("testsuite")) == 3 and suites.get("failures") == "2"


def test_fail_a_missing_path_or_stdin_among_several_is_refused(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["check", str(inputs), "nosuch.json"], capsys)
    assert (code, out) == (2, "") and "nosuch.json: no such file or folder" in err
    code, out, err = _run(["check", str(inputs), "-"], capsys)
    assert code == 2 and "stdin" in err
