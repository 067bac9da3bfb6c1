"""The compliance audit of gatekeeper's rule set (``gatekeeper audit``, docs/audit.md).

For the policy revision in force, the report an auditor signs: controls, matrices,
thresholds, waivers, changes since a revision, decision-log evidence and a sign-off
block, gaps first (any gap exits 1); as Markdown, HTML, JSON, PDF or OSCAL.
"""

from __future__ import annotations

from gatekeeper.audit._render import FORMATS, render
from gatekeeper.audit._report import AuditReport, Gap
from gatekeeper.audit._run import AuditOptions, run_audit

__all__ = ["FORMATS", "AuditOptions", "AuditReport", "Gap", "render", "run_audit"]
