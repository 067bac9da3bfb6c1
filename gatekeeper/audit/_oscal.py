"""``--format oscal``: the audit as OSCAL 1.1.2 documents that resolve one another.

Five documents written side by side, every ``href`` the file name of a sibling: the
results, the assessment plan, the system security plan, the profile and the catalog
of ``gk-*`` controls (docs/audit.md, "OSCAL"). UUIDs are derived from the policy digest
and the subject, so the same audit gives the same documents.
"""

from __future__ import annotations

import fnmatch
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gatekeeper.audit._report import AuditReport
from gatekeeper.audit._signoff import read_yaml
from gatekeeper.models._exceptions import InputError

OSCAL_VERSION = "1.1.2"
COMPLETENESS = "gk-audit-completeness"
"""The audit's own control: no gap (every rule documented, every cell and threshold proven)."""
_NAMESPACE = uuid.UUID("6f1d3c9e-5a4b-4f6e-9a43-8c2b1d0e7a55")


def control_id(control_or_id: str) -> str:
    """``promotion/COST`` -> ``gk-promotion-cost`` (an OSCAL token)."""
    token = re.sub(r"[^a-z0-9.\-_]+", "-", control_or_id.lower()).strip("-")
    return f"gk-{token}"


class _Ids:
    def __init__(self, digest: str) -> None:
        self.digest = digest

    def __call__(self, *parts: str) -> str:
        return str(uuid.uuid5(_NAMESPACE, "/".join((self.digest, *parts))))


def _time(stamp: str) -> str:
    return stamp if stamp.endswith("Z") or "+" in stamp[10:] else f"{stamp}Z"


def _observations(report: dict[str, Any], ids: _Ids, when: str) -> list[dict[str, Any]]:
    observations = []
    for control in report["controls"]:
        scenarios = control["scenarios"]
        passed = sum(1 for s in scenarios if s["passed"])
        names = "; ".join(s["name"] for s in scenarios[:20]) or "none"
        observations.append(
            {
                "uuid": ids("observation", control["id"]),
                "title": f"Scenario proof of {control['id']}",
                "description": f"{passed} of {len(scenarios)} scenarios passed: {names}",
                "methods": ["TEST"],
                "types": ["control-objective"],
                "collected": when,
                "props": [
                    {"name": "control-id", "value": control_id(control["id"])},
                    *(
                        {"name": "requirement-id", "value": r["id"], "remarks": _cited(r)}
                        for r in control.get("requirements") or []
                    ),
                ],
            }
        )
    log = report.get("decision_log")
    if log:
        period = log.get("period") or {}
        outcome = ", ".join(f"{v} {k}" for k, v in (period.get("by_outcome") or {}).items())
        observations.append(
            {
                "uuid": ids("observation", "decision-log"),
                "title": "Decision-log statistics",
                "description": (
                    f"{log['records']} records, hash chain "
                    f"{'intact' if log['chain_ok'] else 'BROKEN'}; in the period "
                    f"{period.get('decisions', 0)} decisions ({outcome or 'none'}), "
                    f"{len(period.get('expired_windows') or [])} expired decision windows, "
                    f"{period.get('waived', 0)} with a waiver"
                ),
                "methods": ["EXAMINE"],
                "types": ["finding"],
                "collected": when,
            }
        )
    return observations


def _cited(requirement: dict[str, Any]) -> str:
    """A requirement's title and where it comes from (the requirements catalogue)."""
    if not requirement.get("resolved"):
        return "not in the requirements catalogue"
    return f"{requirement['title']} ({requirement['reference']})"


def _finding(ids: _Ids, key: str, title: str, text: str, target: str, state: str) -> dict[str, Any]:
    return {
        "uuid": ids("finding", key),
        "title": title,
        "description": text,
        "target": {
            "type": "objective-id",
            "target-id": target,
            "status": {"state": state},
        },
    }


def _findings(report: dict[str, Any], ids: _Ids) -> list[dict[str, Any]]:
    findings = []
    known = {control_id(c["id"]) for c in report["controls"]}
    for number, gap in enumerate(report["gaps"]):
        # A gap about one control targets it; any other gap, the audit's own control.
        target = control_id(gap["subject"])
        target = target if target in known else COMPLETENESS
        title = f"Gap {gap['kind']}: {gap['subject']}"
        findings.append(
            _finding(ids, f"gap-{number}", title, gap["detail"], target, "not-satisfied")
        )
    for control in report["controls"]:
        if control["proven"]:
            target = control_id(control["id"])
            title = f"{control['id']} is proven"
            text = f"{control['checks']} ({'; '.join(control['thresholds']) or 'no threshold'})"
            finding = _finding(ids, control["id"], title, text, target, "satisfied")
            finding["related-observations"] = [
                {"observation-uuid": ids("observation", control["id"])}
            ]
            findings.append(finding)
    return findings


