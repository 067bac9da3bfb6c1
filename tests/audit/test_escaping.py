"""Strings the audit did not write (decision-log records) reach HTML and Markdown as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from gatekeeper.cli._main import main
from gatekeeper.log._decision_log import DecisionLog, new_record
from gatekeeper.policy._files import load_policy_set

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("report_format", ["html", "markdown"])
def test_success_audit_escapes_decision_log_strings(report_format: str, tmp_path: Path) -> None:
    policy = load_policy_set()
    log_file = tmp_path / "decisions.jsonl"
    DecisionLog(log_file).append(
        new_record(
            gate="promotion",
            document={"gate": "promotion"},
            decision={"gate": "promotion", "allow": False, "action": HOSTILE},
            policy_digest=policy.digest,
            policy_revision=policy.revision,
            engine="embedded",
            engine_version="opa 1.22.2 wasm, wasmtime 50.0.1",
            exit_code=1,
        )
    )
    out = tmp_path / f"audit.{report_format}"
    args = ["audit", "--no-scenarios", "--no-opa", "--decision-log", str(log_file)]
    main([*args, "--format", report_format, "-o", str(out)])
    text = out.read_text()
    assert HOSTILE not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
