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

The live loop (``POST /v1/decisions?namespace=N&name=M&revision=R``: serve holds
the clock of manual decisions, docs/controllers.md) is measured on rollout inputs
over many rollouts, half healthy (no pending decision: a lookup) and half with a
quality regression that asks for a manual decision (its first measurement of a
revision records the pending decision, the next ones read it; every rollout moves
to a new revision every few hundred requests, so inserts go on all run long):

4. the live loop with the SQLite state store (the embedded server of line 1: the
   state file beside its decision log);
5. the live loop with PostgreSQL (``--state postgresql --log-store postgresql``:
   the pending decisions and the decision log in one real PostgreSQL, started for
   the run as the tests start it);
6. raw OPA REST on the same rollout inputs;
7. the same inputs to line 1's server without a rollout named (no clock, no
   state: what the state path costs).

The lines are measured in rounds, each round all of them in turn, so the machine's
drift reaches them alike. Ratio: each serve line / raw OPA on the same inputs over
all rounds (goal >= 0.7), with the lowest and highest round. Latency: the median round's p50, the
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
from contextlib import ExitStack
from pathlib import Path
from typing import Any, NamedTuple

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from bench._http_load import LoadRun, drive
from tests.serve._loop import rollout_input

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


def _serve(
    workdir: Path, name: str, *args: str, database_url: str | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Start serve; with ``database_url`` its state and decision log are in PostgreSQL."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "gatekeeper", "serve", "--port", str(port), "--threads"]
    if database_url is None:
        command += ["16", "--decision-log", str(workdir / f"{name}.jsonl"), *args]
    else:
        env["GATEKEEPER_DATABASE_URL"] = database_url  # never on the command line
        command += ["16", "--state", "postgresql", "--log-store", "postgresql", *args]
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
    """The Go load harness, when it is built and knows ``-urls`` (one URL a request)."""
    folder = os.environ.get("GATEKEEPER_HARNESS_DIR") or str(
        Path.home() / ".cache/gatekeeper/harness"
    )
    binary = Path(folder) / "load-harness"
    if not binary.exists():
        return None
    usage = subprocess.run([str(binary), "-h"], capture_output=True, text=True, check=False)
    return str(binary) if "-urls" in usage.stderr else None  # older: bash harness/build.sh


def _measure(url: str | list[str], documents: list[Any], total: int, workdir: Path) -> Figures:
    """One line: ``total`` posts of ``documents`` in turn, to ``url`` or one URL a request."""
    driver = _go_driver()
    if driver is None:  # the Python driver: it, not the server, may be the limit
        drive(url, documents, WARM_UP, CLIENTS)
        run: LoadRun = drive(url, documents, total, CLIENTS)
        bad = {str(s): n for s, n in run.statuses().items() if s != 200}
        return Figures(run.rate, run.percentile(50), run.percentile(99), total, bad)
    bodies = workdir / "bodies.jsonl"
    bodies.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    command = [driver, "-bodies", str(bodies), "-clients", str(CLIENTS)]
    if isinstance(url, str):
        command += ["-url", url]
    else:
        urls = workdir / "urls.txt"
        urls.write_text("".join(line + "\n" for line in url), encoding="utf-8")
        command += ["-urls", str(urls)]
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


LIVE_ROLLOUTS = 100
"""Rollouts of each kind (healthy, manual decision) in the live-loop lines."""
LIVE_REVISION_EVERY = 800
"""Requests between two revisions of every rollout: each manual rollout's revision
gets one insert (its first measurement) and three lookups of its pending decision."""


LIVE_DOCUMENTS = [rollout_input(ndcg=0.5240), rollout_input(ndcg=0.5183)]
"""Request i posts ``LIVE_DOCUMENTS[i % 2]``: a rollout input at 25%, healthy at nDCG@10
0.5240, then a quality regression at 0.5183 (a manual decision for the QA DRI) against
a baseline of 0.5234 (the live-loop tests' input)."""


def _live_urls(base: str, round_number: int, total: int) -> list[str]:
    """One URL a request, paired with :data:`LIVE_DOCUMENTS` by index: rollout
    ``healthy-K`` or ``manual-K``, its revision new every :data:`LIVE_REVISION_EVERY`
    requests and in every round (so each round inserts as well as reads)."""
    urls = []
    for i in range(total):
        kind = "healthy" if i % 2 == 0 else "manual"
        name = f"{kind}-{i // 2 % LIVE_ROLLOUTS}"
        revision = f"r{round_number}-{i // LIVE_REVISION_EVERY}"
        urls.append(f"{base}/v1/decisions?namespace=bench&name={name}&revision={revision}")
    return urls


def _checked_postgres() -> bool:
    """Whether PostgreSQL can be started; under CI=true its absence is a failure."""
    from tests.postgres_cluster import postgres_bin

    if postgres_bin() is not None:
        return True
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError("CI=true and PostgreSQL is missing (initdb, pg_ctl)")
    return False


def run(quick: bool = False) -> list[str]:
    """Measure every line in rounds, each round all of them in turn; the lines to print."""
    with ExitStack() as stack:
        database_url = None
        if _checked_postgres():
            from gatekeeper.log._postgres_log import PostgresDecisionLog
            from tests.postgres_cluster import running_cluster

            database_url = stack.enter_context(running_cluster()).url
            PostgresDecisionLog(database_url).close()  # the log's table, before serve starts
        return _run(quick, database_url)


def _run(quick: bool, database_url: str | None) -> list[str]:
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
    names = ["embedded", "opa-server", "raw", "live sqlite", "live postgresql", "live raw"]
    names.append("live no state")
    runs: dict[str, list[Figures]] = {name: [] for name in names}
    try:
        _wait(f"{opa_url}/health", opa)
        embedded, embedded_url = _serve(workdir, "embedded", "--engine", "embedded")
        processes.append(embedded)
        served, serve_url = _serve(
            workdir, "opa-server", "--engine", "opa-server", "--opa-url", opa_url
        )
        processes.append(served)  # the OPA server serves the bundle of the local revision
        postgres_serve_url = None
        if database_url is not None:
            on_postgres, postgres_serve_url = _serve(
                workdir, "postgresql", "--engine", "embedded", database_url=database_url
            )
            processes.append(on_postgres)
        wrapped = [{"input": document} for document in documents]
        live_raw = [{"input": document} for document in LIVE_DOCUMENTS]
        raw_url = f"{opa_url}/v1/data/gatekeeper/main/decision"
        for number in range(rounds):  # in turn, so the machine's drift reaches every line
            targets: dict[str, tuple[str | list[str], list[Any]]] = {
                "embedded": (f"{embedded_url}/v1/decisions", documents),
                "opa-server": (f"{serve_url}/v1/decisions", documents),
                "raw": (raw_url, wrapped),
                "live sqlite": (_live_urls(embedded_url, number, per_round), LIVE_DOCUMENTS),
                "live raw": (raw_url, live_raw),
                "live no state": (f"{embedded_url}/v1/decisions", LIVE_DOCUMENTS),
            }
            if postgres_serve_url is not None:
                live = _live_urls(postgres_serve_url, number, per_round)
                targets["live postgresql"] = (live, LIVE_DOCUMENTS)
            for name, (url, bodies) in targets.items():
                runs[name].append(_measure(url, bodies, per_round, workdir))
    finally:
        for process in reversed(processes):
            _stop(process)
    return _report(runs, len(documents), rounds, per_round)


def _report(runs: dict[str, list[Figures]], inputs: int, rounds: int, per_round: int) -> list[str]:
    driver = "Go load harness" if _go_driver() else "Python driver (build harness/ for the Go one)"
    lines = [
        f"inputs: {inputs} scenarios in turn; {rounds} round(s), each line "
        f"{per_round:,} decisions a round; one OPA server for the raw lines; "
        f"driver: {driver}",
        _line("serve, embedded engine  ", _combined(runs["embedded"])),
        _line("serve, opa-server engine", _combined(runs["opa-server"])),
        _line("raw OPA REST            ", _combined(runs["raw"])),
        "ratio serve/raw OPA (goal >= 0.7): "
        + _ratio("embedded", runs["embedded"], runs["raw"])
        + "; "
        + _ratio("opa-server", runs["opa-server"], runs["raw"]),
        f"live loop: rollout inputs over {2 * LIVE_ROLLOUTS} rollouts, half healthy, half a "
        f"manual decision (a new revision every {LIVE_REVISION_EVERY} requests)",
        _line("live loop, SQLite state          ", _combined(runs["live sqlite"])),
    ]
    ratio = "ratio live loop/raw OPA (goal >= 0.7): " + _ratio(
        "SQLite", runs["live sqlite"], runs["live raw"]
    )
    if runs["live postgresql"]:
        lines.append(_line("live loop, PostgreSQL state + log", _combined(runs["live postgresql"])))
        ratio += "; " + _ratio("PostgreSQL", runs["live postgresql"], runs["live raw"])
    else:
        lines.append("live loop, PostgreSQL: not measured (PostgreSQL is not installed)")
    lines.append(_line("the same inputs, no rollout named", _combined(runs["live no state"])))
    lines.append(_line("raw OPA REST, rollout inputs     ", _combined(runs["live raw"])))
    lines.append(ratio)
    return lines


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    print("\n".join(run(parser.parse_args().quick)))
