"""Reports: text for people, json, markdown, and junit XML that parses."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from gatekeeper.models import parse_decision
from gatekeeper.reports import FORMATS, Report, get_formatter, render

MANUAL: dict[str, Any] = {
    "gate": "rollout",
    "allow": False,
    "action": "manual_decision",
    "violations": [
        {
            "code": "QUALITY_REGRESSION",
            "message": 'nDCG@10 0.5180 < 0.5184 <&> "quoted" \x01',
            "observed": 0.518,
            "threshold": 0.5184,
            "rule": "rollout.quality_regression",
            "severity": "critical",
            "field": "canary.ndcg_at_10",
        },
        {
            "code": "MISSING_EVIDENCE",
            "message": "missing evidence: canary.shards | all",
            "observed": None,
            "threshold": None,
            "rule": "rollout.evidence",
            "severity": "critical",
        },
    ],
    "warnings": [
        {
            "code": "THRESHOLD_LOOSENING_IGNORED",
            "message": "input threshold 0.9 looser than policy 0.5",
            "observed": 0.9,
            "threshold": 0.5,
            "rule": "rollout.thresholds",
            "severity": "warning",
        }
    ],
    "authority": ["QA DRI", "Sprint DRI"],
    "decision_window_minutes": 2,
    "default_action": "auto_rollback",
}
GO: dict[str, Any] = {
    "gate": "promotion",
    "allow": True,
    "action": "promote",
    "violations": [],
    "warnings": [],
    "authority": ["System"],
    "decision_window_minutes": None,
    "default_action": None,
}


def _report(raw: dict[str, Any], exit_code: int, minutes_pending: float | None = None) -> Report:
    return Report(
        decision=parse_decision(raw),
        raw=raw,
        decision_id="11111111-2222-4333-8444-555555555555",
        time="2025-01-02T03:04:05.000000Z",
        exit_code=exit_code,
        source="in <put>.json",
        engine="embedded",
        engine_version="opa 1.22.2 wasm, wasmtime 50.0.1",
        policy_revision="sha256:abcdefabcdef",
        policy_digest="abcdef" + "0" * 58,
        minutes_pending=minutes_pending,
    )


def test_success_github_names_the_decision_window_and_deadline() -> None:
    """The verdict annotation carries what text and markdown show about the deadline."""
    text = render("github", _report(MANUAL, 1, minutes_pending=0.5))
    verdict = text.splitlines()[-1]
    assert verdict.startswith("::error ")
    assert "who decides: QA DRI and Sprint DRI" in verdict
    assert "decision window 2 min, 1.5 min left: decide by 2025-01-02T03:05:35Z" in verdict
    assert "if nobody decides in time: auto_rollback" in verdict


def test_success_factory_lists_every_format() -> None:
    assert FORMATS == ("text", "json", "markdown", "junit", "sarif", "github")
    for name in FORMATS:
        assert callable(get_formatter(name))
    with pytest.raises(ValueError, match="unknown report format"):
        get_formatter("html")


def test_success_text_names_violations_authority_and_deadline() -> None:
    text = render("text", _report(MANUAL, 1, minutes_pending=0.5))
    assert "rollout gate: manual_decision (BLOCKED, exit 1)" in text
    assert "[critical] QUALITY_REGRESSION  (rollout.quality_regression)" in text
    assert "observed 0.518, threshold 0.5184" in text
    assert "field: canary.ndcg_at_10" in text
    assert "observed none" not in text and "threshold none" not in text
    assert "Warnings (1):" in text
    assert "Who decides: QA DRI and Sprint DRI" in text
    assert "Decision window: 2 min, 1.5 min left: decide by 2025-01-02T03:05:35Z" in text
    assert "If nobody decides in time: auto_rollback" in text
    assert "policy sha256:abcdefabcdef, engine embedded (opa 1.22.2 wasm, wasmtime 50.0.1)" in text


def test_success_text_for_a_go() -> None:
    text = render("text", _report(GO, 0))
    assert "promotion gate: promote (GO, exit 0)" in text
    assert "No violations." in text
    assert "Decision window" not in text


def test_success_json_is_the_decision_plus_provenance() -> None:
    obj = json.loads(render("json", _report(MANUAL, 1)))
    assert list(obj)[:8] == [
        "gate",
        "allow",
        "action",
        "violations",
        "warnings",
        "authority",
        "decision_window_minutes",
        "default_action",
    ]
    assert obj["violations"] == MANUAL["violations"]
    assert obj["decision_id"] == "11111111-2222-4333-8444-555555555555"
    assert obj["policy_revision"] == "sha256:abcdefabcdef"
    assert (
        obj["engine"] == "embedded" and obj["engine_version"] == "opa 1.22.2 wasm, wasmtime 50.0.1"
    )


def test_success_markdown_table_escapes_pipes() -> None:
    text = render("markdown", _report(MANUAL, 1))
    assert text.startswith("### :no_entry: gatekeeper rollout: `manual_decision` (BLOCKED)")
    assert "| Who decides | QA DRI and Sprint DRI |" in text
    assert "missing evidence: canary.shards \\| all" in text
    assert "#### Violations (2)" in text and "#### Warnings (1)" in text
    rows = [line for line in text.splitlines() if line.startswith("| critical")]
    assert all(line.count(" | ") == 5 for line in rows)


@pytest.mark.parametrize(("raw", "code"), [(MANUAL, 1), (GO, 0)])
def test_success_junit_is_well_formed(raw: dict[str, Any], code: int) -> None:
    root = ET.fromstring(render("junit", _report(raw, code)).encode("utf-8"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    failures = [case for case in cases if case.find("failure") is not None]
    assert int(suite.get("tests", "-1")) == len(cases)
    assert int(suite.get("failures", "-1")) == len(failures)
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["action"] == raw["action"]
    if raw is GO:
        assert len(cases) == 1 and not failures
    else:
        # one case for the decision, one per violation (failure), one per warning (passing)
        assert len(cases) == 4 and len(failures) == 3
        found = (case.find("failure") for case in failures)
        messages = [failure.get("message") for failure in found if failure is not None]
        assert 'nDCG@10 0.5180 < 0.5184 <&> "quoted" \ufffd' in messages
        assert properties["input"] == "in <put>.json"
