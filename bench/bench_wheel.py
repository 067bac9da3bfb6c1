"""Cold start from a core wheel install, each side measured beside its reference.

The package is built as a wheel and installed (core dependencies only, no
extras) into a virtual environment of its own; every process runs from an empty
folder with no ``PYTHONPATH``, so what is measured is what a user installs, not
the editable checkout. Two goals (README, "Performance"):

1. cold ``gatekeeper check <promotion input>`` (embedded engine, compiled-policy
   cache warm) vs ``opa eval -d <the packaged Rego> -i <same input>
   data.gatekeeper.main.decision``: at most 1.3x;
2. ``gatekeeper --version`` vs ``python -c pass`` in the same environment: at most
   30 ms more.

A third pair says why the records on the check path are ``NamedTuple`` classes
while the rest of the package uses dataclasses: the same classes (their names and
fields, read from the package) declared as frozen dataclasses and as NamedTuples,
each program run by the installed interpreter after ``import typing`` (which a
check loads anyway).

The two commands of a pair run in turn (ABAB...) so the load of a shared machine
hits both alike; each line gives medians of wall time and of CPU time
(user + sys of the child), the spread (quartiles) of the wall time and the best
run (on a busy machine the closest to an idle one). The goals are judged on the
medians. The
environment is kept between runs (keyed by the core dependencies) and only the
wheel is reinstalled, so ``--quick`` stays quick; the first run creates it with
``pip`` (``$GATEKEEPER_BENCH_VENV`` chooses the folder).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

REPO_ROOT = Path(__file__).resolve().parent.parent
INPUT = REPO_ROOT / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"
QUERY = "data.gatekeeper.main.decision"
CHECK_RATIO_GOAL = 1.3
VERSION_EXTRA_MS_GOAL = 30.0


class Timing(NamedTuple):
    """One command's runs: median wall and CPU seconds, the wall quartiles and the best."""

    wall: float
    cpu: float
    low: float
    high: float
    best: float

    def text(self) -> str:
        """``123 ms (cpu 98 ms; wall quartiles 110-130 ms, best 101 ms)``."""
        return (
            f"{self.wall * 1000:.0f} ms (cpu {self.cpu * 1000:.0f} ms; wall quartiles "
            f"{self.low * 1000:.0f}-{self.high * 1000:.0f} ms, best {self.best * 1000:.0f} ms)"
        )


def _run_once(command: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + sys) seconds of one run; exit 0 or 1 only."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read() if process.stderr else b""
    if process.stderr:
        process.stderr.close()
    if process.returncode not in (0, 1):
        raise RuntimeError(
            f"{' '.join(command[:3])}... exited {process.returncode}: "
            f"{stderr.decode(errors='replace')[-400:]}"
        )
    return wall, usage.ru_utime + usage.ru_stime


def _summary(runs: list[tuple[float, float]]) -> Timing:
    walls = sorted(wall for wall, _ in runs)
    quartiles = statistics.quantiles(walls, n=4) if len(walls) > 1 else [walls[0]] * 3
    return Timing(
        wall=statistics.median(walls),
        cpu=statistics.median(cpu for _, cpu in runs),
        low=quartiles[0],
        high=quartiles[2],
        best=walls[0],
    )


def interleaved(
    commands: Sequence[Sequence[str]], runs: int, env: dict[str, str], cwd: Path
) -> list[Timing]:
    """Each command's timing over ``runs`` rounds, the commands run in turn each round."""
    samples: list[list[tuple[float, float]]] = [[] for _ in commands]
    for command in commands:  # one unmeasured run each: page cache, compiled-policy cache
        _run_once(command, env, cwd)
    for _ in range(runs):
        for index, command in enumerate(commands):
            samples[index].append(_run_once(command, env, cwd))
    return [_summary(series) for series in samples]


def build_wheel(folder: Path) -> Path:
    """Build the package's wheel into ``folder`` and return it."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(folder),
            str(REPO_ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(folder.glob("gatekeeper_policy_gate-*.whl"))


def core_requirements(wheel: Path) -> list[str]:
    """The wheel's core ``Requires-Dist`` lines (no extra)."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(item for item in archive.namelist() if item.endswith(".dist-info/METADATA"))
        metadata = archive.read(name).decode()
    return sorted(
        line.split(":", 1)[1].strip()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    )


def install(wheel: Path) -> Path:
    """A virtual environment holding ``wheel`` and its core dependencies; its python."""
    key = hashlib.sha256("\n".join(core_requirements(wheel)).encode()).hexdigest()[:12]
    default = Path(tempfile.gettempdir()) / f"gatekeeper-bench-{os.getuid()}" / f"core-{key}"
    home = Path(os.environ.get("GATEKEEPER_BENCH_VENV") or default)
    python = home / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(home)
        subprocess.run([*pip, str(wheel)], check=True, capture_output=True)
    else:
        subprocess.run(
            [*pip, "--no-deps", "--force-reinstall", str(wheel)], check=True, capture_output=True
        )
    return python


