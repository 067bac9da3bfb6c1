"""GitHub Actions workflow commands: one annotation per finding, and the verdict.

Printed to a job's log, each ``::error``/``::warning``/``::notice`` line becomes an
annotation on the run (and on the input file when it is in the repository).
"""

from __future__ import annotations

from gatekeeper.reports._context import (
    ErrorReport,
    Report,
    humanize_text,
    observed_threshold,
    show_value,
)
from gatekeeper.reports._escape import workflow_data, workflow_property

_NO_FILE = ("-", "metrics", "")


def _command(level: str, title: str, message: str, source: str) -> str:
    properties = []
    if source not in _NO_FILE:
        properties.append(f"file={workflow_property(source)}")
    properties.append(f"title={workflow_property(title)}")
    return f"::{level} {','.join(properties)}::{workflow_data(message)}"


def render_github(report: Report) -> str:
    """Workflow commands: each violation an error, each warning a warning, then the verdict."""
    decision = report.decision
    lines = []
    for level, findings in (("error", decision.violations), ("warning", decision.warnings)):
        for finding in findings:
            detail = observed_threshold(finding.observed, finding.threshold)
            message = humanize_text(finding.message) + (f" ({detail})" if detail else "")
            title = f"gatekeeper {finding.code} ({finding.rule})"
            lines.append(_command(level, title, message, report.source))
    summary = f"{decision.gate} gate: {decision.action} ({report.verdict}, exit {report.exit_code})"
    if decision.authority and not decision.allow:
        summary += f"; who decides: {' and '.join(decision.authority)}"
    if decision.decision_window_minutes is not None:  # as text and markdown show it
        summary += (
            f"; decision window {show_value(decision.decision_window_minutes)} min, "
            f"{show_value(report.minutes_left)} min left: decide by {report.deadline}"
        )
    if decision.default_action is not None:
        summary += f"; if nobody decides in time: {decision.default_action}"
    level = "notice" if decision.allow else "error"
    lines.append(_command(level, "gatekeeper", summary, report.source))
    return "\n".join(lines) + "\n"


def render_github_error(error: ErrorReport) -> str:
    """One error annotation naming why no decision was made."""
    message = f"no decision (exit {error.exit_code}): {error.message}"
    return _command("error", "gatekeeper", message, error.source) + "\n"
