"""The printed audit, read back from the PDF: footer on every page, sign-off, whole codes.

``gatekeeper audit --format pdf`` of the shipped rules (in a git repository with one
reviewed change since the audited tag, the example roster and waivers, a sign-off file)
is printed by real headless Chromium and read back with ``pdftotext``, page by page:
every page's footer names the policy revision and the date and says "page n of N"; the
sign-off block is on the summary pages, pre-filled; no rule code is broken inside a word
(a break after an underscore is a word boundary). Without Chromium or poppler the tests
skip, except under ``CI=true``: fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main
from tests.conftest import needed_tool

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"
DATA = ["--data", str(SCENARIOS / "roster.json"), "--data", str(SCENARIOS / "waivers.json")]
PROMOTION_DATA = Path("gatekeeper") / "profiles" / "promotion" / "data.json"
_CODE_WORD = re.compile(r"[A-Z][A-Z0-9_]*")


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=Ann Author", "-c", "user.email=ann@example.com"]
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The audit as JSON, and its PDF as one text per page (with the page count)."""
    needed_tool("chromium")
    pdftotext = needed_tool("pdftotext")
    work = tmp_path_factory.mktemp("printed")
    policy = work / "repo" / "rego"
    shutil.copytree(REPO / "rego", policy)
    _git(policy.parent, "init", "-q")
    _git(policy.parent, "add", "rego")
    _git(policy.parent, "commit", "-q", "-m", "policy as audited")
    _git(policy.parent, "tag", "audited")
    data_file = policy / PROMOTION_DATA
    document = json.loads(data_file.read_text("utf-8"))
    document["default"]["thresholds"]["shadow_requests"] += 500
    data_file.write_text(json.dumps(document, indent=2), "utf-8")
    message = "Raise the shadow request minimum\n\nReviewed-by: Rita Reviewer <rita@example.com>"
    _git(policy.parent, "commit", "-q", "-am", message)
    signoff = work / "signoff.yaml"
    signoff.write_text(
        "format: gatekeeper-signoff/1\n"
        "prepared_by: {name: Dana Reyes, role: Compliance analyst, date: 2026-12-01}\n",
        "utf-8",
    )
    args = ["--policy-dir", str(policy), "--no-scenarios", "--since", "audited", *DATA]
    args += ["--signoff", str(signoff)]
    report_file, pdf_file = work / "audit.json", work / "audit.pdf"
    main(["audit", "--format", "json", "-o", str(report_file), *args])
    assert main(["audit", "--format", "pdf", "-o", str(pdf_file), *args]) == 1  # not run: gap
    text = subprocess.run(
        [pdftotext, str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return {"report": json.loads(report_file.read_text("utf-8")), "pages": pages}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_every_page_has_its_footer_with_revision_date_and_page_n_of_n(
    printed: dict[str, Any],
) -> None:
    pages: list[str] = printed["pages"]
    summary = printed["report"]["auditor_summary"]
    revision, day = summary["policy_revision"], summary["generated_at"][:10]
    assert len(pages) > 10
    for number, page in enumerate(pages, start=1):
        line = _one_line(page)
        assert f"gatekeeper audit · policy {revision}" in line, f"page {number}: no footer"
        assert f"generated {day}" in line, f"page {number}: no date in the footer"
        assert f"page {number} of {len(pages)}" in line, f"page {number}: no 'page n of N'"


def test_the_signoff_block_is_on_the_summary_pages_and_prefilled(
    printed: dict[str, Any],
) -> None:
    opening = _one_line(" ".join(printed["pages"][:2]))
    assert "Sign-off" in opening
    for duty in ("Prepared by", "Reviewed by", "Approved by"):
        assert duty in opening
    assert "Dana Reyes" in opening and "Compliance analyst" in opening
    assert "2026-12-01" in opening


def test_history_and_waiver_refusals_are_printed(printed: dict[str, Any]) -> None:
    text = _one_line(" ".join(printed["pages"]))
    assert "History by rule" in text
    assert "Rita Reviewer" in text
    assert "approved their own waiver" in text


def _segments(code: str) -> set[str]:
    """How a code may be printed across lines: whole, or cut right after an underscore."""
    parts = code.split("_")
    pieces = set()
    for start in range(len(parts)):
        for end in range(start + 1, len(parts) + 1):
            piece = "_".join(parts[start:end])
            pieces.add(piece)
            if end < len(parts):
                pieces.add(piece + "_")
    return pieces


def _code_words(line: str) -> list[str]:
    """The words of a line that look like a code or a piece of one (``AUTOMATED_``)."""
    words = [w.strip(".,;:()[]\"'") for w in line.split()]
    return [w for w in words if w and _CODE_WORD.fullmatch(w)]


def split_codes(pages: list[str], codes: set[str]) -> list[str]:
    """Where a code is broken inside a word: a piece with an underscore that is no
    underscore-aligned piece of a code (``AUTOMATED_D``), or two lines whose last and
    first words join into a code but do not split it after an underscore."""
    allowed = set().union(*(_segments(code) for code in codes))
    broken: list[str] = []
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        for line in lines:
            broken += [
                f"page {number}: {word}"
                for word in _code_words(line)
                if "_" in word and word not in allowed and any(word in c for c in codes)
            ]
        for first, second in pairwise(lines):
            tail, head = _code_words(first)[-1:], _code_words(second)[:1]
            if not tail or not head or tail[0].endswith("_"):
                continue
            joined = tail[0] + head[0]
            if (
                len(joined) >= 5
                and any(joined in code for code in codes)
                and (tail[0] not in allowed or head[0] not in allowed or joined in allowed)
            ):
                broken.append(f"page {number}: {tail[0]} / {head[0]}")
    return broken


def test_success_the_split_detector_sees_a_code_broken_inside_a_word() -> None:
    codes = {"AUTOMATED_DECISION", "INCIDENTS", "SECURITY_PASS_RATE"}
    assert split_codes(["x AUTOMATED_D\nECISION y"], codes) == [
        "page 1: AUTOMATED_D",
        "page 1: AUTOMATED_D / ECISION",
    ]
    assert split_codes(["INCI\nDENTS"], codes) == ["page 1: INCI / DENTS"]
    assert split_codes(["AUTOMATED_\nDECISION", "SECURITY_PASS_\nRATE"], codes) == []
    assert split_codes(["INCIDENTS\nSECURITY_PASS_RATE"], codes) == []


def test_no_rule_code_is_split_inside_a_word(printed: dict[str, Any]) -> None:
    report = printed["report"]
    codes = {c["code"] for c in report["controls"]}
    codes |= {code for rule in report["rules"] for code in rule["codes"]}
    assert "AUTOMATED_DECISION" in codes and len(codes) > 40
    assert split_codes(printed["pages"], codes) == []


def test_every_source_resolves_and_no_private_document_is_named(printed: dict[str, Any]) -> None:
    """Each rule and control cites requirement ids the catalogue resolves to a title, and
    the printed text names no document an outsider does not have."""
    report = printed["report"]
    cited = [q for c in report["controls"] for q in c["requirements"]]
    cited += [q for rule in report["rules"] for q in rule["requirements"]]
    assert cited and all(q["resolved"] and q["title"] for q in cited)
    assert all(c["requirements"] for c in report["controls"])
    text = _one_line(" ".join(printed["pages"]))
    assert not re.search(r"\bSPEC \d|\bseed 00\d|\bBrief:", text, re.IGNORECASE)
    assert "ROLL-TRIG-01 Critical error rate" in text
