"""Render an audit report as Markdown, self-contained HTML (jinja2 templates), JSON or OSCAL.

``pdf`` is the HTML printed by headless Chromium (:mod:`gatekeeper.audit._pdf`)."""

from __future__ import annotations

import json
from typing import Any

from gatekeeper.audit._report import AuditReport

FORMATS = ("markdown", "html", "json", "pdf", "oscal")
TEXT_FORMATS = ("markdown", "html", "json", "oscal")
_TEMPLATES = {"markdown": "report.md.j2", "html": "report.html.j2"}


def _md(value: Any) -> str:
    """Text safe inside a Markdown table cell: no raw HTML, no cell break."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


def _js(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def render(report: AuditReport, fmt: str) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "oscal":
        from gatekeeper.audit._oscal import render_oscal

        return render_oscal(report)
    document = report.to_json()
    if fmt == "json":
        return json.dumps(document, indent=2, sort_keys=True, default=str) + "\n"
    if fmt not in _TEMPLATES:
        raise ValueError(f"unknown text format {fmt!r}; choose one of {', '.join(TEXT_FORMATS)}")
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("gatekeeper.audit", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = _md
    environment.filters["js"] = _js
    return environment.get_template(_TEMPLATES[fmt]).render(r=document)
