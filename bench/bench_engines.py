"""Engine benchmarks, each measured side by side with its reference in the same run.

1. ``gatekeeper check`` (embedded) as a whole cold process vs ``opa eval`` on the
   same policy and input;
2. ``gatekeeper check --engine opa-cli`` vs raw ``opa eval`` (the wrapper's cost);
3. 10,000 decisions: embedded in-process, opa-server over keep-alive, opa-cli (one
   process each, extrapolated from a sample), and ``gatekeeper check --batch``
   with each engine, against 10,000 separate ``opa eval`` processes (extrapolated);
4. ``gatekeeper --version`` vs ``python -c pass``, and ``python -X importtime``
   proving that ``check`` with the embedded engine imports no numpy, scipy, httpx.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = REPO_ROOT / "scenarios"
ROSTER = SCENARIOS / "roster.json"
TARGET = 10_000
HEAVY_MODULES = ("numpy", "scipy", "httpx")


def _pick_input() -> tuple[str, dict[str, Any]]:
    """A decision-matrix rollout scenario (the richest input), else any scenario."""
    candidates = sorted(SCENARIOS.glob("rollout/**/*.json")) or sorted(SCENARIOS.glob("**/*.json"))
    for path in candidates:
        document = json.loads(path.read_text())
        if isinstance(document, dict) and set(document) == {"input"}:
            document = document["input"]
        if (
            isinstance(document, dict)
            and "gatekeeper" not in document
            and document.get("profile", "decision-matrix") == "decision-matrix"
        ):
            return path.relative_to(REPO_ROOT).as_posix(), document
    raise RuntimeError("no scenario input found under scenarios/")


def _median_seconds(command: Sequence[str], runs: int, env: dict[str, str]) -> float:
    """Median wall time of ``runs`` runs of ``command`` (exit 0 or 1 only)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            raise RuntimeError(
                f"{' '.join(command[:4])}... exited {done.returncode}: "
                f"{done.stderr.decode(errors='replace')[-400:]}"
            )
    return statistics.median(times)


def _timed(evaluate: Callable[[], object], limit: int, budget: float) -> tuple[int, float]:
    """Call ``evaluate`` up to ``limit`` times or ``budget`` seconds: (calls, seconds each)."""
    started = time.perf_counter()
    count = 0
    while count < limit:
        evaluate()
        count += 1
        if time.perf_counter() - started > budget:
            break
    return count, (time.perf_counter() - started) / count


