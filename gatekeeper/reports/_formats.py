"""One formatter per output format, and the factory that lists them.

``json`` is built with the standard library; ``text``, ``markdown`` and ``junit``
render jinja2 templates shipped in ``gatekeeper/reports/templates/`` (jinja2 is
imported only when one of them is asked for).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from gatekeeper.reports._context import Report, show_value

TEXT = "text"
JSON = "json"
MARKDOWN = "markdown"
JUNIT = "junit"
FORMATS = (TEXT, JSON, MARKDOWN, JUNIT)
"""Every format name, for ``--format`` and its help."""

_TEMPLATES = {TEXT: "text.txt.j2", MARKDOWN: "markdown.md.j2", JUNIT: "junit.xml.j2"}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Formatter = Callable[[Report], str]


def _md_cell(value: Any) -> str:
    text = show_value(value) if not isinstance(value, str) else value
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _xml_safe(value: Any) -> str:
    text = show_value(value) if not isinstance(value, str) else value
    return _XML_ILLEGAL.sub("\ufffd", text)


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
    environment.filters["xml_safe"] = _xml_safe
    return environment


def render_json(report: Report) -> str:
    """The decision object plus provenance, as one line of JSON."""
    return json.dumps(report.as_json_object(), ensure_ascii=False) + "\n"


def _template_formatter(name: str) -> Formatter:
    def render(report: Report) -> str:
        template = _environment().get_template(_TEMPLATES[name])
        return str(template.render(r=report, d=report.decision))

    return render


def get_formatter(name: str) -> Formatter:
    """The formatter of format ``name`` (one of :data:`FORMATS`)."""
    if name == JSON:
        return render_json
    if name in _TEMPLATES:
        return _template_formatter(name)
    raise ValueError(f"unknown report format {name!r} (expected one of {', '.join(FORMATS)})")


def render(name: str, report: Report) -> str:
    """Render ``report`` in format ``name``."""
    return get_formatter(name)(report)
