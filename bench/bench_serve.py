"""Benchmark: decisions per second over HTTP, ``gatekeeper serve`` against raw OPA REST.

Both measured in the same run, with the same driver (32 keep-alive clients, closed
loop; the Go load harness from ``harness/load`` when built, which costs the machine
little, else the Python driver) and the same inputs (every decidable promotion
scenario and rollout scenario of the default rule set, in turn):

1. ``gatekeeper serve`` on the embedded engine (the default): validation, OPA's
   Wasm build of the policy in process, the decision model and a fsynced,
   hash-chained decision-log record per decision;
2. ``gatekeeper serve --engine opa-server``: the same, with the policy evaluated by
   the OPA server (it serves ``gatekeeper bundle build``'s bundle, and every
   answer's bundle revision is checked against the local policy digest);
3. raw OPA REST: ``POST /v1/data/gatekeeper/main/decision`` on the same OPA server
   with the same policy (no validation, no log).

The lines are measured in rounds, each round all three in turn, so the machine's
drift reaches them alike. Ratio: each serve line / raw OPA over all rounds (goal
>= 0.7), with the lowest and highest round. Latency: the median round's p50, the
worst round's p99. Run: ``python bench/run.py serve`` (3 rounds of 3,332 decisions
a line; ``--quick``: one round of 1,000). A line names any answer that was not 200.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from bench._http_load import LoadRun, drive

REPO_ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 32
WARM_UP = 200
ROUNDS = 3


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _inputs() -> list[dict[str, Any]]:
    from gatekeeper.models import validate_input
    from gatekeeper.models._examples import scenario_options
    from gatekeeper.models._exceptions import InputError

    documents = []
    scenarios = REPO_ROOT / "scenarios"
    for path in sorted(scenarios.rglob("*--*.json")):
        if scenario_options(path.relative_to(scenarios).parts):
            continue  # another rule set: serve would need it chosen in the query
        document = json.loads(path.read_text())
        document = document.get("input", document)
        if document.get("gate") == "approval":
            continue
        try:
            validate_input(document)
        except InputError:
            continue
        documents.append(document)
    return documents


def _wait(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready after {timeout}s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _serve(workdir: Path, name: str, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "gatekeeper", "serve", "--port", str(port), "--threads"]
    command += ["16", "--decision-log", str(workdir / f"{name}.jsonl"), *args]
    log = (workdir / f"{name}.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    _wait(f"{url}/readyz", process)
    return process, url


class Figures(NamedTuple):
    """One measured line."""

    rate: float
    p50_ms: float
    p99_ms: float
    count: int
    not_ok: dict[str, int]


def _go_driver() -> str | None:
    folder = os.environ.get("GATEKEEPER_HARNESS_DIR") or str(
        Path.home() / ".cache/gatekeeper/harness"
    )
    binary = Path(folder) / "load-harness"
    return str(binary) if binary.exists() else None


def _measure(url: str, documents: list[Any], total: int, workdir: Path) -> Figures:
    driver = _go_driver()
    if driver is None:  # the Python driver: it, not the server, may be the limit
        drive(url, documents, WARM_UP, CLIENTS)
        run: LoadRun = drive(url, documents, total, CLIENTS)
        bad = {str(s): n for s, n in run.statuses().items() if s != 200}
        return Figures(run.rate, run.percentile(50), run.percentile(99), total, bad)
    bodies = workdir / "bodies.jsonl"
    bodies.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    command = [driver, "-url", url, "-bodies", str(bodies), "-clients", str(CLIENTS)]
    subprocess.run([*command, "-total", str(WARM_UP)], check=True, capture_output=True)
    done = subprocess.run(
        [*command, "-total", str(total)], check=True, capture_output=True, text=True
    )
    report = json.loads(done.stdout)
    bad = {s: n for s, n in report["statuses"].items() if s != "200"}
    return Figures(report["rate"], report["p50_ms"], report["p99_ms"], total, bad)


def _combined(runs: list[Figures]) -> Figures:
    """Rounds of one line as one: overall rate, median p50, worst p99, every non-200."""
    count = sum(run.count for run in runs)
    seconds = sum(run.count / run.rate for run in runs)
    not_ok: dict[str, int] = {}
    for run in runs:
        for status, number in run.not_ok.items():
            not_ok[status] = not_ok.get(status, 0) + number
    p50 = statistics.median(run.p50_ms for run in runs)
    return Figures(count / seconds, p50, max(run.p99_ms for run in runs), count, not_ok)


def _line(label: str, run: Figures) -> str:
    return (
        f"{label}: {run.rate:,.0f} decisions/s, p50 {run.p50_ms:.1f} ms, "
        f"p99 {run.p99_ms:.1f} ms ({run.count:,} decisions, {CLIENTS} clients"
        + (f"; NOT 200: {run.not_ok})" if run.not_ok else ")")
    )


def _ratio(name: str, line: list[Figures], raw: list[Figures]) -> str:
    each = [mine.rate / theirs.rate for mine, theirs in zip(line, raw, strict=True)]
    overall = _combined(line).rate / _combined(raw).rate
    return f"{name} {overall:.2f} (rounds {min(each):.2f}-{max(each):.2f})"


def run(quick: bool = False) -> list[str]:
    """Measure the three lines in rounds, each round all three in turn; the lines to print."""
    from gatekeeper.policy._opa_tool import find_opa_binary

    rounds = 1 if quick else ROUNDS
    per_round = 1_000 if quick else 5_000 // ROUNDS * 2
    documents = _inputs()
    workdir = Path(tempfile.mkdtemp(prefix="gatekeeper-bench-serve-"))
    bundle = workdir / "gatekeeper.tar.gz"
    subprocess.run(
        [sys.executable, "-m", "gatekeeper", "bundle", "build", "-o", str(bundle)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    opa_port = _free_port()
    opa_command = [find_opa_binary(), "run", "--server", "--log-level", "error"]
    opa = subprocess.Popen(
        [*opa_command, "--addr", f"127.0.0.1:{opa_port}", "--bundle", str(bundle)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    opa_url = f"http://127.0.0.1:{opa_port}"
    processes = [opa]
    runs: dict[str, list[Figures]] = {"embedded": [], "opa-server": [], "raw": []}
    try:
        _wait(f"{opa_url}/health", opa)
        embedded, embedded_url = _serve(workdir, "embedded", "--engine", "embedded")
        processes.append(embedded)
        served, serve_url = _serve(
            workdir, "opa-server", "--engine", "opa-server", "--opa-url", opa_url
        )
        processes.append(served)  # the OPA server serves the bundle of the local revision
        wrapped = [{"input": document} for document in documents]
        targets = {
            "embedded": (f"{embedded_url}/v1/decisions", documents),
            "opa-server": (f"{serve_url}/v1/decisions", documents),
            "raw": (f"{opa_url}/v1/data/gatekeeper/main/decision", wrapped),
        }
        for _ in range(rounds):  # in turn, so the machine's drift reaches every line alike
            for name, (url, bodies) in targets.items():
                runs[name].append(_measure(url, bodies, per_round, workdir))
    finally:
        for process in reversed(processes):
            _stop(process)
    driver = "Go load harness" if _go_driver() else "Python driver (build harness/ for the Go one)"
    return [
        f"inputs: {len(documents)} scenarios in turn; {rounds} round(s), each line "
        f"{per_round:,} decisions a round; one OPA server for the last two lines; "
        f"driver: {driver}",
        _line("serve, embedded engine  ", _combined(runs["embedded"])),
        _line("serve, opa-server engine", _combined(runs["opa-server"])),
        _line("raw OPA REST            ", _combined(runs["raw"])),
        "ratio serve/raw OPA (goal >= 0.7): "
        + _ratio("embedded", runs["embedded"], runs["raw"])
        + "; "
        + _ratio("opa-server", runs["opa-server"], runs["raw"]),
    ]


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    print("\n".join(run(parser.parse_args().quick)))
