"""`check --batch` streams: real processes reading a pipe, a FIFO and a file."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from gatekeeper.log._decision_log import verify_log
from tests.conftest import run_on_terminal

REPO = Path(__file__).resolve().parents[2]
PROMOTE = REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"
DENY = REPO / "scenarios" / "promotion" / "deny--error-rate-over-threshold.json"


def _line(path: Path, **version: str) -> bytes:
    document = json.loads(path.read_text())
    document["version"].update(version)
    return json.dumps(document, ensure_ascii=False).encode("utf-8") + b"\n"


class _Batch:
    """A running `gatekeeper check --batch` whose output lines arrive on a queue."""

    def __init__(self, log: Path, *args: str, stdin: Any = subprocess.PIPE) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gatekeeper", "check", "--batch", *args],
            cwd=REPO,
            env={**os.environ, "GATEKEEPER_DECISION_LOG": str(log)},
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.lines: queue.Queue[bytes] = queue.Queue()
        assert self.process.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self.process.stdout,))
        self._reader.start()

    def _read(self, stream: IO[bytes]) -> None:
        for line in stream:
            self.lines.put(line)

    def next_result(self, timeout: float = 60) -> dict[str, Any]:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            assert self.process.stderr is not None
            raise AssertionError(f"no result line: {self.process.stderr.read()!r}") from None
        result: dict[str, Any] = json.loads(line)
        return result

    def finish(self) -> tuple[int, bytes]:
        assert self.process.stderr is not None
        err = self.process.stderr.read()
        code = self.process.wait(timeout=300)
        self._reader.join(timeout=60)
        return code, err

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self._reader.join(timeout=60)


@pytest.fixture
def batches(decision_log: Path) -> Iterator[list[_Batch]]:
    started: list[_Batch] = []
    yield started
    for batch in started:
        batch.kill()


def _logged_ids(log: Path) -> set[str]:
    if not log.exists():
        return set()
    return {json.loads(line)["decision_id"] for line in log.read_bytes().split(b"\n")[:-1]}


def test_success_first_result_at_once_and_logged_before_printed(
    decision_log: Path, batches: list[_Batch]
) -> None:
    batch = _Batch(decision_log, "-")
    batches.append(batch)
    stdin = batch.process.stdin
    assert stdin is not None
    for number in range(1, 4):
        stdin.write(_line(PROMOTE if number % 2 else DENY, id=f"v{number}"))
        stdin.flush()
        # the input is still open: the result of this line must come now, not at the end
        result = batch.next_result()
        assert result["line"] == number
        assert result["decision_id"] in _logged_ids(decision_log)  # fsynced before printed
    stdin.close()
    code, err = batch.finish()
    assert code == 1, err
    assert len(_logged_ids(decision_log)) == 3
    assert verify_log(decision_log).ok


def test_success_a_fifo_is_streamed(
    decision_log: Path, batches: list[_Batch], tmp_path: Path
) -> None:
    fifo = tmp_path / "inputs.fifo"
    os.mkfifo(fifo)
    batch = _Batch(decision_log, str(fifo), stdin=subprocess.DEVNULL)
    batches.append(batch)
    with fifo.open("wb") as writer:
        writer.write(_line(PROMOTE))
        writer.flush()
        assert batch.next_result()["action"] == "promote"
        writer.write(_line(DENY))
    assert batch.next_result()["action"] == "deny"
    assert batch.finish()[0] == 1


def test_success_lines_split_on_newline_bytes_only(decision_log: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(
        _line(PROMOTE, prompt="review\u2028v4\u0085exp")
        + _line(DENY, prompt="line\u2029separator")
        + b"\n"
        + _line(PROMOTE)
    )
    completed = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "check", "--batch", str(batch)],
        cwd=REPO,
        env={**os.environ, "GATEKEEPER_DECISION_LOG": str(decision_log)},
        capture_output=True,
        check=False,
        timeout=300,
    )
    results = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [(r["line"], r["action"]) for r in results] == [
        (1, "promote"),
        (2, "deny"),
        (4, "promote"),
    ]
    logged = [json.loads(line) for line in decision_log.read_bytes().split(b"\n")[:-1]]
    assert logged[0]["input"]["version"]["prompt"] == "review\u2028v4\u0085exp"


def test_fail_bad_lines_are_their_own_errors(decision_log: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    nested = b'{"gate": "promotion", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    batch.write_bytes(
        _line(PROMOTE)
        + nested
        + b'{"gate": "promotion", "v": "\xff\xfe"}\n'
        + b"[1]\n"
        + _line(DENY)
    )
    completed = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "check", "--batch", str(batch)],
        cwd=REPO,
        env={**os.environ, "GATEKEEPER_DECISION_LOG": str(decision_log)},
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert completed.returncode == 2, completed.stderr
    results = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [r["line"] for r in results] == [1, 2, 3, 4, 5]
    assert results[0]["action"] == "promote" and results[4]["action"] == "deny"
    assert "nested too deeply" in results[1]["error"]
    assert "not UTF-8" in results[2]["error"]
    assert "must be a JSON object" in results[3]["error"]
    assert [r["exit_code"] for r in results[1:4]] == [2, 2, 2]
    assert len(_logged_ids(decision_log)) == 2


def test_success_progress_on_a_terminal_only(decision_log: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(_line(PROMOTE) * 40)
    command = [sys.executable, "-m", "gatekeeper", "check", "--batch", str(batch)]
    environment = {**os.environ, "GATEKEEPER_DECISION_LOG": str(decision_log)}
    returncode, out, shown = run_on_terminal(command, cwd=REPO, env=environment)
    assert returncode == 0
    assert len(out.splitlines()) == 40  # results stay on stdout, untouched
    assert b"gatekeeper: batch:" in shown
    piped = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, timeout=300)
    assert piped.returncode == 0 and piped.stderr == b""


def test_fail_batch_stops_asking_a_dead_engine(
    decision_log: Path, batches: list[_Batch], opa_server: Any
) -> None:
    server = opa_server()
    batch = _Batch(
        decision_log,
        "-",
        "--engine",
        "opa-server",
        "--opa-upload",
        "--opa-url",
        server.url,
        "--timeout",
        "2",
    )
    batches.append(batch)
    stdin = batch.process.stdin
    assert stdin is not None
    stdin.write(_line(PROMOTE))
    stdin.flush()
    assert batch.next_result()["action"] == "promote"
    server.stop()
    stdin.write(_line(PROMOTE) * 200)
    stdin.close()
    started = time.monotonic()
    results = [batch.next_result(timeout=120) for _ in range(200)]
    elapsed = time.monotonic() - started
    code, err = batch.finish()
    assert code == 2, err
    assert [r["line"] for r in results] == list(range(2, 202))
    assert all(r["exit_code"] == 2 and "decision_id" not in r for r in results)
    stopped = [
        r for r in results if r["error"].startswith("not decided: the engine failed 3 times")
    ]
    assert len(stopped) == 197  # lines 2-4 asked the engine; the rest were not sent to it
    assert elapsed < 60
    assert len(_logged_ids(decision_log)) == 1


def test_fail_max_engine_failures_must_be_positive(decision_log: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(_line(PROMOTE))
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "gatekeeper", "check", "--batch", str(batch)),
            "--max-engine-failures",
            "0",
        ],
        cwd=REPO,
        env={**os.environ, "GATEKEEPER_DECISION_LOG": str(decision_log)},
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert completed.returncode == 2
    assert b"--max-engine-failures 0: must be at least 1" in completed.stderr
    assert not decision_log.exists()
