"""`gatekeeper replay` and `gatekeeper log show` on decisions logged by real checks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main
from tests.conftest import run_on_terminal

REPO = Path(__file__).resolve().parents[2]
PROMOTE = REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"
APPROVAL = REPO / "scenarios" / "approval" / "approve--quality-50-qa-dri-and-sprint-dri.json"
ROSTER = REPO / "scenarios" / "roster.json"
PROMOTION_DATA = Path("gatekeeper") / "profiles" / "promotion" / "data.json"
ERROR_RATES = [0.005, 0.01, 0.015, 0.02, 0.021, 0.025, 0.03, 0.031, 0.04, 0.05]


def _promotion(error_rate: float, number: int) -> dict[str, Any]:
    document = json.loads(PROMOTE.read_text())
    del document["thresholds"]  # the input may only tighten: leave the policy's in force
    document["metrics"]["error_rate"] = error_rate
    document["version"]["id"] = f"v{number}"
    return document


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    batch = tmp_path / "inputs.jsonl"
    documents = [_promotion(rate, n) for n, rate in enumerate(ERROR_RATES, start=1)]
    documents.append(json.loads(APPROVAL.read_text()))
    batch.write_text("".join(json.dumps(d) + "\n" for d in documents))
    return batch


def _policy_with_error_rate(tmp_path: Path, limit: float, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(REPO / "rego", folder)
    data_file = folder / PROMOTION_DATA
    data = json.loads(data_file.read_text())
    assert data["default"]["thresholds"]["error_rate"] == 0.02
    data["default"]["thresholds"]["error_rate"] = limit
    data_file.write_text(json.dumps(data, indent=2))
    return folder


def _batch(
    inputs: Path, log: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> list[dict[str, Any]]:
    args = ["check", "--batch", str(inputs), "--data", str(ROSTER), "--decision-log", str(log)]
    main([*args, *extra])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _replay(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["replay", *args, "--data", str(ROSTER), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def _changed_ids(report: dict[str, Any]) -> dict[tuple[str, str], set[str]]:
    return {
        (group["old_action"], group["new_action"]): {d["decision_id"] for d in group["decisions"]}
        for group in report["changes"]
    }


def test_success_replay_lists_exactly_the_decisions_that_change(
    tmp_path: Path, inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "decisions.jsonl"
    logged = _batch(inputs, log, capsys)
    looser = _policy_with_error_rate(tmp_path, 0.03, "looser")
    # the reference: the same inputs decided afresh under the changed policy
    fresh = _batch(inputs, tmp_path / "fresh.jsonl", capsys, "--policy-dir", str(looser))
    expected: dict[tuple[str, str], set[str]] = {}
    for old, new in zip(logged, fresh, strict=True):
        if old["action"] != new["action"]:
            expected.setdefault((old["action"], new["action"]), set()).add(old["decision_id"])
    assert expected and set(expected) == {("deny", "promote")}
    assert len(expected["deny", "promote"]) == 3  # 0.021, 0.025 and 0.03
    code, report = _replay(capsys, str(log), "--policy-dir", str(looser))
    assert code == 1  # blocked decisions would now go
    assert _changed_ids(report) == expected
    assert report["replayed"] == len(ERROR_RATES) + 1
    assert report["skipped"] == [] and report["errors"] == []
    versions = sorted(d["version"] for d in report["changes"][0]["decisions"])
    assert versions == ["v5", "v6", "v7"]


def test_success_stricter_policy_only_blocks_more(
    tmp_path: Path, inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "decisions.jsonl"
    _batch(inputs, log, capsys)
    stricter = _policy_with_error_rate(tmp_path, 0.01, "stricter")
    code, report = _replay(capsys, str(log), "--policy-dir", str(stricter))
    assert code == 0
    assert [(g["old_action"], g["new_action"], g["count"]) for g in report["changes"]] == [
        ("promote", "deny", 2)
    ]


def test_success_same_policy_changes_nothing(
    tmp_path: Path, inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "decisions.jsonl"
    _batch(inputs, log, capsys)
    code = main(["replay", str(log), "--policy-dir", str(REPO / "rego"), "--data", str(ROSTER)])
    out = capsys.readouterr().out
    assert code == 0
    assert "replayed 11 decision(s)" in out and "0 change(s)" in out


def _git(repository: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repository), *args],
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
            "PATH": "/usr/bin:/bin",
            "HOME": str(repository),
        },
    )


def _policy_repository(tmp_path: Path, message: str) -> Path:
    """A git repository holding the shipped rego/ in one commit."""
    repository = tmp_path / "repo"
    repository.mkdir()
    shutil.copytree(REPO / "rego", repository / "rego")
    _git(repository, "init", "-q")
    _git(repository, "add", "rego")
    _git(repository, "commit", "-qm", message)
    return repository


def test_success_replay_a_git_revision(
    tmp_path: Path, inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "decisions.jsonl"
    _batch(inputs, log, capsys)
    repository = _policy_repository(tmp_path, "policy as logged")
    looser = _policy_with_error_rate(tmp_path, 0.03, "looser")
    shutil.copy(looser / PROMOTION_DATA, repository / "rego" / PROMOTION_DATA)
    _git(repository, "commit", "-qam", "looser error rate")
    code, report = _replay(capsys, str(log), "--rev", "HEAD", "--repo", str(repository))
    assert (code, [g["count"] for g in report["changes"]]) == (1, [3])
    code, report = _replay(capsys, str(log), "--rev", "HEAD~1", "--repo", str(repository))
    assert (code, report["changes"]) == (0, [])
    code = main(["replay", str(log), "--rev", "no-such-rev", "--repo", str(repository)])
    assert code == 2
    assert "--rev no-such-rev" in capsys.readouterr().err


@pytest.mark.parametrize(
    "option",
    ["--rev=--output={victim}", "--rev=--remote={victim}", "--rev=-o{victim}"],
)
def test_fail_a_revision_is_never_a_git_option(
    option: str, tmp_path: Path, inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "decisions.jsonl"
    _batch(inputs, log, capsys)
    repository = _policy_repository(tmp_path, "policy")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    command = [sys.executable, "-m", "gatekeeper", "replay", str(log), "--repo", str(repository)]
    completed = subprocess.run(
        [*command, option.format(victim=victim)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 2
    assert "not a git revision (a revision never starts with '-')" in completed.stderr
    assert victim.read_text() == "precious\n"


def test_fail_a_revision_with_a_control_character_is_refused(tmp_path: Path) -> None:
    from gatekeeper.check._replay import policy_at_revision
    from gatekeeper.models._exceptions import InputError

    repository = tmp_path / "repo"
    (repository / "rego").mkdir(parents=True)
    (repository / "rego" / "a.rego").write_text("package a\n")
    _git(repository, "init", "-q")
    _git(repository, "add", "rego")
    _git(repository, "commit", "-qm", "policy")
    with pytest.raises(InputError, match="control character"):
        policy_at_revision("HEAD\n--output=x", repository, tmp_path / "out")


def test_success_redacted_records_are_skipped_and_counted(
    tmp_path: Path, inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "decisions.jsonl"
    _batch(inputs, log, capsys, "--redact", "approvers")
    looser = _policy_with_error_rate(tmp_path, 0.03, "looser")
    code, report = _replay(capsys, str(log), "--policy-dir", str(looser))
    assert code == 1
    assert report["skipped"] == [{"line": 11, "reason": "input fields redacted: approvers"}]
    assert report["replayed"] == len(ERROR_RATES)


def test_fail_unreadable_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["replay", str(tmp_path / "absent.jsonl"), "--policy-dir", str(REPO / "rego")])
    assert code == 2
    assert "cannot read" in capsys.readouterr().err


def _show(capsys: pytest.CaptureFixture[str], log: Path, *args: str) -> list[dict[str, Any]]:
    assert main(["log", "show", str(log), "--format", "json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_success_log_show_filters(
    tmp_path: Path, inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "decisions.jsonl"
    _batch(inputs, log, capsys)
    every = _show(capsys, log)
    assert len(every) == 11
    assert {r["gate"] for r in _show(capsys, log, "--gate", "approval")} == {"approval"}
    denied = _show(capsys, log, "--action", "deny")
    assert [r["input"]["version"]["id"] for r in denied] == ["v5", "v6", "v7", "v8", "v9", "v10"]
    chosen = _show(capsys, log, "--version", "v2", "--version", "v9")
    assert [r["input"]["version"]["id"] for r in chosen] == ["v2", "v9"]
    middle = every[5]["time"]
    assert len(_show(capsys, log, "--since", middle)) == 6
    assert len(_show(capsys, log, "--until", middle)) == 5
    assert _show(capsys, log, "--since", "2999-01-01") == []
    assert main(["log", "show", str(log), "--action", "deny"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "6 record(s)"
    assert main(["log", "show", str(log), "--since", "yesterday"]) == 2
    assert "--since yesterday: not an RFC 3339 time" in capsys.readouterr().err


def test_success_replay_progress_bar_on_a_terminal(
    tmp_path: Path, inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "decisions.jsonl"
    _batch(inputs, log, capsys)
    command = [sys.executable, "-m", "gatekeeper", "replay", str(log), "--data", str(ROSTER)]
    returncode, out, shown = run_on_terminal(
        [*command, "--policy-dir", str(REPO / "rego")], cwd=REPO
    )
    assert returncode == 0
    assert b"gatekeeper: replay: [" in shown and b"/11 " in shown
    assert out.startswith(b"replayed 11 decision(s)")
