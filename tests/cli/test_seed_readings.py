"""Exit codes of ``gatekeeper check`` for the seed readings of docs/rollout-profiles.md.

Manual decisions (two deadlines; a trigger that clears before anyone decided) and the
environment profile (no environment chosen; buckets watched), through ``main([...])`` on
real scenario files, with the embedded engine, ``opa eval`` (opa-cli) and a real OPA
server: the same action, violations, warnings and exit code on each.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main

REPO = Path(__file__).resolve().parents[2]
MATRIX = REPO / "scenarios" / "rollout" / "decision-matrix"
ENVIRONMENT = REPO / "scenarios" / "rollout" / "environment"


@pytest.fixture(params=["embedded", "opa-cli", "opa-server"])
def engine_args(request: pytest.FixtureRequest) -> list[str]:
    """The options that choose one engine (the OPA ones need the real ``opa``)."""
    if request.param == "embedded":
        return []
    opa_binary: str = request.getfixturevalue("opa_binary")
    if request.param == "opa-cli":
        return ["--engine", "opa-cli", "--opa-binary", opa_binary]
    server = request.getfixturevalue("opa_server")()
    return ["--engine", "opa-server", "--opa-url", server.url, "--opa-upload"]


def _check(
    path: Path, options: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any]]:
    code = main(["check", str(path), "--format", "json", *options])
    out, err = capsys.readouterr()
    assert out, err
    return code, json.loads(out)


def _codes(items: list[dict[str, Any]]) -> list[str]:
    return sorted(item["code"] for item in items)


@pytest.mark.parametrize(
    ("name", "exit_code", "action", "violations", "warnings"),
    [
        (
            "manual_decision--quality-regression-continued-29-min-after-detection.json",
            1,
            "manual_decision",
            ["QUALITY_REGRESSION"],
            ["RESOLUTION_PENDING"],
        ),
        (
            "auto_rollback--quality-regression-unresolved-30-min-after-detection.json",
            1,
            "auto_rollback",
            ["QUALITY_REGRESSION", "RESOLUTION_DEADLINE_EXPIRED"],
            [],
        ),
        (
            "promote_next_step--quality-regression-continued-and-resolved.json",
            0,
            "promote_next_step",
            [],
            [],
        ),
        (
            "manual_decision--trigger-cleared-decision-still-owed.json",
            1,
            "manual_decision",
            ["DECISION_PENDING"],
            ["TRIGGER_CLEARED"],
        ),
        (
            "auto_rollback--trigger-cleared-decision-window-expired.json",
            1,
            "auto_rollback",
            ["DECISION_WINDOW_EXPIRED"],
            ["TRIGGER_CLEARED"],
        ),
    ],
)
def test_success_manual_decision_deadlines_on_every_engine(
    name: str,
    exit_code: int,
    action: str,
    violations: list[str],
    warnings: list[str],
    engine_args: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, decision = _check(MATRIX / name, engine_args, capsys)
    assert code == exit_code
    assert decision["action"] == action
    assert _codes(decision["violations"]) == violations
    assert _codes(decision["warnings"]) == warnings


def test_fail_continue_without_detection_time_exits_two(
    engine_args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = MATRIX / "invalid_input--continue-without-minutes-since-detection.json"
    code, decision = _check(path, engine_args, capsys)
    assert code == 2
    assert [v["field"] for v in decision["violations"]] == [
        "pending_decision.minutes_since_detection"
    ]


def test_fail_no_environment_chosen_exits_two_naming_the_choice(
    engine_args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = ENVIRONMENT / "invalid_input--no-environment-chosen.json"
    code, decision = _check(path, ["--profile", "environment", *engine_args], capsys)
    assert code == 2
    assert decision["action"] != "auto_rollback"
    [violation] = decision["violations"]
    assert (violation["code"], violation["field"]) == ("INVALID_INPUT", "environment")
    assert "no environment chosen" in violation["message"]
    assert "--environment" in violation["message"]


def test_fail_no_environment_chosen_text_report_exits_two(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = ENVIRONMENT / "invalid_input--no-environment-chosen.json"
    code = main(["check", str(path), "--profile", "environment"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "no environment chosen" in out + err


def test_success_buckets_not_reported_warn_and_go_on(
    engine_args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = ENVIRONMENT / "production" / "promote_next_step--buckets-not-reported.json"
    options = ["--profile", "environment", "--environment", "production", *engine_args]
    code, decision = _check(path, options, capsys)
    assert code == 0
    assert decision["action"] == "promote_next_step"
    assert decision["violations"] == []
    assert sorted(w["field"] for w in decision["warnings"]) == [
        "baseline.buckets",
        "canary.buckets",
    ]
    assert {w["code"] for w in decision["warnings"]} == {"BUCKET_NOT_REPORTED"}
