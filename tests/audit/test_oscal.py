"""``--format oscal``: five OSCAL documents that compliance-trestle validates and that resolve.

The assessment results import the assessment plan (``import-ap``), the plan the system
security plan (``import-ssp``), the plan the profile (``import-profile``), the profile
the catalog (``imports``): every ``href`` names a file written beside the results, and
every control id the results, the plans and the findings name is a control of the
catalog. An optional mapping file links the ``gk-*`` controls to a public catalog's ids.
compliance-trestle is in the test extra: missing, the tests fail under ``CI=true``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.audit._oscal import load_mapping
from gatekeeper.cli._main import main
from gatekeeper.models._exceptions import InputError
from tests.audit.test_auditor_report import _log

REPO = Path(__file__).resolve().parents[2]
SHIPPED_MAPPING = REPO / "gatekeeper" / "audit" / "mappings" / "nist-sp-800-53-rev5.yaml"


def _trestle() -> Any:
    if os.environ.get("CI", "").lower() == "true":
        import trestle.oscal as oscal
    else:
        oscal = pytest.importorskip("trestle.oscal")
    from trestle.oscal import assessment_plan, assessment_results, catalog, profile, ssp

    del oscal
    return {
        "assessment-results": assessment_results.AssessmentResults,
        "assessment-plan": assessment_plan.AssessmentPlan,
        "system-security-plan": ssp.SystemSecurityPlan,
        "profile": profile.Profile,
        "catalog": catalog.Catalog,
    }


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The five documents of one audit (with a decision log and the shipped mapping)."""
    folder = tmp_path_factory.mktemp("oscal")
    log = _log(folder / "decisions.jsonl")
    output = folder / "out" / "audit.json"
    signoff = folder / "signoff.yaml"
    signoff.write_text(
        "format: gatekeeper-signoff/1\n"
        "prepared_by: {name: Dana Reyes, role: Compliance analyst, date: 2026-12-01}\n",
        "utf-8",
    )
    args = ["--no-scenarios", "--no-opa", "--decision-log", str(log)]
    args += ["--oscal-mapping", str(SHIPPED_MAPPING), "--signoff", str(signoff)]
    main(["audit", "--format", "oscal", "-o", str(output), *args])
    return {
        path.name: json.loads(path.read_text("utf-8"))
        for path in sorted(output.parent.glob("*.json"))
    }


def test_success_every_document_validates_with_trestle(written: dict[str, Any]) -> None:
    models = _trestle()
    assert sorted(written) == [
        "audit.assessment-plan.json",
        "audit.catalog.json",
        "audit.json",
        "audit.profile.json",
        "audit.ssp.json",
    ]
    kinds = set()
    for document in written.values():
        [(kind, body)] = document.items()
        models[kind].parse_obj(body)
        kinds.add(kind)
    assert kinds == set(models)


def _by_kind(written: dict[str, Any]) -> dict[str, Any]:
    return {kind: body for document in written.values() for kind, body in document.items()}


def test_success_every_href_resolves_to_a_written_document(written: dict[str, Any]) -> None:
    docs = _by_kind(written)
    assert docs["assessment-results"]["import-ap"]["href"] == "audit.assessment-plan.json"
    assert docs["assessment-plan"]["import-ssp"]["href"] == "audit.ssp.json"
    assert docs["system-security-plan"]["import-profile"]["href"] == "audit.profile.json"
    assert [i["href"] for i in docs["profile"]["imports"]] == ["audit.catalog.json"]
    for href in ("audit.assessment-plan.json", "audit.ssp.json", "audit.catalog.json"):
        assert href in written


def test_success_every_control_named_is_in_the_catalog(written: dict[str, Any]) -> None:
    docs = _by_kind(written)
    catalog = {c["id"] for g in docs["catalog"]["groups"] for c in g["controls"]}
    assert {"gk-promotion-cost", "gk-approval-separate_approvers_required"} <= catalog
    assert "gk-audit-completeness" in catalog
    result = docs["assessment-results"]["results"][0]
    reviewed = result["reviewed-controls"]["control-selections"][0]["include-controls"]
    assert {c["control-id"] for c in reviewed} == catalog
    targets = {f["target"]["target-id"] for f in result["findings"]}
    assert targets <= catalog
    implemented = docs["system-security-plan"]["control-implementation"]
    assert {r["control-id"] for r in implemented["implemented-requirements"]} == catalog
    gaps = [f for f in result["findings"] if f["target"]["status"]["state"] == "not-satisfied"]
    assert [f["target"]["target-id"] for f in gaps] == ["gk-audit-completeness"]
    assert [f["title"] for f in gaps] == ["Gap scenarios-not-run: " + str(REPO / "features")]
    titles = [o["title"] for o in result["observations"]]
    assert "Scenario proof of promotion/COST" in titles
    assert "Decision-log statistics" in titles


def test_success_the_mapping_links_controls_to_the_public_catalog(written: dict[str, Any]) -> None:
    docs = _by_kind(written)
    controls = {c["id"]: c for g in docs["catalog"]["groups"] for c in g["controls"]}
    cost = controls["gk-promotion-cost"]
    assert [link["text"] for link in cost["links"]] == [
        "NIST SP 800-53 Rev. 5 CM-3",
        "NIST SP 800-53 Rev. 5 CM-4",
    ]
    assert cost["links"][0]["href"].endswith("NIST_SP-800-53_rev5_catalog.json#cm-3")
    separate = controls["gk-approval-separate_approvers_required"]
    assert [p["value"] for p in separate["props"] if p["name"] == "mapped-control-id"] == [
        "cm-3",
        "cm-5",
        "ac-5",
    ]


def test_success_the_signoff_names_the_responsible_parties(written: dict[str, Any]) -> None:
    metadata = _by_kind(written)["assessment-results"]["metadata"]
    assert metadata["roles"] == [{"id": "prepared-by", "title": "Prepared by"}]
    [party] = metadata["parties"]
    assert (party["name"], party["props"]) == (
        "Dana Reyes",
        [{"name": "job-title", "value": "Compliance analyst"}],
    )
    assert metadata["responsible-parties"] == [
        {"role-id": "prepared-by", "party-uuids": [party["uuid"]], "remarks": "dated 2026-12-01"}
    ]


def test_fail_oscal_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--format", "oscal", "--no-scenarios", "--no-opa"]) == 2
    assert "give -o FILE.json" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("format: x\n", "format must be 'gatekeeper-oscal-mapping/1'"),
        ("format: gatekeeper-oscal-mapping/1\nextra: 1\n", "unknown key(s) extra"),
        (
            "format: gatekeeper-oscal-mapping/1\ncatalog: {title: T}\ncontrols: {gk-x: [cm-3]}\n",
            "catalog must have exactly a title and an href",
        ),
        (
            "format: gatekeeper-oscal-mapping/1\ncatalog: {title: T, href: h}\n"
            "controls: {cost: [cm-3]}\n",
            "'cost' is not a gk-* control id",
        ),
        (
            "format: gatekeeper-oscal-mapping/1\ncatalog: {title: T, href: h}\n"
            "controls: {gk-x: [cm 3]}\n",
            "controls.gk-x: expected a list of control ids",
        ),
    ],
)
def test_fail_a_malformed_mapping_names_the_field(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError) as raised:
        load_mapping(path)
    assert problem in str(raised.value) and str(path) in str(raised.value)
