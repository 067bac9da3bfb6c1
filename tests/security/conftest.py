"""Security tests: run ``gatekeeper check`` in-process on real files and real engines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"
PROMOTE = SCENARIOS / "promotion" / "promote--seed-003-with-evidence.json"
ROSTER = SCENARIOS / "roster.json"


@pytest.fixture(autouse=True)
def decision_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point ``GATEKEEPER_DECISION_LOG`` at a fresh file for each test."""
    path = tmp_path / "decisions.jsonl"
    monkeypatch.setenv("GATEKEEPER_DECISION_LOG", str(path))
    yield path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``gatekeeper ARGS`` in this process: (exit code, stdout, stderr)."""
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def write_json(path: Path, value: Any) -> Path:
    """Write ``value`` as JSON to ``path`` and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path
