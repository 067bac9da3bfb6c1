"""Records keep the canonical input; redacted fields become their sha256 and are listed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from gatekeeper.cli._main import main
from gatekeeper.log._decision_log import canonical_json, input_sha256, verify_log
from gatekeeper.log._redaction import digest_of, redact, redaction_paths

REPO = Path(__file__).resolve().parents[2]
APPROVAL = REPO / "scenarios" / "approval" / "approve--quality-50-qa-dri-and-sprint-dri.json"
ROSTER = REPO / "scenarios" / "roster.json"
PROMOTE = REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"


def _sha(value: object) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(value)).hexdigest()


def test_success_paths_and_wildcards() -> None:
    document = {
        "approvers": ["a@x", "b@x"],
        "version": {"id": "v1", "model": "m"},
        "canary": {"shards": {"s1": {"cpu": [0.1]}, "s2": {"cpu": [0.2], "memory": [0.3]}}},
    }
    kept, hit = redact(document, ["approvers", "version.model", "canary.shards.*.cpu", "absent.x"])
    assert hit == ["approvers", "canary.shards.s1.cpu", "canary.shards.s2.cpu", "version.model"]
    assert kept["approvers"] == digest_of(["a@x", "b@x"])
    assert kept["version"] == {"id": "v1", "model": digest_of("m")}
    assert kept["canary"]["shards"]["s2"]["memory"] == [0.3]
    assert document["approvers"] == ["a@x", "b@x"]  # the original is untouched
    kept, hit = redact({"approvers": ["a", "b"]}, ["approvers.1"])
    assert (kept, hit) == ({"approvers": ["a", digest_of("b")]}, ["approvers.1"])


def test_success_paths_from_option_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEKEEPER_LOG_REDACT", "approvers, version.model")
    assert redaction_paths(["x", "approvers"]) == ("x", "approvers", "version.model")
    monkeypatch.delenv("GATEKEEPER_LOG_REDACT")
    assert redaction_paths(None) == ()


def test_success_record_keeps_canonical_input(decision_log: Path) -> None:
    assert main(["check", str(PROMOTE)]) == 0
    record = json.loads(decision_log.read_text())
    document = json.loads(PROMOTE.read_text())
    assert record["input"] == document
    assert record["redacted"] == []
    assert record["input_sha256"] == input_sha256(document)


def test_success_redacted_approvers(decision_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(APPROVAL), "--data", str(ROSTER), "--redact", "approvers"]) == 0
    record = json.loads(decision_log.read_text())
    document = json.loads(APPROVAL.read_text())
    assert record["redacted"] == ["approvers"]
    assert record["input"]["approvers"] == _sha(document["approvers"])
    assert "@" not in json.dumps(record["input"])
    assert {k: v for k, v in record["input"].items() if k != "approvers"} == {
        k: v for k, v in document.items() if k != "approvers"
    }
    assert record["input_sha256"] == input_sha256(document)  # over the whole input
    assert verify_log(decision_log).ok
    capsys.readouterr()


@pytest.fixture
def decision_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "decisions.jsonl"
    monkeypatch.setenv("GATEKEEPER_DECISION_LOG", str(path))
    monkeypatch.delenv("GATEKEEPER_LOG_REDACT", raising=False)
    monkeypatch.delenv("GATEKEEPER_LOG_KEY", raising=False)
    return path
