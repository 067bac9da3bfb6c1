"""Render an audit report as Markdown, self-contained HTML (jinja2 templates), JSON or OSCAL.

``pdf`` is the HTML printed by headless Chromium (:mod:`gatekeeper.audit._pdf`)."""

from __future__ import annotations

import json
import re
from typing import Any

from gatekeeper.audit._report import AuditReport

FORMATS = ("markdown", "html", "json", "pdf", "oscal")
TEXT_FORMATS = ("markdown", "html", "json", "oscal")
_TEMPLATES = {"markdown": "report.md.j2", "html": "report.html.j2"}


def _md(value: Any) -> str:
    """Text safe inside a Markdown table cell: no raw HTML, no cell break."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


_BREAK_AFTER = re.compile(r"([_/,@]|\.(?=[A-Za-z]))")


def wrap_points(text: str) -> str:
    """HTML-escaped ``text`` with a line-break opportunity (``<wbr>``) after each underscore,
    slash, comma, at sign and dot before a letter: a table cell wraps a control code or a data path
    at its word boundaries (``AUTOMATED_<wbr>DECISION``), never inside a word."""
    from markupsafe import escape

    return _BREAK_AFTER.sub(r"\1<wbr>", str(escape(text)))


def _finalize_html(value: Any) -> Any:
    """Every value printed into the HTML, unless already markup, gets its break points."""
    from markupsafe import Markup

    if isinstance(value, Markup) or value is None:
        return value
    return Markup(wrap_points(str(value)))


def _plain(value: Any) -> Any:
    """Escaped text with no break points: for attributes and the page title."""
    from markupsafe import Markup, escape

    return Markup(escape(str(value)))


_CSS_UNSAFE = re.compile(r"[^A-Za-z0-9 .:+_@/()-]")


def _css_string(value: Any) -> Any:
    """Text for a CSS string in the page footer: only plain characters survive."""
    from markupsafe import Markup

    return Markup(_CSS_UNSAFE.sub("?", str(value))[:120])


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
    if fmt == "html":
        environment.finalize = _finalize_html
    environment.filters["md"] = _md
    environment.filters["js"] = _js
    environment.filters["plain"] = _plain
    environment.filters["css_string"] = _css_string
    return environment.get_template(_TEMPLATES[fmt]).render(r=document)
