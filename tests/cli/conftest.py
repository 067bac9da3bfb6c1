"""CLI tests never write to the working directory's decision log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def decision_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point ``GATEKEEPER_DECISION_LOG`` at a fresh file for each test."""
    path = tmp_path / "decisions.jsonl"
    monkeypatch.setenv("GATEKEEPER_DECISION_LOG", str(path))
    yield path
