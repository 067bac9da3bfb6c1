"""``--format oscal``: the audit as an OSCAL assessment-results document (OSCAL 1.1.2).

Controls are the rule codes of the control catalogue (``gk-promotion-cost``, one per
gate, rollout profile and code); observations are the scenario proofs of each control
and the decision-log statistics; findings are the gaps (state ``not-satisfied``) and,
for every control without a gap, a ``satisfied`` finding backed by its proof. UUIDs
are derived from the policy digest and the subject, so the same audit gives the same
document.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from gatekeeper.audit._report import AuditReport

OSCAL_VERSION = "1.1.2"
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
    gap_subjects = set()
    for number, gap in enumerate(report["gaps"]):
        target = control_id(gap["subject"])
        gap_subjects.add(gap["subject"])
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


def render_oscal(audit: AuditReport) -> str:
    """The OSCAL assessment-results JSON text of an audit."""
    report = audit.to_json()
    summary = report["auditor_summary"]
    ids = _Ids(summary["policy_digest"])
    when = _time(summary["generated_at"].replace("+00:00", "Z"))
    controls = [{"control-id": control_id(c["id"])} for c in report["controls"]]
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
    document = {
        "assessment-results": {
            "uuid": ids("assessment-results"),
            "metadata": {
                "title": f"gatekeeper policy audit {summary['policy_revision']}",
                "last-modified": when,
                "version": summary["policy_revision"],
                "oscal-version": OSCAL_VERSION,
            },
            "import-ap": {"href": "#gatekeeper-assessment-plan"},
            "results": [result],
        }
    }
    return json.dumps(document, indent=2, sort_keys=False) + "\n"
