"""The sequential benchmark's smoke run: the three judges side by side, the goals met."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_sequential.py"


def test_smoke_run_prints_three_judges_and_meets_the_goals() -> None:
    spec = importlib.util.spec_from_file_location("bench_sequential_smoke", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        lines = module.run(quick=True)
    finally:
        sys.modules.pop(spec.name, None)
    table = [line for line in lines if line.startswith("| no regression")]
    assert [line.split(" | ")[1] for line in table] == [
        "sequential (gatekeeper)",
        "repeated z-test",
        "Kayenta-style Mann-Whitney",
    ]
    goals = [line for line in lines if "goal" in line]
    assert goals and all(" met" in line and "NOT met" not in line for line in goals), goals
    # the repeated fixed-horizon test and the per-look judge lose their guarantee
    sequential, repeated, kayenta = (float(line.split(" | ")[2]) for line in table)
    assert sequential <= 0.05 < min(repeated, kayenta)
