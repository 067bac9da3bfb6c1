"""The shipped example metric files: regenerable, and the README's build-input -> check walk."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gatekeeper.cli._main import main

pytest.importorskip("numpy")
pytest.importorskip("scipy")

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "metrics"
FLOAT_NOISE = re.compile(r"\d\.\d*(?:0000000|9999999)\d")


def test_success_the_generator_writes_files_of_the_same_shape_and_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regenerated files (numpy's random streams may differ by version) decide the same."""
    subprocess.run(
        [sys.executable, str(EXAMPLES / "make_examples.py"), str(tmp_path)], check=True, timeout=120
    )
    for name in ("baseline.csv", "canary.csv", "rollout-samples.jsonl"):
        fresh = (tmp_path / name).read_text().splitlines()
        shipped = (EXAMPLES / name).read_text().splitlines()
        assert len(fresh) == len(shipped), name
        if name.endswith(".csv"):
            assert fresh[0] == shipped[0]
        else:
            assert json.loads(fresh[0]).keys() == json.loads(shipped[0]).keys()
    args = ["check", "--from-metrics", "--gate", "promotion", "--format", "json"]
    args += ["--baseline", str(tmp_path / "baseline.csv"), "--canary", str(tmp_path / "canary.csv")]
    args += ["--base", str(EXAMPLES / "promotion-context.json")]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["action"] == "promote"


def test_success_promotion_walk_from_example_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = tmp_path / "promotion-input.json"
    args = ["build-input", "--gate", "promotion"]
    args += ["--baseline", str(EXAMPLES / "baseline.csv"), "--canary", str(EXAMPLES / "canary.csv")]
    args += ["--base", str(EXAMPLES / "promotion-context.json"), "-o", str(built)]
    assert main(args) == 0
    text = built.read_text()
    assert not FLOAT_NOISE.search(text), FLOAT_NOISE.search(text)
    document = json.loads(text)
    assert document["shadow"]["requests"] == 1200
    sarif = tmp_path / "gatekeeper.sarif"
    assert main(["check", str(built), "--format", "sarif", "-o", str(sarif)]) == 0
    run = json.loads(sarif.read_text())["runs"][0]
    assert run["properties"]["action"] == "promote" and run["results"] == []
    assert "promote (GO, exit 0)" in capsys.readouterr().err


def test_success_rollout_walk_from_example_files(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", "--from-metrics", "--gate", "rollout", "--phase-percent", "25"]
    args += ["--samples", str(EXAMPLES / "rollout-samples.jsonl")]
    args += ["--base", str(EXAMPLES / "rollout-context.json"), "--format", "json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["action"] == "promote_next_step"
