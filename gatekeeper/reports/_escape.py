"""Escape strings that come from an input (or a policy) for Markdown, XML and CI logs.

An input string such as ``<script>alert(1)</script>`` in an anomaly summary must
reach a PR comment, a job summary or a test report as text, never as markup.
"""

from __future__ import annotations

import re

_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BACKTICKS = re.compile(r"`+")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_text(text: str) -> str:
    """Text safe on a terminal: control characters (escape sequences) shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text.replace("\r\n", " ").replace("\n", " "))


def markdown_text(text: str) -> str:
    """Text that Markdown renders literally: HTML as entities, emphasis/link/table marks escaped."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MD_PUNCTUATION.sub(r"\\\1", escaped)
    return " ".join(escaped.splitlines())


def markdown_code(text: str) -> str:
    """A Markdown code span holding ``text`` literally (fence longer than any backtick run)."""
    flat = " ".join(text.splitlines()).replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS.findall(flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or longest else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 forbids (markup is escaped by the template)."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def workflow_data(text: str) -> str:
    """The message part of a GitHub Actions workflow command (``%``, CR, LF encoded)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a workflow command (also ``:`` and ``,`` encoded)."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")
