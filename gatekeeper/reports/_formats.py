"""One formatter per output format, and the factory that lists them.

``text``, ``json``, ``sarif`` and ``github`` are built with the standard library
(the text report is on the path of every ``gatekeeper check``); ``markdown`` and
``junit`` render jinja2 templates shipped in ``gatekeeper/reports/templates/``
(jinja2 is imported only when one of them is asked for; the SARIF and GitHub
formatters too are imported only when asked for). Every format also has an
error report, written when no decision could be made, so a CI publisher shows the
cause instead of nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from gatekeeper.reports._context import (
    ErrorReport,
    Report,
    humanize_text,
    observed_threshold,
    show_value,
)
from gatekeeper.reports._escape import markdown_code, markdown_text, xml_text
from gatekeeper.reports._text import render_text, render_text_error

TEXT = "text"
JSON = "json"
MARKDOWN = "markdown"
JUNIT = "junit"
SARIF = "sarif"
GITHUB = "github"
FORMATS = (TEXT, JSON, MARKDOWN, JUNIT, SARIF, GITHUB)
"""Every format name, for ``--format`` and its help."""

_TEMPLATES = {MARKDOWN: "markdown.md.j2", JUNIT: "junit.xml.j2"}
_ERROR_TEMPLATES = {MARKDOWN: "error.md.j2", JUNIT: "error.xml.j2"}

Formatter = Callable[[Report], str]
ErrorFormatter = Callable[[ErrorReport], str]


def _md_cell(value: Any) -> str:
    text = show_value(value) if not isinstance(value, str) else humanize_text(value)
    return markdown_text(text)


def _xml_safe(value: Any) -> str:
    text = show_value(value) if not isinstance(value, str) else value
    return xml_text(text)


@cache
def _environment() -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("gatekeeper.reports", "templates"),
        autoescape=lambda name: bool(name and name.endswith(".xml.j2")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["value"] = show_value
    environment.filters["md_cell"] = _md_cell
    environment.filters["md_value"] = lambda value: "" if value is None else _md_cell(value)
    environment.filters["md_code"] = lambda value: markdown_code(str(value))
    environment.filters["xml_safe"] = _xml_safe
    environment.globals["observed_threshold"] = observed_threshold
    return environment


def render_json(report: Report) -> str:
    """The decision object plus provenance, as one line of JSON (exact values)."""
    return json.dumps(report.as_json_object(), ensure_ascii=False) + "\n"


def render_json_error(error: ErrorReport) -> str:
    """Why no decision was made, as one line of JSON."""
    document = {
        "error": error.message,
        "exit_code": error.exit_code,
        "verdict": error.verdict,
        "source": error.source,
        "time": error.time,
    }
    return json.dumps(document, ensure_ascii=False) + "\n"


def _renderer(name: str, error: bool) -> Callable[[Any], str]:
    """The renderer of format ``name``: of the report, or of the error report."""
    if name == TEXT:
        return render_text_error if error else render_text
    if name == JSON:
        return render_json_error if error else render_json
    if name == SARIF:
        from gatekeeper.reports import _sarif

        return _sarif.render_sarif_error if error else _sarif.render_sarif
    if name == GITHUB:
        from gatekeeper.reports import _github

        return _github.render_github_error if error else _github.render_github
    if name in _TEMPLATES:
        file = (_ERROR_TEMPLATES if error else _TEMPLATES)[name]

        def render(item: Any) -> str:
            names = {"e": item} if error else {"r": item, "d": item.decision}
            return str(_environment().get_template(file).render(**names))

        return render
    raise ValueError(f"unknown report format {name!r} (expected one of {', '.join(FORMATS)})")


def get_formatter(name: str) -> Formatter:
    """The formatter of format ``name`` (one of :data:`FORMATS`)."""
    return _renderer(name, error=False)


def get_error_formatter(name: str) -> ErrorFormatter:
    """The error-report formatter of format ``name`` (one of :data:`FORMATS`)."""
    return _renderer(name, error=True)


def render(name: str, report: Report) -> str:
    """Render ``report`` in format ``name``."""
    return get_formatter(name)(report)


def render_error(name: str, error: ErrorReport) -> str:
    """Render the error report ``error`` in format ``name``."""
    return get_error_formatter(name)(error)
