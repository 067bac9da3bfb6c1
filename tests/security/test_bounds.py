"""Bounded resources (issue 13 item 5): input size, a total request deadline, an opa
eval deadline. Real files, real sockets, real processes."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gatekeeper.engines import EngineOptions, open_engine
from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._files import PolicySet
from tests.conftest import loopback_server
from tests.security.conftest import PROMOTE, run

DOCUMENT = {"gate": "rollout", "phase_percent": 5}


def test_fail_dev_zero_is_refused_quickly(
    capsys: pytest.CaptureFixture[str], decision_log: Path
) -> None:
    started = time.monotonic()
    code, out, err = run(["check", "/dev/zero"], capsys)
    assert (code, out) == (2, "")
    assert "/dev/zero: cannot read: a character device, not a file or a pipe" in err
    assert time.monotonic() - started < 5
    assert not decision_log.exists()


def test_fail_a_batch_on_dev_zero_is_refused(tmp_path: Path) -> None:
    import subprocess
    import sys

    log = tmp_path / "log.jsonl"
    command = [sys.executable, "-m", "gatekeeper", "check", "--batch", "/dev/zero"]
    completed = subprocess.run(
        [*command, "--decision-log", str(log)],
        capture_output=True,
        text=True,
        timeout=60,  # before, the batch skipped an endless line forever
        check=False,
    )
    assert completed.returncode == 2
    assert "/dev/zero: cannot read: a character device, not a file or a pipe" in completed.stderr
    assert not log.exists()


def test_success_an_input_from_a_pipe_is_read(tmp_path: Path) -> None:
    import subprocess
    import sys

    log = tmp_path / "log.jsonl"
    fifo = tmp_path / "input.json"
    os.mkfifo(fifo)
    with subprocess.Popen(
        [sys.executable, "-m", "gatekeeper", "check", str(fifo), "--decision-log", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as process:
        fifo.write_bytes(PROMOTE.read_bytes())
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert len(log.read_text().splitlines()) == 1


def test_fail_input_over_the_chosen_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    size = PROMOTE.stat().st_size
    code, _, err = run(["check", str(PROMOTE), "--max-input-bytes", str(size - 1)], capsys)
    assert code == 2 and f"limit of {size - 1} bytes" in err
    code, _, err = run(["check", str(PROMOTE), "--max-input-bytes", str(size)], capsys)
    assert code == 0, err


def test_fail_input_on_a_never_ending_pipe_is_refused(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "GATEKEEPER_DECISION_LOG": str(tmp_path / "log.jsonl")}
    with subprocess.Popen(
        [sys.executable, "-m", "gatekeeper", "check", "-", "--max-input-bytes", "1000"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdin is not None
        try:
            for _ in range(100):
                process.stdin.write(b" " * 100)
                process.stdin.flush()
        except BrokenPipeError:
            pass
        _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert b"limit of 1000 bytes" in err


@pytest.fixture
def slow_drip_server() -> Iterator[str]:
    """A loopback HTTP server that answers one byte every 0.3 s, forever."""
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"

    def drip(connection: socket.socket, stop: threading.Event) -> None:
        with connection:
            connection.recv(65536)
            for index in range(10**6):
                if stop.is_set():
                    return
                byte = answer[index : index + 1] or b" "
                try:
                    connection.sendall(byte)
                except OSError:
                    return
                time.sleep(0.3)

    with loopback_server(drip) as url:
        yield url


def test_fail_slow_drip_server_times_out_at_the_total_deadline(
    slow_drip_server: str, policy_set: PolicySet
) -> None:
    options = EngineOptions(opa_url=slow_drip_server, upload_policy=False, timeout_seconds=1.5)
    engine = open_engine("opa-server", policy_set, options)
    started = time.monotonic()
    try:
        with pytest.raises(EngineError, match=r"no complete answer within 1\.5s"):
            engine.evaluate(DOCUMENT)
    finally:
        engine.close()
    assert time.monotonic() - started < 3.0


@pytest.mark.opa
def test_fail_opa_eval_past_its_deadline_is_killed(
    tmp_path: Path, policy_set: PolicySet, opa_binary: str
) -> None:
    # a stand-in binary that starts opa's work and never finishes: the process is killed
    slow = tmp_path / "opa"
    slow.write_text(f'#!/bin/sh\n[ "$1" = version ] && exec {opa_binary} version\nexec sleep 60\n')
    slow.chmod(0o755)
    options = EngineOptions(opa_binary=str(slow), timeout_seconds=1.0)
    engine = open_engine("opa-cli", policy_set, options)
    started = time.monotonic()
    with pytest.raises(EngineError, match=r"opa eval gave no answer within 1s"):
        engine.evaluate(DOCUMENT)
    assert time.monotonic() - started < 5


# -- the deadline covers the whole decision (issue 19 item 6) -------------------------------


def _wide_rollout(path: Path, shards: int = 6000, points: int = 120) -> Path:
    """A 5.9 MB rollout input: ``shards`` shards of ``points`` cpu and memory samples."""
    import json

    scenario = PROMOTE.parents[1] / "rollout" / "decision-matrix"
    document = json.loads(
        (scenario / "auto_rollback--quality-regression-phase-75.json").read_text()
    )
    canary = document["canary"]
    canary["shards"] = {
        f"shard-{index:05d}": {"cpu": [0.5] * points, "memory": [0.4] * points}
        for index in range(shards)
    }
    canary["error_rate"] = [0.001] * points
    canary["p99_latency_ms"] = [180] * points
    path.write_text(json.dumps(document, separators=(",", ":")))
    return path


def _check_process(tmp_path: Path, *args: str) -> tuple[int, str]:
    import subprocess
    import sys

    log = tmp_path / "log.jsonl"
    completed = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "check", *args, "--decision-log", str(log)],
        capture_output=True,
        text=True,
        timeout=60,  # a bound on the test only: the deadline is what ends the process
        check=False,
    )
    assert not log.exists()  # a decision past its deadline is never logged
    return completed.returncode, completed.stderr


def test_fail_large_input_ends_at_the_whole_decision_deadline(tmp_path: Path) -> None:
    path = _wide_rollout(tmp_path / "wide.json")
    assert 5_500_000 < path.stat().st_size < 6_500_000
    code, err = _check_process(tmp_path, str(path), "--timeout", "2")
    assert code == 2
    assert "gatekeeper: deadline exceeded: no decision within 2s (--timeout)" in err


def test_fail_fifo_nobody_writes_ends_at_the_deadline(tmp_path: Path) -> None:
    fifo = tmp_path / "input.json"
    os.mkfifo(fifo)
    code, err = _check_process(tmp_path, str(fifo), "--timeout", "1")
    assert code == 2
    assert "deadline exceeded: no decision within 1s (--timeout)" in err


def test_fail_stdin_that_never_ends_ends_at_the_deadline(tmp_path: Path) -> None:
    import subprocess
    import sys

    log = tmp_path / "log.jsonl"
    command = [sys.executable, "-m", "gatekeeper", "check", "-", "--timeout", "1"]
    with subprocess.Popen(
        [*command, "--decision-log", str(log)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        process.stdin.write(b'{"gate": "promotion", ')  # and then nothing, pipe kept open
        process.stdin.flush()
        try:
            process.wait(timeout=60)
        finally:
            process.stdin.close()
        assert process.stderr is not None
        err = process.stderr.read()
    assert process.returncode == 2
    assert b"deadline exceeded: no decision within 1s (--timeout)" in err
    assert not log.exists()


def test_success_a_decision_within_its_deadline_is_made_and_logged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], decision_log: Path
) -> None:
    code, _, err = run(["check", str(PROMOTE), "--timeout", "30"], capsys)
    assert code == 0, err
    assert len(decision_log.read_text().splitlines()) == 1


def test_success_engine_start_is_not_counted_against_the_decision() -> None:
    from gatekeeper.limits._deadline import decision_deadline, paused, raise_if_expired
    from gatekeeper.models._exceptions import DeadlineError

    with decision_deadline(0.5):
        with paused():
            time.sleep(0.8)  # a cold compile or an upload, bounded by its own time-outs
        raise_if_expired()
        with pytest.raises(DeadlineError, match=r"no decision within 0\.5s \(--timeout\)"):
            time.sleep(2)  # the alarm ends the decision here
