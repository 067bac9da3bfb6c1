"""Engine benchmarks, each measured side by side with its reference in the same run.

1. ``gatekeeper check`` (embedded, compiled-policy cache warm) as a whole cold
   process vs ``opa eval`` on the same policy and input (target <= 2.0x); the first
   run with an empty cache is shown apart;
2. ``gatekeeper check --engine opa-cli`` vs raw ``opa eval`` (the wrapper's cost);
3. 10,000 decisions: ``gatekeeper check --batch`` (embedded) against 10,000
   separate ``opa eval`` processes (extrapolated from a measured sample of
   processes; target >= 30x faster), and per decision against a raw OPA REST call
   on a kept-alive connection (target <= 1.5x); also the engines in-process and
   ``--batch`` with the other engines;
4. ``gatekeeper --version`` vs ``python -c pass`` (target: at most 60 ms more), and
   ``python -X importtime`` proving that ``check`` with the embedded engine imports
   no numpy, scipy, httpx.
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


def _seconds(command: Sequence[str], env: dict[str, str]) -> float:
    """Wall time of one run of ``command`` (exit 0 or 1 only)."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(
            f"{' '.join(command[:4])}... exited {done.returncode}: "
            f"{done.stderr.decode(errors='replace')[-400:]}"
        )
    return elapsed


def _median_seconds(command: Sequence[str], runs: int, env: dict[str, str]) -> float:
    """Median wall time of ``runs`` runs of ``command``."""
    return statistics.median(_seconds(command, env) for _ in range(runs))


def _paired_medians(
    commands: Sequence[Sequence[str]], runs: int, env: dict[str, str]
) -> list[float]:
    """Median wall time of each command, run in turn (ABCABC...) so load hits all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            times[index].append(_seconds(command, env))
    return [statistics.median(series) for series in times]


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


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def _raw_rest(url: str, document: dict[str, Any], budget: float) -> float:
    """Seconds per decision of a bare httpx POST on one kept-alive connection."""
    import httpx

    with httpx.Client(base_url=url) as client:
        body = json.dumps({"input": document}).encode()
        headers = {"Content-Type": "application/json"}
        path = "/v1/data/gatekeeper/main/decision"

        def call() -> object:
            response = client.post(path, content=body, headers=headers)
            return response.json()["result"]

        call()
        return _timed(call, TARGET, budget)[1]


def run(quick: bool = False) -> list[str]:
    """Run the four engine benchmarks and return the lines to print."""
    from gatekeeper.engines import EngineOptions, open_engine
    from gatekeeper.policy._files import ENTRYPOINT_QUERY, load_policy_set
    from gatekeeper.policy._opa_tool import find_opa_binary

    cold_runs = 3 if quick else 9
    budget = 3.0 if quick else 12.0  # seconds per throughput measurement
    cli_sample = 5 if quick else 50
    process_sample = 20 if quick else 200

    opa = find_opa_binary()
    name, document = _pick_input()
    extra = (ROSTER,) if ROSTER.exists() else ()
    policy = load_policy_set(None, extra)
    lines = [f"input: {name}; policy {policy.revision} ({len(policy.modules)} modules); {opa}"]

    # bytecode for the package, as pip writes it on install (a cold process then
    # measures gatekeeper, not the compilation of its sources)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO_ROOT / "gatekeeper")], check=True
    )
    workdir = Path(tempfile.mkdtemp(prefix="gatekeeper-bench-"))
    env = {**os.environ, "GATEKEEPER_DECISION_LOG": str(workdir / "decisions.jsonl")}
    env["GATEKEEPER_CACHE_DIR"] = str(workdir / "cache")
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
        t_first = statistics.median(
            _median_seconds(check, 1, {**env, "GATEKEEPER_CACHE_DIR": str(workdir / f"empty{i}")})
            for i in range(3)
        )
        _median_seconds(check, 1, env)  # warms the compiled-policy cache
        check_cli = [*check, "--engine", "opa-cli", "--opa-binary", opa]
        t_opa, t_check, t_check_cli = _paired_medians([opa_eval, check, check_cli], cold_runs, env)
        lines.append(
            f"1. cold process, median of {cold_runs} (run in turn with opa eval): "
            "gatekeeper check (embedded, cache warm) "
            f"{t_check * 1000:.0f} ms vs opa eval {t_opa * 1000:.0f} ms: "
            f"ratio {t_check / t_opa:.2f}x (target <= 2.0x: {_verdict(t_check / t_opa <= 2.0)})"
        )
        lines.append(
            f"   first run, empty cache (compiles the policy to machine code), median of 3: "
            f"{t_first * 1000:.0f} ms: ratio {t_first / t_opa:.2f}x opa eval"
        )
        lines.append(
            f"2. gatekeeper check --engine opa-cli {t_check_cli * 1000:.0f} ms vs raw opa eval "
            f"{t_opa * 1000:.0f} ms: ratio {t_check_cli / t_opa:.2f}x "
            f"(wrapper cost {1000 * (t_check_cli - t_opa):.0f} ms)"
        )

        # 3: 10,000 decisions
        started = time.perf_counter()
        for _ in range(process_sample):
            subprocess.run(opa_eval, capture_output=True, env=env, check=True)
        per_process = (time.perf_counter() - started) / process_sample
        reference = per_process * TARGET
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
            per_rest = _raw_rest(url, document, budget)
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
            f"separate opa eval processes ({reference:.0f} s, extrapolated from "
            f"{process_sample} processes run one after another, {per_process * 1000:.1f} ms each):"
        )
        for label, count, per in rows:
            total = per * TARGET
            note = "" if count >= TARGET else f" (extrapolated from {count:,})"
            lines.append(
                f"   {label:<28} {1 / per:>9,.0f} decisions/s, {TARGET:,} in {total:7.1f} s"
                f"{note}: ratio {reference / total:,.1f}x faster than opa eval processes"
            )

        batch_embedded = next(per for label, _, per in rows if label == "check --batch, embedded")
        lines.append(
            f"   check --batch embedded vs opa eval processes: ratio "
            f"{per_process / batch_embedded:,.1f}x faster (target >= 30x: "
            f"{_verdict(per_process / batch_embedded >= 30)})"
        )
        lines.append(
            f"   per decision: check --batch embedded {batch_embedded * 1000:.2f} ms vs a raw OPA "
            f"REST call on a kept-alive connection {per_rest * 1000:.2f} ms: ratio "
            f"{batch_embedded / per_rest:.2f}x (target <= 1.5x: "
            f"{_verdict(batch_embedded / per_rest <= 1.5)})"
        )

        # 4: start-up and imports
        version = [shutil.which("gatekeeper") or "", "--version"]
        if not version[0]:
            version = [*gatekeeper, "--version"]
        t_version, t_pass = _paired_medians(
            [version, [sys.executable, "-c", "pass"]], cold_runs, env
        )
        extra_ms = (t_version - t_pass) * 1000
        lines.append(
            f"4. gatekeeper --version {t_version * 1000:.0f} ms vs python -c pass "
            f"{t_pass * 1000:.0f} ms: ratio {t_version / t_pass:.2f}x, {extra_ms:+.0f} ms "
            f"(target <= +60 ms: {_verdict(extra_ms <= 60)})"
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
