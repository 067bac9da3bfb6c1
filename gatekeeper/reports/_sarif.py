"""SARIF 2.1.0: one result per violation or warning, rule metadata from the policy's METADATA.

Code-scanning tools (GitHub code scanning, SARIF viewers) read it; a run with no
decision is a failed invocation carrying the cause as a tool execution notification.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gatekeeper import __version__
from gatekeeper.reports._context import ErrorReport, Report, humanize_text
from gatekeeper.reports._locate import line_of, pointer_lines

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
_NO_FILE = ("-", "metrics", "")
FINGERPRINT_KEY = "gatekeeperFinding/v1"


def _driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": "gatekeeper",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": rules,
    }


def artifact_uri(source: str) -> str:
    """The input file as SARIF names it: relative to the working folder when it lies
    inside it (code scanning matches it to the repository), else a ``file:`` URI."""
    path = Path(source)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_uri()


def _locations(source: str, line: int | None = None) -> list[dict[str, Any]]:
    if source in _NO_FILE:
        return []
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(source)}}
    if line is not None:
        physical["region"] = {"startLine": line}
    return [{"physicalLocation": physical}]


def _source_text(source: str) -> str:
    """The input file's text, to point a result at its field (empty when unreadable)."""
    if source in _NO_FILE:
        return ""
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def field_line(lines: list[str], field: Any, pointers: Mapping[str, int] | None = None) -> int:
    """The 1-based line of ``field`` (``canary.error_rate``: ``error_rate`` after ``canary``).

    A JSON input is looked up by the field's JSON pointer (``pointers``, from
    :func:`~gatekeeper.reports._locate.pointer_lines`); a YAML input by each key after
    the line of its parent. Code scanning needs a line for every result: the line of
    the field (or of its nearest enclosing member) when the input holds it, else line 1.
    """
    if not isinstance(field, str) or not field:
        return 1
    if pointers:
        return line_of(pointers, field) or 1
    keys = [key for key in re.split(r"[.\[\]]", field) if key and not key.isdigit()]
    found = 0
    for key in keys:
        pattern = re.compile(rf'(^|[\s{{,])"?{re.escape(key)}"?\s*:')
        found = next(
            (n for n in range(max(found, 1), len(lines) + 1) if pattern.search(lines[n - 1])), 0
        )
        if not found:
            return 1
    return found or 1


def fingerprint(code: str, rule: str, field: str, uri: str) -> str:
    """A stable identity of one finding across runs: what failed where, not the values."""
    text = "\0".join((code, rule, field, uri))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _log(run: dict[str, Any]) -> str:
    document = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _rule_descriptor(report: Report, code: str, level: str, rule: str) -> dict[str, Any]:
    doc = report.rules.get(code)
    descriptor: dict[str, Any] = {
        "id": code,
        "name": rule,
        "shortDescription": {"text": doc.title if doc and doc.title else code},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["gatekeeper", report.decision.gate]},
    }
    if doc and doc.description:
        descriptor["fullDescription"] = {"text": doc.description}
    return descriptor


def render_sarif(report: Report) -> str:
    """The decision as a SARIF log with one run."""
    decision = report.decision
    rules: list[dict[str, Any]] = []
    index_of: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    findings = [("error", v) for v in decision.violations]
    findings += [("warning", v) for v in decision.warnings]
    text = _source_text(report.source)
    lines, pointers = text.splitlines(), pointer_lines(text)
    uri = artifact_uri(report.source) if report.source not in _NO_FILE else ""
    for level, finding in findings:
        if finding.code not in index_of:
            index_of[finding.code] = len(rules)
            rules.append(_rule_descriptor(report, finding.code, level, finding.rule))
        properties: dict[str, Any] = {
            "rule": finding.rule,
            "severity": finding.severity,
            "observed": finding.observed,
            "threshold": finding.threshold,
        }
        properties.update(finding.extra)
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index_of[finding.code],
            "level": level,
            "message": {"text": humanize_text(finding.message)},
            "properties": properties,
        }
        doc = report.rules.get(finding.code)
        field = str(finding.extra.get("field") or (doc.field if doc else "") or "")
        locations = _locations(report.source, field_line(lines, field, pointers))
        if locations:
            result["locations"] = locations
        result["partialFingerprints"] = {
            FINGERPRINT_KEY: fingerprint(finding.code, finding.rule, field, uri)
        }
        results.append(result)
    run = {
        "tool": {"driver": _driver(rules)},
        "invocations": [
            {
                "executionSuccessful": True,
                "exitCode": report.exit_code,
                "endTimeUtc": report.time,
            }
        ],
        "results": results,
        "properties": {
            "gate": decision.gate,
            "action": decision.action,
            "allow": decision.allow,
            "verdict": report.verdict,
            "authority": list(decision.authority),
            "decisionId": report.decision_id,
            "policyRevision": report.policy_revision,
            "policyDigest": report.policy_digest,
            "engine": f"{report.engine} ({report.engine_version})",
        },
    }
    return _log(run)


def render_sarif_error(error: ErrorReport) -> str:
    """A SARIF log whose one run failed: the cause is an error notification, no results."""
    notification: dict[str, Any] = {
        "level": "error",
        "message": {"text": f"no decision (exit {error.exit_code}): {error.message}"},
        "descriptor": {"id": "UNDECIDED"},
    }
    if error.source not in _NO_FILE:
        notification["locations"] = _locations(error.source)
    run = {
        "tool": {"driver": _driver([])},
        "invocations": [
            {
                "executionSuccessful": False,
                "exitCode": error.exit_code,
                "endTimeUtc": error.time,
                "toolExecutionNotifications": [notification],
            }
        ],
        "results": [],
        "properties": {"verdict": error.verdict},
    }
    return _log(run)
