"""The audit an auditor signs: summary, control catalogue, waivers, PDF, OSCAL, ``--since``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main
from gatekeeper.log._decision_log import DecisionLog, new_record
from gatekeeper.policy._files import load_policy_set
from tests.conftest import needed_tool

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"
EXAMPLE_DATA = ["--data", str(SCENARIOS / "roster.json"), "--data", str(SCENARIOS / "waivers.json")]
CI = os.environ.get("CI", "").lower() == "true"


def _audit_json(tmp_path: Path, *args: str) -> dict[str, Any]:
    output = tmp_path / f"audit-{len(list(tmp_path.glob('audit-*.json')))}.json"
    main(["audit", "--format", "json", "-o", str(output), *args])
    return dict(json.loads(output.read_text("utf-8")))


def _log(path: Path) -> Path:
    """A decision log with a promotion, an expired decision window, an override, a waiver."""
    policy = load_policy_set()
    log = DecisionLog(path)
    rollback = {
        "gate": "rollout",
        "allow": False,
        "action": "auto_rollback",
        "violations": [{"code": "DECISION_WINDOW_EXPIRED"}],
        "warnings": [],
    }
    waived = {
        "gate": "promotion",
        "allow": True,
        "action": "promote",
        "violations": [],
        "warnings": [{"code": "WAIVED"}],
    }
    approve = {"gate": "approval", "allow": True, "action": "approve", "violations": []}
    for gate, decision, document, code in (
        ("rollout", rollback, {"gate": "rollout"}, 1),
        ("promotion", waived, {"gate": "promotion"}, 0),
        ("approval", approve, {"gate": "approval", "decision": "override"}, 0),
    ):
        record = new_record(
            gate=gate,
            document=document,
            decision=decision,
            policy_digest=policy.digest,
            policy_revision=policy.revision,
            engine="embedded",
            engine_version="test",
            exit_code=code,
        )
        record["input"] = document  # a log that keeps its inputs
        log.append(record)
    return path


def test_controls_are_one_row_per_code_with_thresholds_units_and_authority(
    tmp_path: Path,
) -> None:
    report = _audit_json(tmp_path, "--no-scenarios", "--no-opa")
    controls = {c["id"]: c for c in report["controls"]}
    assert len(controls) == len(report["controls"])  # one row per (gate, profile, code)
    error_rate = controls["rollout/decision-matrix/ERROR_RATE"]
    assert error_rate["checks"] == "error rate > 0.5% for 2+ min"
    assert error_rate["thresholds"] == ["limit: 0.5%", "minutes: 2"]
    assert error_rate["action"] == "auto_rollback at every phase"
    assert error_rate["authority"] == "System at every phase (automated)"
    assert error_rate["severity"] == "critical"
    quality = controls["rollout/decision-matrix/QUALITY_REGRESSION"]
    assert quality["action"].startswith("5%: manual_decision (10 min, then auto_rollback)")
    assert "50%: QA DRI + Sprint DRI" in quality["authority"]
    cost = controls["promotion/COST"]
    assert cost["checks"] == "cost increase at most"
    assert cost["thresholds"] == ["cost_increase_max at most 10% (default)"]
    assert cost["action"] == "deny"
    assert "a waiver needs Sprint PM (business, 5% column)" in cost["authority"]
    assert "never waivable" in controls["promotion/INCIDENTS"]["authority"]
    assert [r["id"] for r in cost["requirements"]] == ["PROM-CHECK-04"]
    assert cost["source"] == (
        "PROM-CHECK-04 Cost increase within budget (at most 10%) (Promotion and Rollback "
        "Procedures, Promotion Workflow > Pre-Promotion Checklist)"
    )
    assert re.fullmatch(r"[0-9a-f]{7,} \d{4}-\d{2}-\d{2}|not committed", cost["last_change"])
    latency = controls["rollout/environment/LATENCY_INCREASE"]
    assert latency["thresholds"] == [
        "limit: development 100 ms, pre-production 80 ms, production 50 ms",
        "warn percent: 80",
    ]
    assert not any(c.endswith("/_") or "._" in c for c in controls)  # no private helper rows


def test_profiles_are_tables_with_units_not_key_dumps(tmp_path: Path) -> None:
    report = _audit_json(tmp_path, "--no-scenarios", "--no-opa")
    profiles = {(p["gate"], p["profile"]): p for p in report["profiles"]}
    promotion = {t["title"]: t for t in profiles[("promotion", "default")]["tables"]}
    rows = {row[0]: row for row in promotion["Thresholds"]["rows"]}
    assert rows["p95_latency_ms"][1:3] == ["3000 ms", "at most"]
    assert rows["shadow_duration_hours"][1:3] == ["24 h", "at least"]
    assert rows["gold_security_pass_rate"][1] == "95%"
    environment = {t["title"]: t for t in profiles[("rollout", "environment")]["tables"]}
    by_env = environment["Thresholds by environment"]
    assert by_env["headers"] == ["metric", "development", "pre-production", "production"]
    assert ["pass rate", "> 5 pp", "> 4 pp", "> 3 pp"] in by_env["rows"]
    text = json.dumps(report["profiles"])
    assert "seed_lines" not in text and "environments.development" not in text


@pytest.mark.opa
def test_waivers_in_force_expired_and_refused(tmp_path: Path) -> None:
    report = _audit_json(tmp_path, "--no-scenarios", *EXAMPLE_DATA)
    waivers = {w["id"]: w for w in report["waivers"]}
    assert {k: w["category"] for k, w in waivers.items()} == {
        "WV-001": "in force",
        "WV-002": "expired",
        "WV-003": "refused",
        "WV-004": "refused",
        "WV-005": "in force",
        "WV-006": "in force",
        "WV-007": "refused",
        "WV-008": "in force",
    }
    assert waivers["WV-003"]["status"] == "unwaivable"
    assert waivers["WV-004"]["status"] == "unauthorized approver"
    assert waivers["WV-004"]["reasons"] == ["the approvers do not hold the authority for this code"]
    assert waivers["WV-005"]["status"] == (
        "5%: in force; 25%: in force; 50%: unauthorized approver; 100%: unauthorized approver"
    )
    assert report["auditor_summary"]["waivers"] == {
        "in force": 4,
        "expired": 1,
        "refused": 3,
        "not judged": 0,
    }


@pytest.mark.opa
def test_waivers_that_break_separation_of_duties_are_refused_and_flagged(tmp_path: Path) -> None:
    """WV-007 is approved by its owner; WV-008 by one person for the joint 50% cell."""
    report = _audit_json(tmp_path, "--no-scenarios", *EXAMPLE_DATA)
    waivers = {w["id"]: w for w in report["waivers"]}
    self_approved = waivers["WV-007"]
    assert (self_approved["category"], self_approved["status"]) == ("refused", "self approved")
    assert self_approved["separation_of_duties"] == [
        "the owner erin@example.com approved their own waiver"
        " (separation of duties: another person must approve it)"
    ]
    one_person = waivers["WV-008"]
    assert one_person["status"] == (
        "5%: in force; 25%: in force; 50%: one person two roles; 100%: unauthorized approver"
    )
    assert one_person["separation_of_duties"] == [
        "50%: QA DRI + Sprint DRI must be held by 2 different approvers, one per role;"
        " one person held several of them (approved by alice@example.com)"
    ]
    assert [w for w, v in waivers.items() if v["separation_of_duties"]] == ["WV-007", "WV-008"]
    assert report["auditor_summary"]["separation_of_duties"] == ["WV-007", "WV-008"]


def test_summary_counts_decisions_overrides_and_expired_windows(tmp_path: Path) -> None:
    log = _log(tmp_path / "decisions.jsonl")
    report = _audit_json(tmp_path, "--no-scenarios", "--no-opa", "--decision-log", str(log))
    period = report["auditor_summary"]["decisions"]
    assert period["decisions"] == 3
    assert period["by_outcome"] == {"allowed": 2, "blocked": 1}
    assert period["overrides"] == 1
    assert [e["line"] for e in period["expired_windows"]] == [1]
    assert period["waived"] == 1


def test_since_an_unknown_revision_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["audit", "--no-scenarios", "--no-opa", "--since", "v0.0-nope", "-o", str(tmp_path / "x")]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "--since v0.0-nope: no such revision" in err
    assert "tag, branch or commit" in err


def test_since_outside_a_repository_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rego = tmp_path / "rego"
    shutil.copytree(REPO / "rego", rego)
    args = ["audit", "--policy-dir", str(rego), "--no-scenarios", "--no-opa", "--since", "HEAD"]
    assert main([*args, "-o", str(tmp_path / "x")]) == 2
    assert "is not in a git repository" in capsys.readouterr().err


class _Tables(HTMLParser):
    """Headers and the first data row of every table of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, list[str]]] = []
        self._cell: list[str] | None = None
        self._row: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"headers": [], "first": []})
        elif tag in ("th", "td") and self.tables:
            self._cell = []
        elif tag == "tr":
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            self._row.append(text)
            self._cell = None
        elif tag == "tr" and self.tables:
            table = self.tables[-1]
            if not table["headers"]:
                table["headers"] = self._row
            elif not table["first"]:
                table["first"] = self._row

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_shows_every_column_of_every_table(tmp_path: Path) -> None:
    needed_tool("chromium")
    pdftotext = needed_tool("pdftotext")
    log = _log(tmp_path / "decisions.jsonl")
    html_file, pdf_file = tmp_path / "audit.html", tmp_path / "audit.pdf"
    common = ["--no-scenarios", *EXAMPLE_DATA, "--decision-log", str(log)]
    main(["audit", "--format", "html", "-o", str(html_file), *common])
    assert main(["audit", "--format", "pdf", "-o", str(pdf_file), *common]) == 1  # not run: gap
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [_squash(page) for page in text.split("\f")]
    parser = _Tables()
    parser.feed(html_file.read_text("utf-8"))
    checked = 0
    for table in parser.tables:
        if not table["first"]:
            continue
        # A cell wraps inside its column: its first line holds at least its first 8 characters.
        anchor = _squash(table["first"][0])[:8]
        on = [page for page in pages if anchor and anchor in page]
        assert on, f"first row {table['first'][0]!r} of table {table['headers']} is not in the PDF"
        for header in table["headers"]:
            words = header.split()  # a header may wrap onto two lines of its column
            assert any(all(word in page for word in words) for page in on), (
                f"column {header!r} of table {table['headers']} is not on the page of its rows"
            )
        checked += 1
    assert checked >= 20
    for column in ("who decides", "thresholds", "proof", "last change", "approved by"):
        assert _squash(column) in "".join(pages)


