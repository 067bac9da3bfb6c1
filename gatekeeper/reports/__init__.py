"""Reports of a decision: ``text`` for people, ``json``, ``markdown`` for CI, ``junit``,
``sarif`` for code scanning, ``github`` workflow annotations; each also reports "no decision".

Reports read the decision model only; they never import an engine.
"""

from __future__ import annotations

from gatekeeper.reports._context import (
    ErrorReport,
    Report,
    RuleDoc,
    human_number,
    humanize_text,
    show_value,
    verdict_line,
)
from gatekeeper.reports._formats import (
    FORMATS,
    ErrorFormatter,
    Formatter,
    get_error_formatter,
    get_formatter,
    render,
    render_error,
)

__all__ = [
    "FORMATS",
    "ErrorFormatter",
    "ErrorReport",
    "Formatter",
    "Report",
    "RuleDoc",
    "get_error_formatter",
    "get_formatter",
    "human_number",
    "humanize_text",
    "render",
    "render_error",
    "show_value",
    "verdict_line",
]
