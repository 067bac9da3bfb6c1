"""Write the example metric files of this folder (deterministic: re-running gives the same files).

- ``baseline.csv``, ``canary.csv``: request samples of a 26-hour shadow run, 1,200
  requests per arm (the current version and the candidate), for the promotion gate;
- ``rollout-samples.jsonl``: 15 minutes of both arms of a canary at 25% in one
  JSON-lines file (every row names its ``arm``), for the rollout gate.

Run: ``python examples/metrics/make_examples.py [FOLDER]`` (needs numpy; default:
this folder).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z


def _shadow_arm(
    rng: np.random.Generator, accuracy: float, latency: float, cost: float
) -> list[str]:
    n = 1200
    times = T0 + np.sort(rng.uniform(0, 26 * 3600, n))
    rows = ["timestamp,latency_ms,outcome,accuracy,security_pass,cost"]
    for t in times:
        outcome = "error" if rng.random() < 0.006 else "ok"
        correct, secure = int(rng.random() < accuracy), int(rng.random() < 0.997)
        rows.append(
            f"{t:.3f},{rng.gamma(4.0, latency / 4.0):.1f},{outcome},"
            f"{correct},{secure},{rng.uniform(0.9, 1.1) * cost:.4f}"
        )
    return rows


def _rollout_rows(rng: np.random.Generator) -> list[str]:
    rows = []
    for second in range(0, 15 * 60, 4):
        for arm, error, p99, ndcg in (
            ("baseline", 0.0005, 180.0, 0.5234),
            ("canary", 0.0005, 185.0, 0.5231),
        ):
            shard = "shard-a" if second // 4 % 2 == 0 else "shard-b"
            row = {
                "timestamp": T0 + second + (0.5 if arm == "canary" else 0.0),
                "arm": arm,
                "latency_ms": round(float(rng.gamma(9.0, p99 / 18.0)), 1),
                "outcome": "error" if rng.random() < error else "ok",
                "shard": shard,
                "cpu": round(float(rng.uniform(0.35, 0.6)), 3),
                "memory": round(float(rng.uniform(0.4, 0.55)), 3),
                "ndcg_at_10": round(float(rng.normal(ndcg, 0.002)), 4),
            }
            rows.append(json.dumps(row))
    return rows


def main(folder: Path = HERE) -> None:
    rng = np.random.default_rng(20260101)
    (folder / "baseline.csv").write_text("\n".join(_shadow_arm(rng, 0.86, 900.0, 0.0120)) + "\n")
    (folder / "canary.csv").write_text("\n".join(_shadow_arm(rng, 0.91, 880.0, 0.0126)) + "\n")
    (folder / "rollout-samples.jsonl").write_text("\n".join(_rollout_rows(rng)) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