def _signatories(lines: list[dict[str, str]], ids: _Ids) -> dict[str, Any]:
    """The sign-off lines that name a person, as metadata roles, parties and
    responsible parties (role title as the party's ``job-title``, date as a remark)."""
    named = [line for line in lines if line.get("name")]
    if not named:
        return {}
    role_id = {line["duty"]: line["duty"].replace("_", "-") for line in named}
    parties = []
    responsible = []
    for line in named:
        party: dict[str, Any] = {
            "uuid": ids("party", line["duty"]),
            "type": "person",
            "name": line["name"],
        }
        if line.get("role"):
            party["props"] = [{"name": "job-title", "value": line["role"]}]
        parties.append(party)
        entry: dict[str, Any] = {
            "role-id": role_id[line["duty"]],
            "party-uuids": [party["uuid"]],
        }
        if line.get("date"):
            entry["remarks"] = f"dated {line['date']}"
        responsible.append(entry)
    return {
        "roles": [{"id": role_id[line["duty"]], "title": line["label"]} for line in named],
        "parties": parties,
        "responsible-parties": responsible,
    }


def render_oscal(audit: AuditReport) -> str:
    """The OSCAL assessment-results JSON text of an audit."""
    document = results_document(*_context(audit), DocumentNames.beside("gatekeeper-audit.json"))
    return json.dumps(document, indent=2) + "\n"


def _context(audit: AuditReport) -> tuple[dict[str, Any], _Ids, str]:
    """The audit's JSON form, its UUID maker (from the policy digest) and its time."""
    report = audit.to_json()
    summary = report["auditor_summary"]
    return (
        report,
        _Ids(summary["policy_digest"]),
        _time(summary["generated_at"].replace("+00:00", "Z")),
    )


def results_document(
    report: dict[str, Any], ids: _Ids, when: str, names: DocumentNames
) -> dict[str, Any]:
    """The assessment results: observations (scenario proofs, the log), findings (gaps)."""
    summary = report["auditor_summary"]
    controls = [{"control-id": control_id(c["id"])} for c in report["controls"]]
    controls.append({"control-id": COMPLETENESS})
    result = {
        "uuid": ids("result"),
        "title": f"gatekeeper audit of policy {summary['policy_revision']}",
        "description": (
            f"Policy digest {summary['policy_digest']}, git revision "
            f"{summary['git_revision'] or 'none'}: {summary['controls']} controls, "
            f"{summary['gaps']} gaps."
        ),
        "start": when,
        "end": when,
        "props": [
            {"name": "policy-digest", "value": summary["policy_digest"]},
            {"name": "gaps", "value": str(summary["gaps"])},
        ],
        "reviewed-controls": {"control-selections": [{"include-controls": controls}]},
        "observations": _observations(report, ids, when),
        "findings": _findings(report, ids),
    }
    title = f"gatekeeper policy audit {summary['policy_revision']}"
    return {
        "assessment-results": {
            "uuid": ids("assessment-results"),
            "metadata": {
                **_metadata(title, summary, when),
                **_signatories(report.get("signoff") or [], ids),
            },
            "import-ap": {"href": names.plan},
            "results": [result],
        }
    }


MAPPING_FORMAT = "gatekeeper-oscal-mapping/1"


@dataclass(frozen=True)
class DocumentNames:
    """The file names of the five documents; every ``href`` is one of them."""

    results: str
    plan: str
    ssp: str
    profile: str
    catalog: str

    @classmethod
    def beside(cls, results: str) -> DocumentNames:
        """``audit.json`` -> ``audit.assessment-plan.json``, ``audit.ssp.json``, ..."""
        stem = results[: -len(".json")] if results.endswith(".json") else results
        return cls(
            results=results,
            plan=f"{stem}.assessment-plan.json",
            ssp=f"{stem}.ssp.json",
            profile=f"{stem}.profile.json",
            catalog=f"{stem}.catalog.json",
        )


@dataclass(frozen=True)
class ControlMapping:
    """Links from ``gk-*`` controls to a public catalog's control ids."""

    title: str
    href: str
    controls: dict[str, list[str]] = field(default_factory=dict)

    def targets(self, control: str) -> list[str]:
        """The public control ids a ``gk-*`` control serves (exact ids and patterns)."""
        found: list[str] = []
        for pattern, targets in self.controls.items():
            if fnmatch.fnmatchcase(control, pattern):
                found.extend(t for t in targets if t not in found)
        return found


