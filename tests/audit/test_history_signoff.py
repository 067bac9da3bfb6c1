"""The change history an auditor follows (``--since``) and the sign-off block (``--signoff``)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.audit._signoff import load_signoff
from gatekeeper.cli._main import main
from gatekeeper.models._exceptions import InputError

REPO = Path(__file__).resolve().parents[2]
PROMOTION_DATA = Path("gatekeeper") / "profiles" / "promotion" / "data.json"
CHECKLIST_REGO = Path("gatekeeper") / "promotion" / "checklist.rego"


def _git(repo: Path, *args: str, author: str = "Ann Author <ann@example.com>") -> str:
    name, _, email = author.partition(" <")
    identity = ["-c", f"user.name={name}", "-c", f"user.email={email.rstrip('>')}"]
    return subprocess.run(
        ["git", "-C", str(repo), *identity, *args], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the shipped policy, committed as ``audited``."""
    root = tmp_path / "work"
    shutil.copytree(REPO / "rego", root / "rego")
    _git(root, "init", "-q")
    _git(root, "add", "rego")
    _git(root, "commit", "-q", "-m", "policy as audited")
    _git(root, "tag", "audited")
    return root


def _audit(tmp_path: Path, repo: Path, *args: str, fmt: str = "json") -> Path:
    output = tmp_path / f"audit-{len(list(tmp_path.glob('audit-*')))}.{fmt}"
    base = ["audit", "--policy-dir", str(repo / "rego"), "--no-scenarios", "--no-opa"]
    main([*base, "--format", fmt, "-o", str(output), *args])
    return output


def _report(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text("utf-8")))


def _raise_shadow_requests(repo: Path) -> tuple[int, int]:
    data_file = repo / "rego" / PROMOTION_DATA
    document = json.loads(data_file.read_text("utf-8"))
    old = document["default"]["thresholds"]["shadow_requests"]
    document["default"]["thresholds"]["shadow_requests"] = old + 500
    data_file.write_text(json.dumps(document, indent=2), "utf-8")
    return old, old + 500


def test_success_every_commit_since_the_audit_with_author_date_and_review(
    repo: Path, tmp_path: Path
) -> None:
    old, new = _raise_shadow_requests(repo)
    message = (
        "Raise the shadow request minimum\n\nAsked by the risk team.\n\n"
        "Reviewed-by: Rita Reviewer <rita@example.com>\n"
        "Approved-by: Abe Approver <abe@example.com>\n"
    )
    _git(repo, "commit", "-q", "-am", message)
    rule_file = repo / "rego" / CHECKLIST_REGO
    text = rule_file.read_text("utf-8")
    rule_file.write_text(text.replace("# METADATA", "# METADATA", 1) + "\n_extra := 1\n", "utf-8")
    _git(repo, "commit", "-q", "-am", "Add a helper", author="Bob Builder <bob@example.com>")
    history = _report(_audit(tmp_path, repo, "--since", "audited"))["since"]["history"]
    commits = history["commits"]
    assert [c["subject"] for c in commits] == ["Raise the shadow request minimum", "Add a helper"]
    first, second = commits
    assert (first["author"], first["email"]) == ("Ann Author", "ann@example.com")
    assert first["reviewed_by"] == ["Rita Reviewer <rita@example.com>"]
    assert first["approved_by"] == ["Abe Approver <abe@example.com>"]
    assert first["date"][:4].isdigit()
    assert first["commit"] == _git(repo, "rev-parse", "HEAD~1").strip()
    assert (second["author"], second["reviewed"]) == ("Bob Builder", False)
    assert history["unreviewed_commits"] == [second["commit"]]
    groups = {g["subject"]: g["entries"] for g in history["groups"]}
    [data_entry] = groups[f"data {PROMOTION_DATA.as_posix()}"]
    assert data_entry["details"] == [
        f"profiles.promotion.default.thresholds.shadow_requests: {old} -> {new}"
    ]
    assert data_entry["reviewed_by"] == ["Rita Reviewer <rita@example.com>"]
    [rule_entry] = groups["gatekeeper.promotion._extra"]
    assert (rule_entry["change"], rule_entry["author"]) == ("added", "Bob Builder")
    assert history["uncommitted"] == []


def test_success_history_in_the_html_grouped_by_rule(repo: Path, tmp_path: Path) -> None:
    _raise_shadow_requests(repo)
    _git(repo, "commit", "-q", "-am", "Raise it\n\nApproved-by: Abe Approver <abe@example.com>")
    page = _audit(tmp_path, repo, "--since", "audited", fmt="html").read_text("utf-8")
    page = page.replace("<wbr>", "")
    assert 'id="history-table"' in page
    assert "Abe Approver &lt;abe@example.com&gt;" in page
    assert "none recorded" in page  # no Reviewed-by trailer on that commit
    assert 'id="no-changes"' not in page


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_success_no_changes_is_said_in_words_not_an_empty_table(
    repo: Path, tmp_path: Path, fmt: str
) -> None:
    text = _audit(tmp_path, repo, "--since", "audited", fmt=fmt).read_text("utf-8")
    assert "No changes since audited" in text
    assert 'id="data-changes"' not in text and "| kind | path | old | new |" not in text
    report = _report(_audit(tmp_path, repo, "--since", "audited"))
    assert report["since"]["unchanged"] is True
    assert report["auditor_summary"]["since"]["unchanged"] is True


def test_fail_an_uncommitted_change_is_listed_apart(repo: Path, tmp_path: Path) -> None:
    _raise_shadow_requests(repo)
    report = _report(_audit(tmp_path, repo, "--since", "audited"))
    history = report["since"]["history"]
    assert history["commits"] == []
    assert history["uncommitted"] == [f"rego/{PROMOTION_DATA.as_posix()}"]
    assert report["since"]["unchanged"] is False


