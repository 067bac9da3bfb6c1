"""``gatekeeper check`` with waivers: the evaluation time is stamped, never taken from the input."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.check._input import stamp_evaluation_time
from gatekeeper.cli._main import main

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"
WAIVED = SCENARIOS / "waivers"
DATA = ["--data", str(SCENARIOS / "roster.json"), "--data", str(SCENARIOS / "waivers.json")]


def _check(
    tmp_path: Path, document: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any], dict[str, Any]]:
    source = tmp_path / "input.json"
    source.write_text(json.dumps(document), "utf-8")
    log = tmp_path / "decisions.jsonl"
    code = main(["check", str(source), "--format", "json", "--decision-log", str(log), *DATA])
    decision = json.loads(capsys.readouterr().out)
    record = json.loads(log.read_text("utf-8").splitlines()[-1])
    return code, decision, record


def test_success_waiver_in_force_lets_the_promotion_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(
        (SCENARIOS / "waivers" / "promote--cost-waived-in-scope.json").read_text()
    )
    code, decision, record = _check(tmp_path, document, capsys)
    assert code == 0
    assert decision["action"] == "promote"
    assert [w["code"] for w in decision["warnings"]] == ["WAIVED"]
    assert decision["warnings"][0]["waiver"]["id"] == "WV-001"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", record["now"])


def test_fail_an_input_cannot_choose_the_time_its_waivers_are_judged_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads((WAIVED / "deny--cost-waiver-expired.json").read_text())
    document["now"] = "2026-01-01T00:00:00Z"  # before WV-002 expired
    code, decision, record = _check(tmp_path, document, capsys)
    assert record["now"] != "2026-01-01T00:00:00Z"
    assert record["now"] > "2026-01-31T23:59:59Z"  # the clock of the decision, not the input's
    assert code == 1
    assert [w["reason"] for w in decision["warnings"]] == ["expired"]


def test_stamp_replaces_now_and_keeps_everything_else() -> None:
    from datetime import UTC, datetime

    when = datetime(2026, 5, 1, 12, 30, 45, 999, tzinfo=UTC)
    stamped = stamp_evaluation_time({"gate": "promotion", "now": "2099-01-01T00:00:00Z"}, when)
    assert stamped == {"gate": "promotion", "now": "2026-05-01T12:30:45Z"}
