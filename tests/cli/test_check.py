"""``gatekeeper check`` through ``main([...])``: exit codes, formats, input forms, the log."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.check._options import CheckOptions
from gatekeeper.check._pipeline import run_check
from gatekeeper.cli._main import main
from gatekeeper.log._decision_log import input_sha256, verify_log

REPO = Path(__file__).resolve().parents[2]
PROMOTE = REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"
DENY = REPO / "scenarios" / "promotion" / "deny--seed-003-example.json"


def _load(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text())
    inner = document.get("input", document)
    assert isinstance(inner, dict)
    return inner


def _write(tmp_path: Path, content: Any, name: str = "input.json") -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_success_go_exits_zero_and_is_logged(
    capsys: pytest.CaptureFixture[str], decision_log: Path
) -> None:
    code, out, _ = _run(["check", str(PROMOTE), "--format", "json"], capsys)
    assert code == 0
    decision = json.loads(out)
    assert (decision["action"], decision["allow"]) == ("promote", True)
    for key in ("decision_id", "policy_revision", "policy_digest", "engine", "engine_version"):
        assert decision[key]
    records = [json.loads(line) for line in decision_log.read_text().splitlines()]
    assert len(records) == 1
    record = records[0]
    assert record["decision_id"] == decision["decision_id"]
    assert record["input_sha256"] == input_sha256(_load(PROMOTE))
    assert record["decision"]["action"] == "promote"
    assert record["policy_digest"] == decision["policy_digest"]
    assert verify_log(decision_log).ok


def test_success_blocked_exits_one_with_missing_evidence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(["check", str(DENY)], capsys)
    assert code == 1
    assert "promotion gate: deny (BLOCKED, exit 1)" in out
    assert "MISSING_EVIDENCE" in out and "shadow.requests" in out


def test_success_bare_and_opa_forms_decide_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = _write(tmp_path, _load(PROMOTE), "bare.json")
    wrapped = _write(tmp_path, {"input": _load(PROMOTE)}, "wrapped.json")
    first = _run(["check", bare, "--format", "json"], capsys)
    second = _run(["check", wrapped, "--format", "json"], capsys)
    assert first[0] == second[0] == 0
    assert json.loads(first[1])["action"] == json.loads(second[1])["action"] == "promote"


def test_success_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(DENY.read_text()))
    code, out, _ = _run(["check", "-", "--format", "json"], capsys)
    assert code == 1 and json.loads(out)["action"] == "deny"


def test_success_gate_option_fills_an_absent_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _load(PROMOTE)
    document.pop("gate", None)
    document["version"]["state"] = "candidate"  # no shadow hint: the gate must come from --gate
    path = _write(tmp_path, document)
    assert _run(["check", path], capsys)[0] == 2
    code, out, _ = _run(["check", path, "--gate", "promotion", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["gate"] == "promotion"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--gate", "rollout", 'gate: the input says "promotion" but --gate says "rollout"'),
        ("--profile", "gray-scale", "profile"),
    ],
)
def test_fail_option_contradicting_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    document = _load(PROMOTE) | {"profile": "default"}
    code, out, err = _run(["check", _write(tmp_path, document), option, value], capsys)
    assert code == 2 and not out
    assert message in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", "input must be a JSON object, got array"),
        ('"promotion"', "input must be a JSON object, got string"),
        ('{"gate": "promotion", "gate": "rollout"}', 'duplicate key "gate"'),
        ('{"input": [1]}', "input: must be a JSON object, got array"),
        ('{"input": {}, "gate": "rollout"}', 'a document with an "input" key'),
        ('{"gate": "rollout", "phase_percent": "25"}', "phase_percent: must be a number"),
        ('{"gate": "rollout", "phase_percent": NaN}', "phase_percent: must be a finite number"),
        ('{"gate": "rollout", "canary": {"error_rate": [0.1, 2]}}', "canary.error_rate[1]"),
        ('{"gate": "rollout", "profile": "yolo"}', 'unknown rollout profile "yolo"'),
        ('{"gate": "ship"}', 'unknown gate "ship"'),
    ],
)
def test_fail_bad_input_exits_two_before_any_engine(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    decision_log: Path,
    content: str,
    message: str,
) -> None:
    # the engine named here is down: an input error proves validation ran first
    args = ["check", _write(tmp_path, content), "--engine", "opa-server"]
    code, out, err = _run([*args, "--opa-url", "http://127.0.0.1:9"], capsys)
    assert code == 2 and not out
    assert message in err
    assert not decision_log.exists()


def test_success_misspelt_field_is_noted_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _load(PROMOTE)
    document["shadow"]["request"] = document["shadow"].pop("requests")
    code, out, err = _run(["check", _write(tmp_path, document), "--format", "json"], capsys)
    assert code == 1
    assert "note: shadow.request is not a known field (did you mean shadow.requests?)" in err
    assert "MISSING_EVIDENCE" in out


def test_fail_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(["check", str(tmp_path / "absent.json")], capsys)
    assert code == 2 and "cannot read" in err


def test_fail_missing_input_argument(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["check"], capsys)
    assert code == 2 and "INPUT is required" in err


def test_fail_engine_down_exits_two(capsys: pytest.CaptureFixture[str], decision_log: Path) -> None:
    args = ["check", str(PROMOTE), "--engine", "opa-server", "--opa-url", "http://127.0.0.1:9"]
    code, out, err = _run(args, capsys)
    assert code == 2 and not out and err
    assert not decision_log.exists()


@pytest.mark.parametrize(
    ("allow", "window", "message"),
    [
        ("false", '"five"', "decision_window_minutes: must be a number"),
        ("true", "null", "allow=true contradicts action 'deny'"),
    ],
    ids=["malformed-window", "allow-contradicts-action"],
)
def test_fail_bad_policy_answer_exits_two(
    allow: str,
    window: str,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    opa_binary: str,  # a policy of its own: the embedded engine compiles it with opa
) -> None:
    policy = tmp_path / "policy" / "gatekeeper" / "main"
    policy.mkdir(parents=True)
    (policy / "main.rego").write_text(
        "package gatekeeper.main\n\n"
        f'decision := {{"gate": "promotion", "allow": {allow}, "action": "deny",\n'
        '  "violations": [],\n'
        f'  "warnings": [], "authority": [], "decision_window_minutes": {window},\n'
        '  "default_action": null}\n'
    )
    args = ["check", str(PROMOTE), "--policy-dir", str(tmp_path / "policy")]
    code, out, err = _run(args, capsys)
    assert code == 2 and not out
    assert message in err


def test_fail_unwritable_decision_log_exits_two_and_reports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["check", str(PROMOTE), "--decision-log", str(tmp_path)], capsys)
    assert code == 2 and not out
    assert "decision log" in err


def test_fail_torn_decision_log_exits_two(
    capsys: pytest.CaptureFixture[str], decision_log: Path
) -> None:
    assert _run(["check", str(PROMOTE)], capsys)[0] == 0
    with decision_log.open("ab") as handle:
        handle.write(b'{"seq": 2, "decis')
    code, out, err = _run(["check", str(PROMOTE)], capsys)
    assert code == 2 and not out
    assert "incomplete" in err


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "junit"])
def test_success_every_format_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    target = tmp_path / f"report.{fmt}"
    code, out, _ = _run(["check", str(DENY), "--format", fmt, "-o", str(target)], capsys)
    assert code == 1 and not out
    text = target.read_text()
    if fmt == "junit":
        suite = ET.fromstring(text.encode()).find("testsuite")
        assert suite is not None and int(suite.get("failures", "0")) >= 2
    elif fmt == "json":
        assert json.loads(text)["action"] == "deny"
    else:
        assert "deny" in text and "MISSING_EVIDENCE" in text


def test_success_batch_worst_exit_and_error_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], decision_log: Path
) -> None:
    lines = [
        json.dumps(_load(PROMOTE)),
        "",
        "{broken",
        json.dumps({"input": _load(DENY)}),
        json.dumps({"gate": "rollout", "phase_percent": 0}),
    ]
    code, out, _ = _run(["check", "--batch", _write(tmp_path, "\n".join(lines))], capsys)
    assert code == 2
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in results] == [1, 3, 4, 5]
    assert results[0]["action"] == "promote" and results[0]["exit_code"] == 0
    assert "not valid JSON" in results[1]["error"] and results[1]["exit_code"] == 2
    assert results[2]["action"] == "deny" and results[2]["exit_code"] == 1
    assert "phase_percent: must be within (0, 100]" in results[3]["error"]
    records = [json.loads(line) for line in decision_log.read_text().splitlines()]
    logged = [r["decision_id"] for r in records]
    assert logged == [results[0]["decision_id"], results[2]["decision_id"]]


def test_success_batch_exit_is_worst_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = _write(tmp_path, f"{json.dumps(_load(PROMOTE))}\n{json.dumps(_load(DENY))}\n")
    assert _run(["check", "--batch", batch], capsys)[0] == 1
    only_go = _write(tmp_path, json.dumps(_load(PROMOTE)) + "\n", "go.jsonl")
    assert _run(["check", "--batch", only_go], capsys)[0] == 0


def test_fail_batch_with_text_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    batch = _write(tmp_path, json.dumps(_load(PROMOTE)) + "\n")
    code, _, err = _run(["check", "--batch", batch, "--format", "text"], capsys)
    assert code == 2 and "--format json" in err


def test_success_run_check_takes_a_built_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], decision_log: Path
) -> None:
    """The entry point for inputs built in Python (``--from-metrics``)."""
    options = CheckOptions(report_format="json")
    assert run_check(_load(DENY), options, source="metrics") == 1
    assert json.loads(capsys.readouterr().out)["action"] == "deny"
    assert json.loads(decision_log.read_text())["source"] == "metrics"


@pytest.mark.parametrize("report", ["text", "json", "sarif", "junit", "markdown", "github"])
def test_success_check_imports_none_of_the_other_stages(report: str, tmp_path: Path) -> None:
    """``gatekeeper check`` loads the check path only: no audit, scenario suite, server or
    metrics code (``python -X importtime`` lists every module a run imports)."""
    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "gatekeeper",
            "check",
            str(PROMOTE),
            "--format",
            report,
            "--decision-log",
            str(tmp_path / "log.jsonl"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = set(re.findall(r"\|\s+(gatekeeper(?:\.\w+)*)\s*$", done.stderr, re.MULTILINE))
    assert "gatekeeper.check._pipeline" in imported
    for stage in ("audit", "bdd", "serve", "metrics"):
        assert not {m for m in imported if m.startswith(f"gatekeeper.{stage}")}, stage