def load_mapping(path: Path | None) -> ControlMapping | None:
    """The mapping file (YAML or JSON, docs/audit.md "OSCAL"), checked strictly."""
    if path is None:
        return None
    where = f"--oscal-mapping {path}"
    document = read_yaml(path, where)
    if not isinstance(document, Mapping):
        raise InputError(f"{where}: expected a mapping with format, catalog and controls")
    unknown = sorted(set(map(str, document)) - {"format", "catalog", "controls"})
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if document.get("format") != MAPPING_FORMAT:
        raise InputError(f"{where}: format must be {MAPPING_FORMAT!r}")
    catalog = document.get("catalog")
    if not (
        isinstance(catalog, Mapping)
        and set(catalog) == {"title", "href"}
        and all(isinstance(catalog[k], str) and catalog[k] for k in ("title", "href"))
    ):
        raise InputError(f"{where}: catalog must have exactly a title and an href (text)")
    controls = document.get("controls")
    if not isinstance(controls, Mapping) or not controls:
        raise InputError(f"{where}: controls must map gk-* control ids (or patterns) to ids")
    checked: dict[str, list[str]] = {}
    for key, targets in controls.items():
        if not (isinstance(key, str) and key.startswith("gk-")):
            raise InputError(f"{where}: controls: {key!r} is not a gk-* control id or pattern")
        if not (
            isinstance(targets, list)
            and targets
            and all(isinstance(t, str) and _TOKEN.fullmatch(t) for t in targets)
        ):
            raise InputError(f"{where}: controls.{key}: expected a list of control ids (cm-3)")
        checked[key] = list(targets)
    return ControlMapping(str(catalog["title"]), str(catalog["href"]), checked)


_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")


def _metadata(title: str, summary: dict[str, Any], when: str) -> dict[str, Any]:
    return {
        "title": title,
        "last-modified": when,
        "version": summary["policy_revision"],
        "oscal-version": OSCAL_VERSION,
    }


def _statement(control: dict[str, Any]) -> str:
    thresholds = "; ".join(control["thresholds"]) or "no threshold"
    return (
        f"{control['checks']} Thresholds: {thresholds}. Action: {control['action']}. "
        f"Who decides: {control['authority']}."
    )


def _catalog_control(control: dict[str, Any], mapping: ControlMapping | None) -> dict[str, Any]:
    identifier = control_id(control["id"])
    entry: dict[str, Any] = {
        "id": identifier,
        "title": f"{control['code']} ({control['gate']}"
        + (f" / {control['profile']})" if control.get("profile") else ")"),
        "props": [{"name": "label", "value": control["code"]}],
        "parts": [{"id": f"{identifier}_smt", "name": "statement", "prose": _statement(control)}],
    }
    requirements = [r for r in control.get("requirements") or [] if r.get("resolved")]
    if requirements:
        entry["parts"].append(
            {
                "id": f"{identifier}_gdn",
                "name": "guidance",
                "prose": "; ".join(
                    f"{r['id']} {r['title']} ({r['reference']})" for r in requirements
                ),
            }
        )
    targets = mapping.targets(identifier) if mapping else []
    if mapping and targets:
        entry["links"] = [
            {
                "href": f"{mapping.href}#{t}",
                "rel": "related",
                "text": f"{mapping.title} {t.upper()}",
            }
            for t in targets
        ]
        entry["props"] += [{"name": "mapped-control-id", "value": t} for t in targets]
    return entry


def catalog_document(
    report: dict[str, Any], ids: _Ids, when: str, mapping: ControlMapping | None
) -> dict[str, Any]:
    """The ``gk-*`` controls as an OSCAL catalog, one group per gate (and rollout profile)."""
    summary = report["auditor_summary"]
    groups: dict[str, dict[str, Any]] = {}
    for control in report["controls"]:
        scope = control["gate"] + (f"/{control['profile']}" if control.get("profile") else "")
        group = groups.setdefault(
            scope,
            {"id": control_id(scope), "title": f"{scope.replace('/', ' / ')} gate", "controls": []},
        )
        group["controls"].append(_catalog_control(control, mapping))
    groups["~audit"] = {
        "id": "gk-audit",
        "title": "The audit itself",
        "controls": [
            {
                "id": COMPLETENESS,
                "title": "The audit has no gap",
                "parts": [
                    {
                        "id": f"{COMPLETENESS}_smt",
                        "name": "statement",
                        "prose": "Every rule is documented and cites a requirement the "
                        "catalogue resolves, every rule code, matrix cell and threshold is "
                        "proven by a passing scenario, the matrices are complete and the "
                        "decision log's hash chain verifies (docs/audit.md).",
                    }
                ],
            }
        ],
    }
    metadata = _metadata(f"gatekeeper controls, policy {summary['policy_revision']}", summary, when)
    if mapping:
        metadata["remarks"] = f"Controls mapped to {mapping.title} ({mapping.href})."
    return {
        "catalog": {
            "uuid": ids("catalog"),
            "metadata": metadata,
            "groups": [groups[k] for k in sorted(groups)],
        }
    }


