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


def test_fail_a_waiver_approved_by_its_owner_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads((WAIVED / "deny--cost-waiver-self-approved.json").read_text())
    code, decision, _ = _check(tmp_path, document, capsys)
    assert code == 1
    assert decision["action"] == "deny"
    assert [v["code"] for v in decision["violations"]] == ["COST"]
    [warning] = decision["warnings"]
    assert (warning["code"], warning["reason"]) == ("WAIVER_REFUSED", "self_approved")
    assert warning["waiver"]["id"] == "WV-007"
    assert "the owner erin@example.com approved their own waiver" in warning["message"]


def test_fail_one_person_holding_both_roles_of_a_joint_cell_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "manual_decision--quality-regression-waiver-approved-by-one-person-for-two-roles.json"
    code, decision, _ = _check(tmp_path, json.loads((WAIVED / name).read_text()), capsys)
    assert code == 1
    assert decision["action"] == "manual_decision"
    [warning] = decision["warnings"]
    assert (warning["code"], warning["reason"]) == ("WAIVER_REFUSED", "one_person_two_roles")


def _waivers_owned_by(tmp_path: Path, owner: str) -> Path:
    """``scenarios/waivers.json`` with WV-001 (COST, approved by erin) owned by ``owner``."""
    document = json.loads((SCENARIOS / "waivers.json").read_text())
    for waiver in document["gatekeeper"]["waivers"]:
        if waiver["id"] == "WV-001":
            waiver["owner"] = owner
    path = tmp_path / f"waivers-{owner.split('@')[0]}.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


def test_fail_replay_refuses_a_waiver_once_its_approver_is_its_owner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A decision logged with WV-001 in force, replayed with WV-001 approved by its own
    owner: the replay decides deny, as check and serve do."""
    source = tmp_path / "input.json"
    source.write_text((WAIVED / "promote--cost-waived-in-scope.json").read_text(), "utf-8")
    log = tmp_path / "decisions.jsonl"
    roster = ["--data", str(SCENARIOS / "roster.json")]
    owned_by_carol = ["--data", str(_waivers_owned_by(tmp_path, "carol@example.com"))]
    args = ["check", str(source), "--format", "json", "--decision-log", str(log)]
    assert main([*args, *roster, *owned_by_carol]) == 0
    capsys.readouterr()
    self_approved = ["--data", str(_waivers_owned_by(tmp_path, "erin@example.com"))]
    replay = ["replay", str(log), "--policy-dir", str(REPO / "rego"), "--format", "json"]
    main([*replay, *roster, *self_approved])
    report = json.loads(capsys.readouterr().out)
    [group] = report["changes"]
    assert (group["old_action"], group["new_action"]) == ("promote", "deny")