def test_success_signoff_block_blank_without_a_file(repo: Path, tmp_path: Path) -> None:
    report = _report(_audit(tmp_path, repo))
    assert [(s["label"], s["name"], s["role"], s["date"]) for s in report["signoff"]] == [
        ("Prepared by", "", "", ""),
        ("Reviewed by", "", "", ""),
        ("Approved by", "", "", ""),
    ]
    page = _audit(tmp_path, repo, fmt="html").read_text("utf-8")
    assert 'id="signoff"' in page and page.count('class="signoff-line"') == 3


def test_success_signoff_prefilled_from_a_file(repo: Path, tmp_path: Path) -> None:
    config = tmp_path / "signoff.yaml"
    config.write_text(
        "format: gatekeeper-signoff/1\n"
        "prepared_by: {name: Dana Reyes, role: Compliance analyst, date: 2026-12-01}\n"
        "approved_by: {name: Sam Ortiz, role: Head of Risk}\n",
        "utf-8",
    )
    report = _report(_audit(tmp_path, repo, "--signoff", str(config)))
    lines = {s["duty"]: s for s in report["signoff"]}
    assert lines["prepared_by"] == {
        "duty": "prepared_by",
        "label": "Prepared by",
        "name": "Dana Reyes",
        "role": "Compliance analyst",
        "date": "2026-12-01",
    }
    assert (lines["reviewed_by"]["name"], lines["approved_by"]["role"]) == ("", "Head of Risk")
    markdown = _audit(tmp_path, repo, "--signoff", str(config), fmt="markdown").read_text()
    assert "| Prepared by | Dana Reyes | Compliance analyst | 2026-12-01 | |" in markdown


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("prepared_by: {name: x}\n", "format must be 'gatekeeper-signoff/1'"),
        ("format: gatekeeper-signoff/1\nsigned_by: {name: x}\n", "unknown key(s) signed_by"),
        ("format: gatekeeper-signoff/1\nprepared_by: {nme: x}\n", "prepared_by: unknown key"),
        ("format: gatekeeper-signoff/1\nprepared_by: {name: 7}\n", "prepared_by.name must be"),
        ("format: gatekeeper-signoff/1\nreviewed_by: {date: 2026-13-01}\n", "reviewed_by.date"),
        ("format: gatekeeper-signoff/1\nreviewed_by: Rita\n", "reviewed_by must be a mapping"),
        ("- a list\n", "expected a mapping"),
    ],
)
def test_fail_a_malformed_signoff_file_names_the_field(
    tmp_path: Path, text: str, problem: str
) -> None:
    config = tmp_path / "signoff.yaml"
    config.write_text(text, "utf-8")
    with pytest.raises(InputError) as raised:
        load_signoff(config)
    assert problem in str(raised.value)
    assert str(config) in str(raised.value)


def test_fail_a_malformed_signoff_file_cannot_audit(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "signoff.yaml"
    config.write_text("format: gatekeeper-signoff/1\nsigned_by: {name: x}\n", "utf-8")
    args = ["audit", "--policy-dir", str(repo / "rego"), "--no-scenarios", "--no-opa"]
    assert main([*args, "--signoff", str(config), "-o", str(tmp_path / "x.md")]) == 2
    assert "signed_by" in capsys.readouterr().err


def test_success_a_commit_that_broke_a_data_file_is_in_the_history(
    repo: Path, tmp_path: Path
) -> None:
    """An intermediate commit whose data file does not parse is listed, not a crash."""
    data_file = repo / "rego" / PROMOTION_DATA
    good = data_file.read_text("utf-8")
    data_file.write_text(good[: len(good) // 2], "utf-8")
    _git(repo, "commit", "-q", "-am", "Half a file")
    data_file.write_text(good, "utf-8")
    _git(repo, "commit", "-q", "-am", "Restore the file")
    history = _report(_audit(tmp_path, repo, "--since", "audited"))["since"]["history"]
    entries = {g["subject"]: g["entries"] for g in history["groups"]}
    broken, restored = entries[f"data {PROMOTION_DATA.as_posix()}"]
    assert broken["subject"] == "Half a file"
    assert broken["details"][0].startswith("the file does not parse: ")
    assert restored["subject"] == "Restore the file"


def test_success_metadata_and_comment_changes_are_in_the_history(
    repo: Path, tmp_path: Path
) -> None:
    """A rule's METADATA edited, and a comment added: both commits are listed."""
    module = repo / "rego" / "gatekeeper" / "approval" / "approval.rego"
    text = module.read_text("utf-8")
    edited = text.replace("# title: Approvers\n", "# title: Approvers of the decision\n", 1)
    assert edited != text
    module.write_text(edited, "utf-8")
    _git(repo, "commit", "-q", "-am", "Retitle the approvers rule")
    module.write_text(edited + "\n# a note for readers\n", "utf-8")
    _git(repo, "commit", "-q", "-am", "Add a note")
    history = _report(_audit(tmp_path, repo, "--since", "audited"))["since"]["history"]
    groups = {g["subject"]: g["entries"] for g in history["groups"]}
    [retitled] = groups["gatekeeper.approval.approvers"]
    assert (retitled["change"], retitled["subject"]) == (
        "METADATA changed",
        "Retitle the approvers rule",
    )
    [note] = groups["file gatekeeper/approval/approval.rego"]
    assert (note["change"], note["subject"]) == ("no rule's text or METADATA changed", "Add a note")