def _fits(per_decision: float, budget: float) -> int:
    """How many decisions at ``per_decision`` seconds fit ``budget`` (20 to 10,000)."""
    return max(20, min(TARGET, int(budget / per_decision)))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_opa_server(opa: str) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = _free_port()
    process = subprocess.Popen(
        [opa, "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("opa server did not become healthy")


def _importtime(command: Sequence[str], env: dict[str, str]) -> tuple[set[str], float]:
    """Top-level modules imported by ``command`` under ``-X importtime``, and total ms."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command], capture_output=True, env=env, check=False
    )
    modules: set[str] = set()
    total_us = 0
    for line in done.stderr.decode(errors="replace").splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [part.strip() for part in line.split(":", 1)[1].split("|")]
        if len(parts) == 3 and parts[0].isdigit():
            total_us += int(parts[0])
            modules.add(parts[2].strip().split(".")[0])
    return modules, total_us / 1000


def run(quick: bool = False) -> list[str]:
    """Run the four engine benchmarks and return the lines to print."""
    from gatekeeper._policy_files import ENTRYPOINT_QUERY, load_policy_set
    from gatekeeper.engines import EngineOptions, open_engine
    from gatekeeper.engines._opa_binary import find_opa_binary

    cold_runs = 2 if quick else 7
    budget = 3.0 if quick else 12.0  # seconds per throughput measurement
    cli_sample = 5 if quick else 50

    opa = find_opa_binary()
    name, document = _pick_input()
    extra = (ROSTER,) if ROSTER.exists() else ()
    policy = load_policy_set(None, extra)
    lines = [f"input: {name}; policy {policy.revision} ({len(policy.modules)} modules); {opa}"]

    workdir = Path(tempfile.mkdtemp(prefix="gatekeeper-bench-"))
    env = {**os.environ, "GATEKEEPER_DECISION_LOG": str(workdir / "decisions.jsonl")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    input_file = workdir / "input.json"
    input_file.write_text(json.dumps(document))
    data_args = [arg for path in extra for arg in ("--data", str(path))]
    gatekeeper = [sys.executable, "-m", "gatekeeper"]
    check = [*gatekeeper, "check", str(input_file), "--format", "json", *data_args]
    opa_eval = [opa, "eval", "--format", "json", "--ignore", "*_test.rego"]
    opa_eval += ["--data", str(policy.root), *data_args, "--input", str(input_file)]
    opa_eval.append(ENTRYPOINT_QUERY)

    try:
        # 1 and 2: cold processes
        t_opa = _median_seconds(opa_eval, cold_runs, env)
        t_check = _median_seconds(check, cold_runs, env)
        t_check_cli = _median_seconds(
            [*check, "--engine", "opa-cli", "--opa-binary", opa], cold_runs, env
        )
        lines.append(
            f"1. cold process, median of {cold_runs}: gatekeeper check (embedded) "
            f"{t_check * 1000:.0f} ms vs opa eval {t_opa * 1000:.0f} ms: "
            f"ratio {t_check / t_opa:.2f}x"
        )
        lines.append(
            f"2. gatekeeper check --engine opa-cli {t_check_cli * 1000:.0f} ms vs raw opa eval "
            f"{t_opa * 1000:.0f} ms: ratio {t_check_cli / t_opa:.2f}x "
            f"(wrapper cost {1000 * (t_check_cli - t_opa):.0f} ms)"
        )

        # 3: 10,000 decisions
        reference = t_opa * TARGET
        rows: list[tuple[str, int, float]] = []
        embedded = open_engine("embedded", policy)
        embedded.evaluate(document)
        measured = _timed(lambda: embedded.evaluate(document), TARGET, budget)
        rows.append(("embedded in-process", *measured))
        embedded.close()

        server, url = _start_opa_server(opa)
        try:
            remote = open_engine("opa-server", policy, EngineOptions(opa_url=url))
            remote.evaluate(document)
            measured = _timed(lambda: remote.evaluate(document), TARGET, budget)
            rows.append(("opa-server keep-alive", *measured))
            remote.close()
            batch_file = workdir / "batch.jsonl"
            per_embedded, per_server = rows[0][2], rows[1][2]
            for engine_name, count, extra_args in (
                ("embedded", _fits(per_embedded, budget), []),
                ("opa-server", _fits(per_server, budget), ["--opa-url", url, "--opa-upload"]),
                ("opa-cli", cli_sample, ["--opa-binary", opa]),
            ):
                batch_file.write_text((json.dumps(document) + "\n") * count)
                command = [*gatekeeper, "check", str(batch_file), "--batch", "--format", "json"]
                command += [*data_args, "--engine", engine_name, *extra_args]
                seconds = _median_seconds(command, 1, env)
                rows.append((f"check --batch, {engine_name}", count, seconds / count))
        finally:
            server.terminate()
            server.wait(timeout=10)

        cli = open_engine("opa-cli", policy, EngineOptions(opa_binary=opa))
        measured = _timed(lambda: cli.evaluate(document), cli_sample, budget * 3)
        rows.append(("opa-cli (a process each)", *measured))
        lines.append(
            f"3. {TARGET:,} decisions (measured count; the rest extrapolated) vs {TARGET:,} "
            f"separate opa eval processes ({reference:.0f} s, from the median above):"
        )
        for label, count, per in rows:
            total = per * TARGET
            note = "" if count >= TARGET else f" (extrapolated from {count:,})"
            lines.append(
                f"   {label:<28} {1 / per:>9,.0f} decisions/s, {TARGET:,} in {total:7.1f} s"
                f"{note}: ratio {reference / total:,.1f}x faster than opa eval processes"
            )

        # 4: start-up and imports
        version = [shutil.which("gatekeeper") or "", "--version"]
        if not version[0]:
            version = [*gatekeeper, "--version"]
        t_version = _median_seconds(version, cold_runs, env)
        t_pass = _median_seconds([sys.executable, "-c", "pass"], cold_runs, env)
        lines.append(
            f"4. gatekeeper --version {t_version * 1000:.0f} ms vs python -c pass "
            f"{t_pass * 1000:.0f} ms: ratio {t_version / t_pass:.2f}x"
        )
        modules, import_ms = _importtime(["-m", "gatekeeper", *check[3:]], env)
        heavy = [module for module in HEAVY_MODULES if module in modules]
        verdict = "none imported" if not heavy else f"IMPORTED: {', '.join(heavy)}"
        lines.append(
            f"   python -X importtime -m gatekeeper check (embedded): {len(modules)} top-level "
            f"modules, {import_ms:.0f} ms of imports; {'/'.join(HEAVY_MODULES)}: {verdict}"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return lines


if __name__ == "__main__":
    for output_line in run(quick="--quick" in sys.argv):
        print(output_line)
