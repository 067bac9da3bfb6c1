"""The requirements catalogue: what each rule implements, in words an outsider can resolve.

A rule names requirement ids in its METADATA (``custom.requirements``), a rollout check
or promotion checklist row in its profile data (``requirements``). The catalogue, a YAML
or JSON file the organisation owns (shipped: ``requirements.yaml`` beside this module;
format in docs/audit.md, "Requirements"), gives each id a title, the source document
and the section it comes from. It is validated strictly: an unknown key, a missing or
empty field, an unknown kind or a duplicate id refuses the file, naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gatekeeper.models._exceptions import InputError

FORMAT = "gatekeeper-requirements/1"
SHIPPED = Path(__file__).with_name("requirements.yaml")
SHIPPED_ORIGIN = "shipped requirements catalogue (gatekeeper/audit/requirements.yaml)"
KINDS = ("source-document", "product-decision")
_TOP_KEYS = ("format", "requirements")
_REQUIRED = ("id", "title", "kind", "source", "section")
_OPTIONAL = ("text",)
_ID = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")


@dataclass(frozen=True)
class Requirement:
    """One requirement: its id, title, kind, source document and section."""

    id: str
    title: str
    kind: str
    source: str
    section: str
    text: str = ""

    @property
    def reference(self) -> str:
        """Where to read it: ``docs/x.md#anchor`` for a product decision, else the document
        and its section."""
        if self.kind == "product-decision":
            return f"{self.source}#{anchor(self.section.rsplit(' > ', 1)[-1])}"
        return f"{self.source}, {self.section}"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form (``resolved`` true)."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "source": self.source,
            "section": self.section,
            "reference": self.reference,
            "text": self.text or None,
            "resolved": True,
        }


def anchor(heading: str) -> str:
    """The Markdown anchor of a heading as GitHub renders it: ``Hold until judged`` ->
    ``hold-until-judged``."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def unresolved(requirement_id: str) -> dict[str, Any]:
    """The JSON form of an id the catalogue does not hold."""
    return {"id": requirement_id, "title": None, "resolved": False}


def cited_ids(annotation: Mapping[str, Any] | None) -> list[str]:
    """The ids of ``custom.requirements`` (a list, or one id) of a METADATA annotation."""
    custom = (annotation or {}).get("custom") or {}
    return ids_of(custom.get("requirements") if isinstance(custom, Mapping) else None)


def ids_of(value: Any) -> list[str]:
    """A ``requirements`` value (list of ids, or one id) as a list of ids."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


@dataclass(frozen=True)
class Catalogue:
    """The requirements by id, and the file they were read from."""

    origin: str
    requirements: dict[str, Requirement]

    def describe(self, requirement_id: str) -> dict[str, Any]:
        """The JSON form of one id: resolved, or marked ``resolved: false``."""
        found = self.requirements.get(requirement_id)
        return found.to_json() if found else unresolved(requirement_id)

    def missing(self, ids: Iterable[str]) -> list[str]:
        """The ids the catalogue does not hold."""
        return [i for i in ids if i not in self.requirements]


class _StrictLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise InputError(f"key {key!r} is given twice (line {key_node.start_mark.line + 1})")
        seen.add(key)
    return dict(loader.construct_mapping(node))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _entry(origin: str, number: int, raw: Any) -> Requirement:
    where = f"{origin}: requirements[{number}]"
    if not isinstance(raw, Mapping):
        raise InputError(f"{where}: an entry must be a mapping of {', '.join(_REQUIRED)}")
    if isinstance(raw.get("id"), str):
        where = f"{where} ({raw['id']})"
    unknown = sorted(str(k) for k in raw if k not in (*_REQUIRED, *_OPTIONAL))
    if unknown:
        allowed = ", ".join((*_REQUIRED, *_OPTIONAL))
        raise InputError(f"{where}: unknown key {unknown[0]!r} (allowed: {allowed})")
    for key in (*_REQUIRED, *_OPTIONAL):
        value = raw.get(key)
        if key in _REQUIRED and (not isinstance(value, str) or not value.strip()):
            raise InputError(f"{where}: {key!r} must be a non-empty string")
        if key in _OPTIONAL and value is not None and not isinstance(value, str):
            raise InputError(f"{where}: {key!r} must be a string")
    if not _ID.fullmatch(raw["id"]):
        raise InputError(f"{where}: 'id' must look like ROLL-MATRIX-01 (got {raw['id']!r})")
    if raw["kind"] not in KINDS:
        raise InputError(f"{where}: 'kind' must be one of {', '.join(KINDS)} (got {raw['kind']!r})")
    return Requirement(**{k: str(raw.get(k) or "") for k in (*_REQUIRED, *_OPTIONAL)})


def parse_catalogue(text: str, origin: str) -> Catalogue:
    """Validate a catalogue's text (YAML or JSON) into a :class:`Catalogue`."""
    try:
        document = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"{origin}: not YAML or JSON: {exc}") from exc
    if not isinstance(document, Mapping):
        raise InputError(f"{origin}: a catalogue is a mapping with {', '.join(_TOP_KEYS)}")
    unknown = sorted(str(k) for k in document if k not in _TOP_KEYS)
    if unknown:
        raise InputError(f"{origin}: unknown key {unknown[0]!r} (allowed: {', '.join(_TOP_KEYS)})")
    if document.get("format") != FORMAT:
        raise InputError(f"{origin}: 'format' must be {FORMAT!r} (got {document.get('format')!r})")
    entries = document.get("requirements")
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{origin}: 'requirements' must be a non-empty list")
    found: dict[str, Requirement] = {}
    for number, raw in enumerate(entries):
        requirement = _entry(origin, number, raw)
        if requirement.id in found:  # every entry before this one is in found, in order
            raise InputError(
                f"{origin}: duplicate requirement id {requirement.id!r} "
                f"(requirements[{list(found).index(requirement.id)}] and requirements[{number}])"
            )
        found[requirement.id] = requirement
    return Catalogue(origin, found)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The organisation's catalogue at ``path``, or the shipped one."""
    source = path or SHIPPED
    try:
        text = Path(source).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"--requirements {source}: cannot read: {exc}") from exc
    return parse_catalogue(text, str(path) if path else SHIPPED_ORIGIN)
