"""Synthetic measurements for the metrics tests (fixed seeds, written as real files)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np

T0 = 1_700_000_000.0
COLUMNS = (
    "timestamp",
    "arm",
    "latency_ms",
    "outcome",
    "shard",
    "bucket",
    "cpu",
    "memory",
    "accuracy",
    "ndcg_at_10",
    "cost",
)


def make_columns(
    arm: str,
    n: int,
    *,
    seed: int,
    seconds: float = 600.0,
    latency_shift: float = 0.0,
    error_rate: float = 0.002,
    accuracy: float = 0.8,
) -> dict[str, np.ndarray[Any, Any]]:
    """Request samples of one arm as columns, in time order."""
    rng = np.random.default_rng(seed)
    return {
        "timestamp": T0 + np.sort(rng.uniform(0.0, seconds, n)),
        "arm": np.full(n, arm),
        "latency_ms": np.round(rng.gamma(2.0, 50.0, n) + latency_shift, 3),
        "outcome": np.where(rng.random(n) < error_rate, "error", "ok"),
        "shard": np.array([f"shard-{i % 3}" for i in range(n)]),
        "bucket": np.array([f"b{i % 12:02d}" for i in range(n)]),
        "cpu": np.round(rng.uniform(0.2, 0.6, n), 4),
        "memory": np.round(rng.uniform(0.3, 0.5, n), 4),
        "accuracy": (rng.random(n) < accuracy).astype(np.int64),
        "ndcg_at_10": np.round(rng.uniform(0.50, 0.55, n), 5),
        "cost": np.round(rng.uniform(1.0, 2.0, n), 4),
    }


def write_csv(path: Path, columns: dict[str, np.ndarray[Any, Any]]) -> Path:
    names = list(columns)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(zip(*(columns[name].tolist() for name in names), strict=True))
    return path


def write_jsonl(path: Path, columns: dict[str, np.ndarray[Any, Any]]) -> Path:
    names = list(columns)
    with path.open("w", encoding="utf-8") as handle:
        for row in zip(*(columns[name].tolist() for name in names), strict=True):
            handle.write(json.dumps(dict(zip(names, row, strict=True))) + "\n")
    return path


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path
