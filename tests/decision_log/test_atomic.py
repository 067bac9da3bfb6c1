"""A record never claims an outcome the process did not have (real processes, real files)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.log._decision_log import DecisionLog, verify_log
from gatekeeper.models._exceptions import DecisionLogError
from tests.conftest import sample_record

REPO = Path(__file__).resolve().parents[2]
PROMOTE = REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"


def _check(
    log: Path, *args: str, stdout: Any = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gatekeeper", "check", *args, "--decision-log", str(log)],
        cwd=REPO,
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
        timeout=300,
    )


def _count(log: Path) -> int:
    return len(log.read_bytes().splitlines()) if log.exists() else 0


def _record(n: int) -> dict[str, Any]:
    return sample_record({"gate": "promotion", "n": n})


def test_fail_unwritable_head_leaves_no_record_on_any_retry(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    assert _check(log, str(PROMOTE)).returncode == 0
    head = Path(str(log) + ".head")
    before = log.read_bytes()
    head.unlink()
    head.mkdir()  # the head can no longer be replaced
    for _ in range(3):
        completed = _check(log, str(PROMOTE))
        assert completed.returncode == 2
        assert b"cannot append" in completed.stderr
        assert completed.stdout == b""  # nothing reported without a record
        assert log.read_bytes() == before


def test_fail_stdout_full_takes_the_record_back(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    assert _check(log, str(PROMOTE)).returncode == 0
    before = log.read_bytes()
    with open("/dev/full", "w") as full:
        completed = _check(log, str(PROMOTE), stdout=full)
    assert completed.returncode == 2, completed.stderr
    assert b"stdout: cannot write the report" in completed.stderr
    assert log.read_bytes() == before
    assert verify_log(log).ok


def test_fail_output_device_full_takes_the_record_back(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    completed = _check(log, str(PROMOTE), "-o", "/dev/full")
    assert completed.returncode == 2
    assert b"/dev/full: cannot write the report" in completed.stderr
    assert _count(log) == 0
    assert not Path(str(log) + ".head").exists()


def test_fail_closed_stdout_exits_two_before_deciding(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    completed = subprocess.run(
        f'"{sys.executable}" -m gatekeeper check "{PROMOTE}" --decision-log "{log}" >&-',
        shell=True,
        cwd=REPO,
        stderr=subprocess.PIPE,
        check=False,
        timeout=300,
    )
    assert completed.returncode == 2
    assert b"stdout is closed" in completed.stderr
    assert not log.exists()


def test_fail_unwritable_output_file_exits_two_before_deciding(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    completed = _check(log, str(PROMOTE), "-o", str(tmp_path / "absent" / "report.txt"))
    assert completed.returncode == 2
    assert b"-o" in completed.stderr and b"cannot write" in completed.stderr
    assert not log.exists()


def test_success_output_file_is_written_with_its_record(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    report = tmp_path / "report.json"
    report.write_text("old report\n")
    completed = _check(log, str(PROMOTE), "--format", "json", "-o", str(report))
    assert completed.returncode == 0
    assert (
        json.loads(report.read_text())["decision_id"] == json.loads(log.read_text())["decision_id"]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "decisions.jsonl",
        "decisions.jsonl.head",
        "report.json",
    ]


def test_fail_publish_failure_restores_log_and_head(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl")
    log.append(_record(1))
    head = Path(str(log.path) + ".head")
    before, head_before = log.path.read_bytes(), head.read_bytes()

    def publish() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        log.append_many([_record(2), _record(3)], publish=publish)
    assert (log.path.read_bytes(), head.read_bytes()) == (before, head_before)
    assert verify_log(log.path).ok
    assert log.append(_record(4))["seq"] == 2


def test_fail_first_publish_failure_removes_the_new_head(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl")

    def publish() -> None:
        raise OSError(32, "Broken pipe")

    with pytest.raises(OSError):
        log.append(_record(1), publish=publish)
    assert log.path.read_bytes() == b""
    assert not Path(str(log.path) + ".head").exists()


def test_fail_head_that_cannot_be_prepared_writes_nothing(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl")
    log.append(_record(1))
    before = log.path.read_bytes()
    Path(str(log.path) + ".head.tmp").mkdir()  # the head's temporary file cannot be opened
    with pytest.raises(DecisionLogError, match="cannot append"):
        log.append(_record(2))
    assert log.path.read_bytes() == before
    assert verify_log(log.path).ok