def test_html_tables_fit_a_1400_pixel_window(tmp_path: Path) -> None:
    chromium = needed_tool("chromium")
    page = tmp_path / "audit.html"
    log = _log(tmp_path / "decisions.jsonl")
    args = ["--no-scenarios", "--no-opa", *EXAMPLE_DATA, "--decision-log", str(log)]
    main(["audit", "--format", "html", "-o", str(page), *args])
    assert 'id="waiver-list"' in page.read_text("utf-8")
    probe = tmp_path / "probe.html"
    script = (
        "<script>window.onload=function(){var bad=[];"
        "document.querySelectorAll('table').forEach(function(t,i){"
        "if(t.getBoundingClientRect().right>window.innerWidth+1){bad.push(t.id||('table'+i));}});"
        "if(document.documentElement.scrollWidth>window.innerWidth+1){bad.push('page');}"
        "document.body.setAttribute('data-overflow',bad.join(',')||'none');};</script>"
    )
    probe.write_text(page.read_text("utf-8").replace("</body>", script + "</body>"), "utf-8")
    completed = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1400,1000",
            "--virtual-time-budget=5000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert 'data-overflow="none"' in completed.stdout, re.findall(
        r'data-overflow="[^"]*"', completed.stdout
    )


@pytest.mark.opa
def test_readme_audit_example_works_in_a_fresh_clone(tmp_path: Path) -> None:
    git = needed_tool("git")
    clone = tmp_path / "clone"
    subprocess.run([git, "clone", "-q", str(REPO), str(clone)], check=True, timeout=120)
    readme = (clone / "README.md").read_text("utf-8")
    lines = [
        line.split("#")[0].strip()
        for line in readme.splitlines()
        if line.startswith("gatekeeper ") and ("audit --since" in line or "decisions.jsonl" in line)
    ]
    assert any("audit --since" in line for line in lines), lines
    lines.sort(key=lambda line: " replay " in f" {line} ")  # a replay needs the log first
    env = {**os.environ, "PYTHONPATH": str(clone)}
    for line in lines:
        command = [sys.executable, "-m", "gatekeeper", *line.split()[1:]]
        completed = subprocess.run(
            command, cwd=clone, env=env, capture_output=True, text=True, timeout=900, check=False
        )
        assert completed.returncode in (0, 1), (line, completed.stderr[-2000:])
