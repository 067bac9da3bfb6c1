"""The compliance audit of gatekeeper's rule set (``gatekeeper audit``).

For the policy revision in force: every rule with its METADATA, the thresholds it
reads and its test coverage; the decision and authority matrices and every
profile's thresholds rendered from the policy data; the scenarios that prove each
cell and rule; completeness checks; the change since a git revision; and the
decision-log evidence. Gaps come first; any gap makes the audit exit 1.
"""

from __future__ import annotations

from gatekeeper.audit._render import FORMATS, render
from gatekeeper.audit._report import AuditReport, Gap
from gatekeeper.audit._run import AuditOptions, run_audit

__all__ = ["FORMATS", "AuditOptions", "AuditReport", "Gap", "render", "run_audit"]
