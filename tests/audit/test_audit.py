"""``gatekeeper audit`` on the shipped rule set and on altered copies of it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main
from gatekeeper.log._decision_log import DecisionLog, new_record

REPO = Path(__file__).resolve().parents[2]


def audit(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    """Run ``gatekeeper audit --format json`` in-process; (exit code, report)."""
    output = tmp_path / f"audit-{len(list(tmp_path.glob('audit-*.json')))}.json"
    code = main(["audit", "--format", "json", "-o", str(output), *args])
    return code, json.loads(output.read_text("utf-8"))


def gaps(report: dict[str, Any]) -> set[tuple[str, str]]:
    return {(g["kind"], g["subject"]) for g in report["gaps"]}


@pytest.fixture()
def rego_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped ``rego/`` folder, to alter."""
    target = tmp_path / "work" / "rego"
    shutil.copytree(REPO / "rego", target)
    return target


def _strip_metadata(path: Path, title: str) -> None:
    """Remove the METADATA block whose title is ``title`` from ``path``."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.strip() == f"# title: {title}":
            start = index
            while not lines[start].startswith("# METADATA"):
                start -= 1
            end = index
            while lines[end].startswith("#"):
                end += 1
            del lines[start:end]
            path.write_text("".join(lines), "utf-8")
            return
    raise AssertionError(f"no METADATA titled {title!r} in {path}")


@pytest.mark.opa
def test_shipped_rule_set_has_no_gaps(tmp_path: Path) -> None:
    code, report = audit(tmp_path)
    assert report["gaps"] == []
    assert code == 0
    assert report["summary"]["scenarios"] > 0
    assert report["coverage"]["measured"] and report["coverage"]["tests_passed"]


@pytest.mark.parametrize("use_opa", [True, False], ids=["opa-inspect", "python-yaml"])
def test_removed_metadata_block_is_a_named_gap(
    use_opa: bool, rego_copy: Path, tmp_path: Path, opa_or_none: str | None
) -> None:
    if use_opa and opa_or_none is None:
        pytest.skip("opa not installed")
    flags = ["--policy-dir", str(rego_copy), "--no-scenarios"]
    flags += [] if use_opa else ["--no-opa"]
    _, before = audit(tmp_path, *flags)
    source = rego_copy / "gatekeeper" / "promotion" / "checklist.rego"
    text = source.read_text("utf-8")
    title = re.search(r"^# title: (.+)$", text.split("package", 1)[1], re.M)
    assert title is not None
    _strip_metadata(source, title.group(1))
    code, after = audit(tmp_path, *flags)
    assert code == 1
    new = gaps(after) - gaps(before)
    assert len(new) == 1, new
    kind, subject = new.pop()
    assert kind == "rule-without-metadata"
    assert subject.startswith("gatekeeper.promotion.violations")
    detail = next(g["detail"] for g in after["gaps"] if g["subject"] == subject)
    assert "promotion/checklist.rego" in detail
    assert after["revision"]["metadata_source"] == ("opa-inspect" if use_opa else "python-yaml")


def _remove_example_rows(feature: Path, needle: str) -> int:
    lines = feature.read_text("utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not (line.strip().startswith("|") and needle in line)]
    feature.write_text("".join(kept), "utf-8")
    return len(lines) - len(kept)


def test_removed_scenario_is_a_named_gap(tmp_path: Path) -> None:
    pytest.importorskip("pytest_bdd")
    features = tmp_path / "features"
    shutil.copytree(REPO / "features", features)
    flags = ["--no-opa"]
    _, before = audit(tmp_path, *flags, "--scenarios", str(features))
    assert before["scenarios"]["measured"], before["scenarios"]
    boundary = (
        "threshold-without-boundary-scenario",
        "profiles.promotion.default.thresholds.shadow_requests",
    )
    assert boundary not in gaps(before)
    checklist = features / "promotion_checklist.feature"
    removed = _remove_example_rows(checklist, "the shadow evaluation saw")
    assert removed == 2
    code, after = audit(tmp_path, *flags, "--scenarios", str(features))
    assert code == 1
    new = gaps(after) - gaps(before)
    # Those were the only rows that show SHADOW_REQUESTS fire (the missing-evidence rows
    # prove MISSING_EVIDENCE), so the checklist rule judging it loses its proof of that code.
    judging = next(r["id"] for r in after["rules"] if "SHADOW_REQUESTS" in r["codes"])
    unproven = ("rule-without-scenario", judging)
    assert new == {boundary, unproven}, new
    details = {g["detail"] for g in after["gaps"] if g["subject"] == judging}
    assert details == {"no passing scenario proves code SHADOW_REQUESTS"}
    assert not gaps(before) - gaps(after) - {g for g in gaps(before) if g[0] == "scenario-failed"}


def test_removed_matrix_cell_is_a_conflict_gap(rego_copy: Path, tmp_path: Path) -> None:
    flags = ["--policy-dir", str(rego_copy), "--no-scenarios", "--no-opa"]
    _, before = audit(tmp_path, *flags)
    data_file = rego_copy / "gatekeeper" / "profiles" / "rollout" / "decision-matrix" / "data.json"
    document = json.loads(data_file.read_text("utf-8"))
    del document["matrix"]["rows"]["gate_failure"]["cells"]["25"]
    document["matrix"]["rows"]["quality_regression"]["cells"]["50"] = {"action": "manual_decision"}
    data_file.write_text(json.dumps(document), "utf-8")
    authority_file = rego_copy / "gatekeeper" / "authority" / "data.json"
    authority = json.loads(authority_file.read_text("utf-8"))
    authority["matrix"]["business"]["100"] = []
    authority_file.write_text(json.dumps(authority), "utf-8")
    code, after = audit(tmp_path, *flags)
    assert code == 1
    new = {(g["kind"], g["subject"], g["detail"]) for g in after["gaps"]} - {
        (g["kind"], g["subject"], g["detail"]) for g in before["gaps"]
    }
    assert new == {
        ("decision-cell-conflict", "decision-matrix[gate_failure][25]", "no action"),
        (
            "decision-cell-conflict",
            "decision-matrix[quality_regression][50]",
            "manual decision without a decision window",
        ),
        ("authority-cell-conflict", "authority[business][100]", "no role: []"),
    }


def test_duplicated_cell_in_a_data_file_is_a_gap(rego_copy: Path, tmp_path: Path) -> None:
    flags = ["--policy-dir", str(rego_copy), "--no-scenarios", "--no-opa"]
    authority_file = rego_copy / "gatekeeper" / "authority" / "data.json"
    text = authority_file.read_text("utf-8")
    doubled = text.replace('"5": ["Sprint PM"],', '"5": ["Sprint PM"], "5": ["VP Engineering"],', 1)
    assert doubled != text
    authority_file.write_text(doubled, "utf-8")
    code, report = audit(tmp_path, *flags)
    assert code == 1
    assert ("duplicate-key-conflict", "gatekeeper/authority/data.json") in gaps(report)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_since_reports_exactly_the_changed_threshold(rego_copy: Path, tmp_path: Path) -> None:
    repo = rego_copy.parent
    _git(repo, "init", "-q")
    _git(repo, "add", "rego")
    _git(repo, "commit", "-q", "-m", "policy as approved")
    data_file = rego_copy / "gatekeeper" / "profiles" / "promotion" / "data.json"
    document = json.loads(data_file.read_text("utf-8"))
    old = document["default"]["thresholds"]["shadow_requests"]
    document["default"]["thresholds"]["shadow_requests"] = old + 500
    data_file.write_text(json.dumps(document, indent=2), "utf-8")
    _git(repo, "commit", "-q", "-am", "raise the shadow request minimum")
    _, report = audit(
        tmp_path, "--policy-dir", str(rego_copy), "--no-scenarios", "--no-opa", "--since", "HEAD~1"
    )
    since = report["since"]
    assert since["commit"] == _git(repo, "rev-parse", "HEAD~1").strip()
    assert since["rules_added"] == [] and since["rules_removed"] == []
    assert since["rules_changed"] == []
    assert since["changes"] == [
        {
            "kind": "threshold",
            "path": "profiles.promotion.default.thresholds.shadow_requests",
            "old": old,
            "new": old + 500,
        }
    ]
    assert report["revision"]["git_revision"] == _git(repo, "rev-parse", "HEAD").strip()


def test_since_reports_added_rules_and_changed_cells(rego_copy: Path, tmp_path: Path) -> None:
    repo = rego_copy.parent
    _git(repo, "init", "-q")
    _git(repo, "add", "rego")
    _git(repo, "commit", "-q", "-m", "base")
    authority_file = rego_copy / "gatekeeper" / "authority" / "data.json"
    authority = json.loads(authority_file.read_text("utf-8"))
    authority["matrix"]["quality"]["50"] = ["Engineering Manager"]
    authority_file.write_text(json.dumps(authority), "utf-8")
    extra = rego_copy / "gatekeeper" / "lib" / "extra" / "extra.rego"
    extra.parent.mkdir(parents=True)
    extra.write_text(
        "# METADATA\n# title: Extra\n# description: x\npackage gatekeeper.lib.extra\n\n"
        "# METADATA\n# title: Answer\n# description: y\nanswer := 42\n",
        "utf-8",
    )
    _, report = audit(
        tmp_path, "--policy-dir", str(rego_copy), "--no-scenarios", "--no-opa", "--since", "HEAD"
    )
    since = report["since"]
    assert since["rules_added"] == ["gatekeeper.lib.extra.answer"]
    assert since["changes"] == [
        {
            "kind": "authority-matrix cell",
            "path": "authority.matrix.quality.50",
            "old": ["QA DRI", "Sprint DRI"],
            "new": ["Engineering Manager"],
        }
    ]


def test_since_unknown_revision_cannot_audit(rego_copy: Path, tmp_path: Path) -> None:
    _git(rego_copy.parent, "init", "-q")
    code = main(
        [
            "audit",
            "--policy-dir",
            str(rego_copy),
            "--no-scenarios",
            "--since",
            "nope",
            "-o",
            str(tmp_path / "x"),
        ]
    )
    assert code == 2


def test_decision_log_evidence(tmp_path: Path) -> None:
    from gatekeeper.policy._files import load_policy_set

    policy = load_policy_set()
    log_file = tmp_path / "decisions.jsonl"
    log = DecisionLog(log_file)
    decision = {"gate": "promotion", "allow": True, "action": "promote"}
    for digest, gate, action in (
        (policy.digest, "promotion", "promote"),
        (policy.digest, "rollout", "auto_rollback"),
        ("0" * 64, "rollout", "continue"),
    ):
        log.append(
            new_record(
                gate=gate,
                document={"gate": gate},
                decision={**decision, "gate": gate, "action": action},
                policy_digest=digest,
                policy_revision=f"sha256:{digest[:12]}",
                engine="embedded",
                engine_version="opa 1.22.2 wasm, wasmtime 50.0.1",
                exit_code=0,
            )
        )
    flags = ["--no-scenarios", "--no-opa", "--decision-log", str(log_file)]
    _, report = audit(tmp_path, *flags)
    evidence = report["decision_log"]
    assert evidence["chain_ok"] and evidence["records"] == 3
    assert evidence["by_gate"] == {"promotion": 1, "rollout": 2}
    assert evidence["by_action"] == {"auto_rollback": 1, "continue": 1, "promote": 1}
    assert evidence["by_policy_digest"] == {policy.digest: 2, "0" * 64: 1}
    assert [d["line"] for d in evidence["other_digest"]] == [3]
    assert not [g for g in report["gaps"] if g["kind"] == "decision-log-chain-broken"]

    lines = log_file.read_text("utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace('"auto_rollback"', '"continue"')
    log_file.write_text("".join(lines), "utf-8")
    code, report = audit(tmp_path, *flags)
    assert code == 1
    assert not report["decision_log"]["chain_ok"]
    assert ("decision-log-chain-broken", str(log_file)) in gaps(report)


def test_markdown_lists_gaps_first_and_renders_matrices(tmp_path: Path) -> None:
    output = tmp_path / "audit.md"
    code = main(["audit", "--no-scenarios", "--no-opa", "-o", str(output)])
    text = output.read_text("utf-8")
    assert code == 1
    assert text.index("## Gaps") < text.index("## Decision matrix")
    assert "scenarios-not-run" in text
    assert "| gate failure [performance] | manual_decision (5 min, then auto_rollback) |" in text
    assert "| quality | QA DRI | QA DRI | QA DRI + Sprint DRI | Engineering Manager |" in text
    assert "coverage: not measured" in text.lower() or "not measured" in text