def profile_document(summary: dict[str, Any], ids: _Ids, when: str, names: DocumentNames) -> Any:
    """A profile selecting every control of the catalog."""
    title = f"gatekeeper baseline, policy {summary['policy_revision']}"
    return {
        "profile": {
            "uuid": ids("profile"),
            "metadata": _metadata(title, summary, when),
            "imports": [{"href": names.catalog, "include-all": {}}],
        }
    }


def ssp_document(
    report: dict[str, Any], ids: _Ids, when: str, names: DocumentNames
) -> dict[str, Any]:
    """The gatekeeper policy as the system implementing every control of the profile."""
    summary = report["auditor_summary"]
    component = ids("component", "policy")
    description = (
        f"The gatekeeper policy (Rego and data), revision {summary['policy_revision']}, "
        f"digest {summary['policy_digest']}, decides promotions, rollouts and approvals."
    )
    return {
        "system-security-plan": {
            "uuid": ids("ssp"),
            "metadata": _metadata(f"gatekeeper policy {summary['policy_revision']}", summary, when),
            "import-profile": {"href": names.profile},
            "system-characteristics": {
                "system-ids": [
                    {"identifier-type": "https://ietf.org/rfc/rfc4122", "id": ids("system")}
                ],
                "system-name": "gatekeeper policy gate",
                "description": description,
                "system-information": {
                    "information-types": [
                        {
                            "title": "Promotion and rollback decisions",
                            "description": "Decisions, the inputs they judged and the "
                            "decision log that records them.",
                        }
                    ]
                },
                "status": {"state": "operational"},
                "authorization-boundary": {
                    "description": "The policy folder, its data documents and the engines "
                    "that evaluate it."
                },
            },
            "system-implementation": {
                "components": [
                    {
                        "uuid": component,
                        "type": "this-system",
                        "title": "gatekeeper policy",
                        "description": description,
                        "status": {"state": "operational"},
                    }
                ]
            },
            "control-implementation": {
                "description": "Each control is a rule code the policy decides with.",
                "implemented-requirements": [
                    {
                        "uuid": ids("implemented", c["id"]),
                        "control-id": control_id(c["id"]),
                        "by-components": [
                            {
                                "component-uuid": component,
                                "uuid": ids("by-component", c["id"]),
                                "description": _statement(c),
                            }
                        ],
                    }
                    for c in [*report["controls"], _COMPLETENESS_ROW]
                ],
            },
        }
    }


_COMPLETENESS_ROW = {
    "id": "audit/completeness",
    "checks": "gatekeeper audit lists every gap and exits 1 on any.",
    "thresholds": [],
    "action": "the audit fails",
    "authority": "the auditor",
}


def plan_document(
    report: dict[str, Any], ids: _Ids, when: str, names: DocumentNames
) -> dict[str, Any]:
    """The assessment plan the results import: every control, proven by scenarios."""
    summary = report["auditor_summary"]
    return {
        "assessment-plan": {
            "uuid": ids("assessment-plan"),
            "metadata": _metadata(
                f"gatekeeper audit plan, policy {summary['policy_revision']}", summary, when
            ),
            "import-ssp": {"href": names.ssp},
            "reviewed-controls": {
                "description": "Every control of the catalog: each rule code is proven by "
                "passing Gherkin scenarios, each threshold by boundary scenarios, the "
                "matrices cell by cell (docs/audit.md).",
                "control-selections": [{"include-all": {}}],
            },
            "tasks": [
                {
                    "uuid": ids("task", "scenarios"),
                    "type": "action",
                    "title": "Run the scenario suites and the completeness checks",
                    "description": report["methods"]["proofs"],
                }
            ],
        }
    }


def oscal_documents(
    audit: AuditReport, results_name: str, mapping: ControlMapping | None = None
) -> dict[str, str]:
    """File name -> JSON text of the five documents (results first)."""
    names = DocumentNames.beside(results_name)
    report, ids, when = _context(audit)
    summary = report["auditor_summary"]
    documents = {
        names.results: results_document(report, ids, when, names),
        names.plan: plan_document(report, ids, when, names),
        names.ssp: ssp_document(report, ids, when, names),
        names.profile: profile_document(summary, ids, when, names),
        names.catalog: catalog_document(report, ids, when, mapping),
    }
    return {name: json.dumps(doc, indent=2) + "\n" for name, doc in documents.items()}
