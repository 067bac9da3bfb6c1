"""The requirements catalogue: every rule's ids resolve, an unknown id is a named gap,
a bad catalogue is refused naming the key (docs/audit.md, "Requirements")."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.audit._requirements import SHIPPED, anchor, load_catalogue, parse_catalogue
from gatekeeper.audit._source import collect_rules
from gatekeeper.cli._main import main
from gatekeeper.models._exceptions import InputError
from gatekeeper.policy._files import load_policy_set

REPO = Path(__file__).resolve().parents[2]
SOURCE_TITLES = {
    "Promotion and Rollback Procedures",
    "Sprint #1: Rollback Plan & Procedures",
    "Astradio vNext Rollback Procedure",
    "Rollback Strategies",
    "MVP-011: Rollback Playbook",
}
_ENTRY = (
    "  - id: ROLL-MATRIX-01\n    title: T\n    kind: source-document\n"
    "    source: Sprint #1: Rollback Plan & Procedures\n    section: S\n"
)


def _audit(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    output = tmp_path / "audit.json"
    code = main(["audit", "--format", "json", "--no-scenarios", "-o", str(output), *args])
    return code, dict(json.loads(output.read_text("utf-8")))


def test_success_every_rule_and_check_of_the_shipped_policy_cites_known_requirements(
    opa_or_none: str | None,
) -> None:
    policy = load_policy_set()
    catalogue = load_catalogue()
    rules = collect_rules(policy.root, policy.modules, opa_or_none)
    cited: dict[str, list[str]] = {}
    for rule_id, rule in rules.rules.items():
        ids = ((rule.annotation or {}).get("custom") or {}).get("requirements") or []
        if rule.codes or not rule.is_private:
            assert rule.annotation is None or ids or not rule.codes, rule_id
        for requirement_id in ids:
            cited.setdefault(requirement_id, []).append(rule_id)
    for package in rules.packages.values():
        for requirement_id in ((package.annotation or {}).get("custom") or {}).get(
            "requirements"
        ) or []:
            cited.setdefault(requirement_id, []).append(package.name)
    profiles = policy.data["gatekeeper"]["profiles"]
    for name, profile in profiles["rollout"].items():
        # a source document, or (an example profile of gatekeeper's own) the doc it explains
        source = profile["source"]
        own = source.startswith("docs/") and (REPO / source).is_file()
        assert source in SOURCE_TITLES or own, name
        for check_name, check in profile["checks"].items():
            assert check["requirements"], (name, check_name)
            for requirement_id in check["requirements"]:
                cited.setdefault(requirement_id, []).append(f"{name}.{check_name}")
    for row in profiles["promotion"]["default"]["checklist"]:
        for requirement_id in row["requirements"]:
            cited.setdefault(requirement_id, []).append(row["code"])
    unknown = {i: where for i, where in cited.items() if i not in catalogue.requirements}
    assert unknown == {}
    unused = set(catalogue.requirements) - set(cited)
    assert unused == set()  # every shipped requirement is implemented by some rule


def test_success_shipped_catalogue_names_documents_by_title_and_docs_sections_exist() -> None:
    catalogue = load_catalogue()
    for requirement in catalogue.requirements.values():
        text = f"{requirement.title} {requirement.source} {requirement.section}"
        assert not re.search(r"\bSPEC\b|seed 00\d|\bBrief\b", text, re.IGNORECASE), text
        if requirement.kind == "source-document":
            assert requirement.source in SOURCE_TITLES, requirement.id
            continue
        document = (REPO / requirement.source).read_text("utf-8")
        headings = {anchor(h) for h in re.findall(r"^#+ (.+)$", document, re.MULTILINE)}
        for part in requirement.section.split(" > "):
            assert anchor(part) in headings, (requirement.id, part)


def test_success_audit_prints_requirement_ids_with_titles_and_sources(tmp_path: Path) -> None:
    _, report = _audit(tmp_path, "--no-opa")
    controls = {c["id"]: c for c in report["controls"]}
    error_rate = controls["rollout/decision-matrix/ERROR_RATE"]
    first = error_rate["requirements"][0]
    assert first["id"] == "ROLL-TRIG-01" and first["resolved"]
    assert first["source"] == "Sprint #1: Rollback Plan & Procedures"
    assert "Trigger 1: Critical Error Rate" in first["section"]
    assert error_rate["source"].startswith("ROLL-TRIG-01 Critical error rate")
    listed = [r["id"] for r in report["requirements"]]
    assert len(listed) == len(set(listed))  # each requirement once
    hold = next(r for r in report["requirements"] if r["id"] == "GK-HOLD-01")
    assert hold["cited_by"]
    assert hold["reference"] == "docs/rollout-profiles.md#hold-until-judged"
    text = json.dumps(report)
    assert not re.search(r"SPEC \d|seed 00\d|\"seed\"", text)
    rules = {r["id"]: r for r in report["rules"]}
    assert [q["id"] for q in rules["gatekeeper.rollout.decision"]["requirements"]] == [
        "GK-CONTRACT-01"
    ]
    assert not [g for g in report["gaps"] if g["kind"].startswith("requirement")]


def test_fail_an_unknown_requirement_id_is_a_named_gap(tmp_path: Path) -> None:
    rego = tmp_path / "rego"
    shutil.copytree(REPO / "rego", rego)
    module = rego / "gatekeeper" / "rollout" / "checks" / "flags" / "flags.rego"
    text = module.read_text("utf-8")
    module.write_text(text.replace("[ROLL-TRIG-04]", "[ROLL-TRIG-99]", 1), "utf-8")
    data = rego / "gatekeeper" / "profiles" / "rollout" / "gray-scale" / "data.json"
    data.write_text(data.read_text("utf-8").replace('["GRAY-AUTO-03"]', '["GRAY-X-01"]'), "utf-8")
    code, report = _audit(tmp_path, "--no-opa", "--policy-dir", str(rego))
    assert code == 1
    gaps = [g for g in report["gaps"] if g["kind"] == "requirement-unresolved"]
    assert [g["subject"] for g in gaps] == [
        "gatekeeper.rollout.checks.flags",
        "rollout/gray-scale/ERROR_SPIKE",
    ]
    assert (
        "requirement ROLL-TRIG-99 (gatekeeper/rollout/checks/flags/flags.rego)" in gaps[0]["detail"]
    )
    assert "GRAY-X-01" in gaps[1]["detail"] and "gray-scale/data.json" in gaps[1]["detail"]
    spike = next(c for c in report["controls"] if c["id"] == "rollout/gray-scale/ERROR_SPIKE")
    assert spike["source"] == "GRAY-X-01 (not in the requirements catalogue)"


def test_success_the_organisations_catalogue_replaces_the_shipped_one(tmp_path: Path) -> None:
    own = tmp_path / "requirements.yaml"
    own.write_text(
        SHIPPED.read_text("utf-8").replace(
            "title: Cost increase within budget (at most 10%)",
            "title: Cost increase within the budget the CFO set",
        ),
        "utf-8",
    )
    _, report = _audit(tmp_path, "--no-opa", "--requirements", str(own))
    cost = next(c for c in report["controls"] if c["id"] == "promotion/COST")
    assert cost["requirements"][0]["title"] == "Cost increase within the budget the CFO set"
    assert report["revision"]["requirements_catalogue"] == str(own)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "format: gatekeeper-requirements/1\nrequirements:\n" + _ENTRY + _ENTRY,
            "duplicate requirement id 'ROLL-MATRIX-01' (requirements[0] and requirements[1])",
        ),
        (
            "format: gatekeeper-requirements/1\nrequirements:\n" + _ENTRY + "    titel: x\n",
            "requirements[0] (ROLL-MATRIX-01): unknown key 'titel'",
        ),
        (
            "format: gatekeeper-requirements/1\nowner: x\nrequirements:\n" + _ENTRY,
            "unknown key 'owner'",
        ),
        (
            "format: gatekeeper-requirements/1\nrequirements:\n"
            + _ENTRY.replace("    section: S\n", ""),
            "requirements[0] (ROLL-MATRIX-01): 'section' must be a non-empty string",
        ),
        (
            "format: gatekeeper-requirements/1\nrequirements:\n"
            + _ENTRY.replace("source-document", "seed"),
            "'kind' must be one of source-document, product-decision (got 'seed')",
        ),
        (
            "format: gatekeeper-requirements/1\nrequirements:\n"
            + _ENTRY.replace("ROLL-MATRIX-01", "spec 3"),
            "'id' must look like ROLL-MATRIX-01 (got 'spec 3')",
        ),
        (
            "format: gatekeeper-requirements/1\nrequirements:\n" + _ENTRY + "    title: again\n",
            "key 'title' is given twice",
        ),
        ("format: other/2\nrequirements: []\n", "'format' must be 'gatekeeper-requirements/1'"),
    ],
)
def test_fail_a_bad_catalogue_is_refused_naming_the_key(text: str, named: str) -> None:
    with pytest.raises(InputError, match=re.escape(named)):
        parse_catalogue(text, "org.yaml")


def test_fail_audit_exits_2_on_a_bad_catalogue_naming_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "requirements.yaml"
    bad.write_text("format: gatekeeper-requirements/1\nrequirements:\n" + _ENTRY + "    owner: x\n")
    code = main(["audit", "--no-scenarios", "--no-opa", "--requirements", str(bad)])
    assert code == 2
    assert (
        f"{bad}: requirements[0] (ROLL-MATRIX-01): unknown key 'owner'" in capsys.readouterr().err
    )
