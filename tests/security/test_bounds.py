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
    assert "larger than the input size limit of 8388608 bytes" in err
    assert time.monotonic() - started < 5
    assert not decision_log.exists()


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
