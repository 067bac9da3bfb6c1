"""Progress on a terminal (a real pseudo-terminal) for long commands; silence otherwise."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ERASE = "\r\x1b[K"


def _samples(folder: Path) -> tuple[Path, Path]:
    paths = []
    for arm, shift in (("baseline", 0.0), ("canary", 3.0)):
        lines = ["timestamp,latency_ms,outcome,accuracy"]
        for i in range(2000):
            outcome = "error" if i % 97 == 0 else "ok"
            lines.append(
                f"{1_700_000_000 + i * 0.5},{100 + (i * 7) % 50 + shift},{outcome},{i % 5 > 0:d}"
            )
        path = folder / f"{arm}.csv"
        path.write_text("\n".join(lines) + "\n")
        paths.append(path)
    return paths[0], paths[1]


def _run(
    args: list[str], folder: Path, *, tty: bool, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run gatekeeper with stderr on a pseudo-terminal (or a pipe); return exit and stderr."""
    environment = {k: v for k, v in os.environ.items() if k != "GATEKEEPER_PROGRESS"}
    environment.update(PYTHONPATH=str(REPO), TERM="xterm", **(env or {}))
    command = [sys.executable, "-m", "gatekeeper", *args]
    if not tty:
        done = subprocess.run(
            command, cwd=folder, env=environment, capture_output=True, text=True, timeout=300
        )
        return done.returncode, done.stderr
    leader, follower = pty.openpty()
    with open(folder / "stdout.txt", "w") as out:
        process = subprocess.Popen(
            command, cwd=folder, env=environment, stdout=out, stderr=follower
        )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


def test_success_build_input_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    baseline, canary = _samples(tmp_path)
    args = ["build-input", "--gate", "promotion", "--baseline", str(baseline)]
    args += ["--canary", str(canary), "-o", "input.json"]
    code, err = _run(args, tmp_path, tty=True)
    assert code == 0, err
    assert "gatekeeper build-input: reading baseline.csv" in err
    assert "gatekeeper build-input: statistical tests on 2,000 + 2,000 samples" in err
    assert err.endswith(ERASE)  # the line is erased when the work is done
    assert (tmp_path / "input.json").is_file()


def test_success_build_input_is_quiet_when_not_a_terminal(tmp_path: Path) -> None:
    baseline, canary = _samples(tmp_path)
    args = ["build-input", "--gate", "promotion", "--baseline", str(baseline)]
    args += ["--canary", str(canary), "-o", "input.json"]
    code, err = _run(args, tmp_path, tty=False)
    assert code == 0 and err == ""


def test_success_progress_can_be_turned_off_on_a_terminal(tmp_path: Path) -> None:
    baseline, canary = _samples(tmp_path)
    args = ["build-input", "--gate", "promotion", "--baseline", str(baseline)]
    args += ["--canary", str(canary), "-o", "input.json"]
    code, err = _run(args, tmp_path, tty=True, env={"GATEKEEPER_PROGRESS": "0"})
    assert code == 0 and err == ""


def test_success_scenarios_count_on_a_terminal(tmp_path: Path) -> None:
    pytest.importorskip("pytest_bdd")
    feature = REPO / "features" / "gray_scale.feature"
    code, err = _run(["scenarios", str(feature)], tmp_path, tty=True)
    assert code in (0, 1), err  # 1: the one feature file leaves matrix cells uncovered
    assert "gatekeeper scenarios: scenario 0/" in err
    last = [part for part in err.split(ERASE) if part.startswith("gatekeeper scenarios: scenario")][
        -1
    ]
    done, total = last.split("scenario ")[1].split(" ")[0].split("/")
    assert done == total and int(total) > 5
    stdout = (tmp_path / "stdout.txt").read_text()
    assert "Decision matrix:" in stdout and "...." not in stdout  # no pytest dots


def test_success_audit_names_its_phases_on_a_terminal(tmp_path: Path) -> None:
    code, err = _run(["audit", "--no-scenarios", "--no-opa", "-o", "audit.md"], tmp_path, tty=True)
    assert code in (0, 1), err
    assert "gatekeeper audit: reading the policy and its METADATA" in err
    assert "gatekeeper audit: checking completeness and conflicts" in err
