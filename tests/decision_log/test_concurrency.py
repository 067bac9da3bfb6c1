"""Concurrent writers: one whole line per decision, a valid chain, no torn line."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

from gatekeeper.log._decision_log import DecisionLog, verify_log
from tests.conftest import sample_record

REPO = Path(__file__).resolve().parents[2]
PROMOTE = REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"


def _writer(path: str, worker: int, count: int) -> None:
    log = DecisionLog(path)
    for n in range(count):
        document = {"gate": "rollout", "worker": worker, "n": n, "pad": "x" * (n * 97 % 5000)}
        log.append(sample_record(document, source=f"{worker}:{n}"))


def test_success_sixteen_processes_append_without_tearing(tmp_path: Path) -> None:
    path = tmp_path / "decisions.jsonl"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(str(path), w, 40)) for w in range(16)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    records = [json.loads(line) for line in lines[:-1]]
    assert len(records) == 16 * 40
    assert sorted(r["source"] for r in records) == sorted(
        f"{w}:{n}" for w in range(16) for n in range(40)
    )
    result = verify_log(path)
    assert result.ok, result.problem
    assert result.records == 640


def test_success_concurrent_check_processes(tmp_path: Path) -> None:
    """16 real `gatekeeper check` processes, 3 decisions each, one log."""
    log = tmp_path / "decisions.jsonl"
    document = json.loads(PROMOTE.read_text())
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(document) for _ in range(3)) + "\n")
    environment = {**os.environ, "GATEKEEPER_DECISION_LOG": str(log)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gatekeeper", "check", "--batch", str(batch)],
            cwd=REPO,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(16)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err.decode()
        assert len(out.splitlines()) == 3
    decision_ids = {
        json.loads(line)["decision_id"] for out, _ in outputs for line in out.splitlines()
    }
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(records) == 48
    assert {r["decision_id"] for r in records} == decision_ids
    result = verify_log(log)
    assert result.ok, result.problem
    completed = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "log", "verify", str(log)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
