"""Run every benchmark: ``python bench/run.py [--quick]``.

Each ``bench/bench_*.py`` module defines ``run(quick: bool) -> list[str]``: it
measures its subject side by side with a reference in the same run and returns
the lines to print (each ratio line holds ``ratio``). This runner imports every
such module in name order, prints its lines under a heading, and exits 1 if one
of them failed (the others still run).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent


def bench_modules() -> list[Path]:
    """Every ``bench_*.py`` beside this file, sorted."""
    return sorted(BENCH_DIR.glob("bench_*.py"))


def run_module(path: Path, quick: bool) -> list[str]:
    """Import ``path`` and return the lines of its ``run(quick)``."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    lines = module.run(quick=quick)
    return [str(line) for line in lines or []]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller samples (a smoke run)")
    parser.add_argument("only", nargs="*", help="run only these bench_*.py names (e.g. engines)")
    args = parser.parse_args(argv)
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    failures = 0
    for path in bench_modules():
        name = path.stem.removeprefix("bench_")
        if args.only and name not in args.only and path.stem not in args.only:
            continue
        print(f"== {path.name}{' (quick)' if args.quick else ''}", flush=True)
        started = time.perf_counter()
        try:
            for line in run_module(path, args.quick):
                print(line, flush=True)
        except Exception:  # report it and go on with the next benchmark
            failures += 1
            traceback.print_exc()
        print(f"   ({time.perf_counter() - started:.1f} s)\n", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
