"""The sign-off block of the audit: who prepared, reviewed and approved it, and when.

Without ``--signoff FILE`` the block has empty name, role, date and signature lines to
fill in by hand. With it, a small YAML (or JSON) file pre-fills them (format in
docs/audit.md, "Sign-off"). Every key is optional except ``format``; an unknown key, a
value that is not text, or a date that is not ``YYYY-MM-DD`` refuses the file, naming
it and the field (exit 2). The signature line is never pre-filled: a file cannot sign.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from gatekeeper.models._exceptions import InputError

FORMAT = "gatekeeper-signoff/1"
DUTIES = (
    ("prepared_by", "Prepared by"),
    ("reviewed_by", "Reviewed by"),
    ("approved_by", "Approved by"),
)
FIELDS = ("name", "role", "date")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_TEXT = 200


class _TextDates(yaml.SafeLoader):
    """YAML without implicit timestamps: ``2026-12-01`` stays text, checked here."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class SignOffLine:
    """One duty of the sign-off: its label and what the file pre-filled (or blanks)."""

    duty: str
    label: str
    name: str = ""
    role: str = ""
    date: str = ""

    def to_json(self) -> dict[str, str]:
        """JSON-ready form."""
        return asdict(self)


def blank_signoff() -> list[SignOffLine]:
    """The block with every line empty, to fill in by hand."""
    return [SignOffLine(duty, label) for duty, label in DUTIES]


def load_signoff(path: Path | None) -> list[SignOffLine]:
    """The block pre-filled from ``path``, or blank without one."""
    if path is None:
        return blank_signoff()
    where = f"--signoff {path}"
    document = read_yaml(path, where, _TextDates)
    if not isinstance(document, Mapping):
        raise InputError(f"{where}: expected a mapping with format and prepared_by, ...")
    unknown = sorted(set(map(str, document)) - {"format", *(d for d, _ in DUTIES)})
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if document.get("format") != FORMAT:
        raise InputError(f"{where}: format must be {FORMAT!r}, not {document.get('format')!r}")
    return [_line(where, duty, label, document.get(duty)) for duty, label in DUTIES]


def read_yaml(path: Path, where: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> Any:
    """The YAML (or JSON) document of ``path``; ``InputError`` starting with ``where``."""
    try:
        return yaml.load(path.read_text("utf-8"), Loader=loader)  # a SafeLoader (subclass)
    except OSError as exc:
        raise InputError(f"{where}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"{where}: not YAML or JSON: {exc}") from exc


def _line(where: str, duty: str, label: str, entry: Any) -> SignOffLine:
    if entry is None:
        return SignOffLine(duty, label)
    if not isinstance(entry, Mapping):
        raise InputError(f"{where}: {duty} must be a mapping of name, role, date")
    unknown = sorted(set(map(str, entry)) - set(FIELDS))
    if unknown:
        raise InputError(f"{where}: {duty}: unknown key(s) {', '.join(unknown)}")
    values = {key: _text(where, f"{duty}.{key}", entry.get(key)) for key in FIELDS}
    if values["date"] and not _valid_date(values["date"]):
        raise InputError(f"{where}: {duty}.date must be a date YYYY-MM-DD, not {values['date']!r}")
    return SignOffLine(duty, label, **values)


def _text(where: str, field: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: {field} must be text, not {type(value).__name__}")
    text = value.strip()
    if len(text) > _MAX_TEXT or any(ord(c) < 32 for c in text):
        raise InputError(f"{where}: {field} must be one line of at most {_MAX_TEXT} characters")
    return text


def _valid_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
