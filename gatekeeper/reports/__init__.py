"""Reports of a decision: ``text`` for people, ``json``, ``markdown`` for CI, ``junit``.

Reports read the decision model only; they never import an engine.
"""

from __future__ import annotations

from gatekeeper.reports._context import Report, show_value
from gatekeeper.reports._formats import FORMATS, Formatter, get_formatter, render

__all__ = ["FORMATS", "Formatter", "Report", "get_formatter", "render", "show_value"]
