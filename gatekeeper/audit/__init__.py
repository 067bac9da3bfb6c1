"""The compliance audit of gatekeeper's rule set (``gatekeeper audit``).

For the policy revision in force, the report an auditor signs: a one-page summary,
the control catalogue (one row per rule code: what it checks, thresholds with units,
action, severity, authority, source, proving scenarios, last change), the decision
and authority matrices and every profile's thresholds as tables, the waivers as the
policy judges them (separation of duties flagged), the change since a git revision
commit by commit with its review trailers, the decision-log evidence and a sign-off
block; Rego rules, coverage and methods in an engineering appendix. Gaps come first;
any gap makes the audit exit 1. Formats: Markdown, HTML, JSON, PDF (headless
Chromium, a footer with revision, date and page n of N on every page) and OSCAL
(assessment results with the plan, system security plan, profile and catalog they
import).
"""

from __future__ import annotations

from gatekeeper.audit._render import FORMATS, render
from gatekeeper.audit._report import AuditReport, Gap
from gatekeeper.audit._run import AuditOptions, run_audit

__all__ = ["FORMATS", "AuditOptions", "AuditReport", "Gap", "render", "run_audit"]
