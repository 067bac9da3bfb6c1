"""Endless files (issue 19 item 5): the decision log, its head and keys are regular files.

Each command runs as a real process on real device files and FIFOs, with a time-out and
a memory limit: before the fix a head linked to ``/dev/full`` grew ``check`` to 23 GB.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.conftest import PROMOTE, REPO

MEMORY_LIMIT = 1 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_LIMIT, MEMORY_LIMIT))


def _gatekeeper(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gatekeeper", *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=_limit_memory,
    )


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """A real log of one decision, with its head."""
    path = tmp_path / "decisions.jsonl"
    completed = _gatekeeper("check", str(PROMOTE), "--decision-log", str(path))
    assert completed.returncode == 0, completed.stderr
    return path


def _head(log: Path) -> Path:
    return Path(f"{log}.head")


def _relink(path: Path, target: str) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(target)


def test_fail_check_with_the_head_on_dev_full_is_refused(log: Path) -> None:
    before = log.read_bytes()
    _relink(_head(log), "/dev/full")
    completed = _gatekeeper("check", str(PROMOTE), "--decision-log", str(log))
    assert completed.returncode == 2
    assert (
        f"decision log head {_head(log)}: cannot append: a character device, "
        "not a regular file" in completed.stderr
    )
    assert completed.stdout == ""
    assert log.read_bytes() == before


def test_fail_check_with_the_log_on_dev_full_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    _relink(log, "/dev/full")
    completed = _gatekeeper("check", str(PROMOTE), "--decision-log", str(log))
    assert completed.returncode == 2
    assert f"decision log {log}: cannot append: a character device" in completed.stderr


def test_fail_check_with_the_log_on_a_fifo_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    os.mkfifo(log)
    completed = _gatekeeper("check", str(PROMOTE), "--decision-log", str(log))
    assert completed.returncode == 2
    assert f"decision log {log}: cannot append: a FIFO, not a regular file" in completed.stderr


@pytest.mark.parametrize("command", [["log", "verify"], ["log", "show"]])
def test_fail_reading_a_log_on_dev_zero_is_refused(command: list[str], tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    _relink(log, "/dev/zero")
    completed = _gatekeeper(*command, str(log))
    assert completed.returncode == 2
    assert f"decision log {log}: cannot read: a character device" in completed.stderr


def test_fail_replaying_a_log_on_a_fifo_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    os.mkfifo(log)
    completed = _gatekeeper("replay", str(log), "--policy-dir", str(REPO / "rego"))
    assert completed.returncode == 2
    assert f"decision log {log}: cannot read: a FIFO" in completed.stderr


def test_fail_verify_with_the_head_on_dev_zero_is_refused(log: Path) -> None:
    _relink(_head(log), "/dev/zero")
    completed = _gatekeeper("log", "verify", str(log))
    assert completed.returncode == 2
    assert f"decision log head {_head(log)}: cannot read: a character device" in completed.stderr


def test_fail_verify_with_an_oversized_head_is_refused(log: Path) -> None:
    _head(log).write_bytes(b" " * (1 << 20))
    completed = _gatekeeper("log", "verify", str(log))
    assert completed.returncode == 2
    assert f"decision log head {_head(log)}: cannot read: larger than 65536 bytes" in (
        completed.stderr
    )


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (["check", str(PROMOTE), "--log-key"], "log key"),
        (["log", "verify", "--key"], "verify key"),
    ],
)
def test_fail_a_key_on_dev_zero_is_refused(
    command: list[str], what: str, log: Path, tmp_path: Path
) -> None:
    key = tmp_path / "key.pem"
    _relink(key, "/dev/zero")
    args = [*command, str(key)]
    args += ["--decision-log", str(log)] if command[0] == "check" else [str(log)]
    completed = _gatekeeper(*args)
    assert completed.returncode == 2
    assert f"{what} {key}: cannot read: a character device" in completed.stderr


def test_fail_a_key_on_a_fifo_nobody_writes_is_refused(log: Path, tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    os.mkfifo(key)
    completed = _gatekeeper("log", "verify", "--key", str(key), str(log))
    assert completed.returncode == 2
    assert f"verify key {key}: cannot read: a FIFO, not a regular file" in completed.stderr