def clean_env(workdir: Path) -> dict[str, str]:
    """The environment of every measured process: no PYTHONPATH, a private cache and log."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "GATEKEEPER_", "VIRTUAL_ENV"))
    }
    cache = workdir / "cache"
    cache.mkdir(mode=0o700)
    env["GATEKEEPER_CACHE_DIR"] = str(cache)
    env["GATEKEEPER_DECISION_LOG"] = str(workdir / "decisions.jsonl")
    return env


CHECK_PATH_RECORDS = (
    "gatekeeper.engines._protocol:EngineOptions",
    "gatekeeper.policy._layer:PolicyLayer",
    "gatekeeper.policy._files:PolicySet",
    "gatekeeper.reports._context:RuleDoc",
    "gatekeeper.reports._context:Report",
    "gatekeeper.reports._context:ErrorReport",
    "gatekeeper.check._input:InputLine",
    "gatekeeper.check._options:RuleSet",
    "gatekeeper.check._options:CheckOptions",
    "gatekeeper.log._keys:LogSigner",
    "gatekeeper.log._keys:LogVerifier",
    "gatekeeper.models._validate:CheckedInput",
    "gatekeeper.models._decision:Violation",
    "gatekeeper.models._decision:Decision",
    "gatekeeper.check._pipeline:Outcome",
    "gatekeeper.check._pipeline:Prepared",
    "gatekeeper.engines._wasm_policy:WasmSource",
)
"""The record classes a cold check builds (``module:class``)."""


def records_programs() -> tuple[str, str]:
    """Two programs declaring the check path's records: as frozen dataclasses, as NamedTuples."""
    import importlib

    as_dataclasses = ["import typing", "from dataclasses import dataclass"]
    as_named_tuples = ["import typing", "from typing import NamedTuple"]
    for spec in CHECK_PATH_RECORDS:
        module, name = spec.split(":")
        record = getattr(importlib.import_module(module), name)
        body = [
            f"    {field}: object" + (" = None" if field in record._field_defaults else "")
            for field in record._fields
        ]
        as_dataclasses += ["@dataclass(frozen=True)", f"class {name}:", *body]
        as_named_tuples += [f"class {name}(NamedTuple):", *body]
    return "\n".join(as_dataclasses), "\n".join(as_named_tuples)


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def run(quick: bool = False) -> list[str]:
    """Measure both goals from a core wheel install and return the lines to print."""
    from gatekeeper.policy._opa_tool import find_opa_binary

    runs = 7 if quick else 31
    opa = find_opa_binary()
    workdir = Path(tempfile.mkdtemp(prefix="gatekeeper-bench-wheel-"))
    try:
        python = install(build_wheel(workdir / "dist"))
        bindir = python.parent
        env = clean_env(workdir)
        empty = workdir / "empty"
        empty.mkdir()
        located = subprocess.run(
            [str(python), "-c", "import gatekeeper.policy as p; print(p.__file__)"],
            cwd=empty,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        rego = Path(located).parent / "_rego"
        if not rego.is_dir() or not located.startswith(str(python.parent.parent)):
            raise RuntimeError(f"gatekeeper is not imported from the wheel install: {located}")
        check = [str(bindir / "gatekeeper"), "check", str(INPUT)]
        # The policy as gatekeeper runs it: the Rego tests that ship beside it are left out.
        opa_eval = [opa, "eval", "--format", "json", "--ignore", "*_test.rego"]
        opa_eval += ["-d", str(rego), "-i", str(INPUT), QUERY]
        load_before = os.getloadavg()[0]
        t_check, t_opa = interleaved([check, opa_eval], runs, env, empty)
        ratio = t_check.wall / t_opa.wall
        lines = [
            f"core wheel install in {python.parent.parent}; {runs} interleaved runs each, "
            f"from an empty folder; input {INPUT.relative_to(REPO_ROOT)}",
            f"1. cold gatekeeper check {t_check.text()}",
            f"   vs opa eval           {t_opa.text()}",
            f"   ratio {ratio:.2f}x wall (medians), {t_check.best / t_opa.best:.2f}x best, "
            f"{t_check.cpu / t_opa.cpu:.2f}x cpu "
            f"(goal <= {CHECK_RATIO_GOAL}x: {_verdict(ratio <= CHECK_RATIO_GOAL)})",
        ]
        cores = os.cpu_count() or 1
        if max(load_before, os.getloadavg()[0]) > cores:
            lines.append(
                f"   load average {load_before:.1f} -> {os.getloadavg()[0]:.1f} on {cores} cores: "
                "a busy machine slows opa eval (several threads) more than gatekeeper "
                "(one), so this ratio flatters gatekeeper; compare on a quiet machine"
            )
        version = [str(bindir / "gatekeeper"), "--version"]
        t_version, t_pass = interleaved([version, [str(python), "-c", "pass"]], runs, env, empty)
        extra = (t_version.wall - t_pass.wall) * 1000
        lines += [
            f"2. gatekeeper --version {t_version.text()}",
            f"   vs python -c pass    {t_pass.text()}",
            f"   ratio {t_version.wall / t_pass.wall:.2f}x, {extra:+.0f} ms wall (medians), "
            f"{(t_version.best - t_pass.best) * 1000:+.0f} ms best, "
            f"{(t_version.cpu - t_pass.cpu) * 1000:+.0f} ms cpu "
            f"(goal <= +{VERSION_EXTRA_MS_GOAL:.0f} ms: "
            f"{_verdict(extra <= VERSION_EXTRA_MS_GOAL)})",
        ]
        with_dataclasses, with_named_tuples = records_programs()
        t_dataclasses, t_named_tuples = interleaved(
            [[str(python), "-c", with_dataclasses], [str(python), "-c", with_named_tuples]],
            runs,
            env,
            empty,
        )
        lines += [
            f"3. the check path's {len(CHECK_PATH_RECORDS)} records as frozen dataclasses "
            f"{t_dataclasses.text()}",
            f"   as NamedTuples {t_named_tuples.text()}",
            f"   NamedTuples save {(t_dataclasses.wall - t_named_tuples.wall) * 1000:.1f} ms "
            f"wall, {(t_dataclasses.cpu - t_named_tuples.cpu) * 1000:.1f} ms cpu of every "
            "cold check (medians)",
        ]
        return lines
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    for output_line in run(quick="--quick" in sys.argv):
        print(output_line)
