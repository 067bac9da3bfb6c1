"""The ``text`` report: what a person reads on a terminal, in plain Python.

The console report is on the path of every ``gatekeeper check``; writing it
without a template engine keeps jinja2 (about 35 ms to import and compile) off
that path. Every value an input or a policy controls passes through
``terminal_text``, so no escape sequence reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gatekeeper.reports._context import (
    ErrorReport,
    Report,
    humanize_text,
    observed_threshold,
    show_value,
)
from gatekeeper.reports._escape import terminal_text


def _term(value: Any) -> str:
    return terminal_text(show_value(value))


def _finding(finding: Any) -> Iterable[str]:
    yield f"  [{_term(finding.severity)}] {_term(finding.code)}  ({_term(finding.rule)})"
    yield f"      {terminal_text(humanize_text(str(finding.message)))}"
    detail = observed_threshold(finding.observed, finding.threshold)
    if detail:
        yield f"      {_term(detail)}"
    for key, extra in finding.extra.items():
        yield f"      {_term(key)}: {_term(extra)}"


def _lines(report: Report) -> Iterable[str]:
    decision = report.decision
    yield (
        f"gatekeeper {decision.gate} gate: {decision.action} "
        f"({report.verdict}, exit {report.exit_code})"
    )
    yield f"input: {_term(report.source)}"
    yield ""
    if decision.violations:
        yield f"Violations ({len(decision.violations)}):"
        for finding in decision.violations:
            yield from _finding(finding)
    else:
        yield "No violations."
    if decision.warnings:
        yield ""
        yield f"Warnings ({len(decision.warnings)}):"
        for finding in decision.warnings:
            yield from _finding(finding)
    if decision.authority:
        yield ""
        yield f"Who decides: {' and '.join(decision.authority)}"
    if decision.decision_window_minutes is not None:
        yield (
            f"Decision window: {show_value(decision.decision_window_minutes)} min, "
            f"{show_value(report.minutes_left)} min left: decide by {report.deadline}"
        )
    if decision.default_action is not None:
        yield f"If nobody decides in time: {decision.default_action}"
    yield ""
    yield f"decision {report.decision_id} at {report.time}"
    yield f"policy {report.policy_revision}, engine {report.engine} ({report.engine_version})"


def render_text(report: Report) -> str:
    """The decision for a terminal: verdict, findings, who decides, provenance."""
    return "\n".join(_lines(report)) + "\n"


def render_text_error(error: ErrorReport) -> str:
    """Why no decision was made, for a terminal."""
    return (
        f"gatekeeper: no decision ({error.verdict}, exit {error.exit_code}): treat as blocked\n"
        f"input: {_term(error.source)}\n"
        f"cause: {_term(error.message)}\n"
    )
