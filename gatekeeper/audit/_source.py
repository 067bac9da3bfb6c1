"""Read the rules of a policy folder and their METADATA blocks.

Rules are found by scanning the modules as text: ``opa fmt`` puts every rule head
at column 0 and indents bodies, so a line at column 0 that is not a comment, a
``package``/``import`` line or a closing bracket starts a rule. The text of a rule
runs to the next such line; the audit reads thresholds from that text.

Annotations come from ``opa inspect --annotations`` when the ``opa`` binary is
present (OPA's own METADATA parser), and otherwise from parsing the ``# METADATA``
comment block above a package or rule with YAML, so the audit also works on an
install with only the embedded engine. ``metadata_source`` names which one ran.
As in Regal's ``missing-metadata`` rule, a rule counts as documented when any of its
definitions (same package and name) carries an annotation; rules whose name starts
with ``_`` are private helpers and need none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gatekeeper.audit._process import run_tool
from gatekeeper.models._exceptions import PolicyError

_HEAD = re.compile(r"^(?:default\s+)?([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(\s*\()?")
_NOT_HEADS = ("package", "import")
_PACKAGE = re.compile(r"^package\s+([\w.\[\]\"-]+)")


@dataclass(frozen=True)
class RuleDefinition:
    """One definition of a rule or function in one module."""

    package: str
    name: str
    file: str
    line: int
    end_line: int
    is_function: bool
    text: str


@dataclass
class Rule:
    """A rule (all definitions of one name in one package) and its documentation."""

    package: str
    name: str
    definitions: list[RuleDefinition] = field(default_factory=list)
    annotation: dict[str, Any] | None = None
    unit_id: str = ""

    @property
    def rule_id(self) -> str:
        """``gatekeeper.rollout.decision``, with ``[CODES]`` when the path has several units."""
        return self.unit_id or f"{self.package}.{self.name}"

    @property
    def title_or_line(self) -> str:
        """The METADATA title, or the line of the first definition."""
        title = (self.annotation or {}).get("title")
        return str(title) if title else str(self.definitions[0].line)

    @property
    def is_private(self) -> bool:
        """Whether the rule is a private helper (a name part starting with ``_``)."""
        return any(part.startswith("_") for part in self.name.split("."))

    @property
    def is_function(self) -> bool:
        """Whether the rule takes arguments."""
        return any(d.is_function for d in self.definitions)

    @property
    def codes(self) -> list[str]:
        """The violation codes named by ``custom.code`` / ``custom.codes``."""
        return _codes(self.annotation)


@dataclass
class Package:
    """A package, the modules that declare it and its package-scoped annotation."""

    name: str
    files: list[str] = field(default_factory=list)
    annotation: dict[str, Any] | None = None


@dataclass
class RuleSet:
    """Every package and rule of a policy folder (test modules excluded)."""

    packages: dict[str, Package]
    rules: dict[str, Rule]
    metadata_source: str


def _codes(annotation: Mapping[str, Any] | None) -> list[str]:
    if not annotation:
        return []
    custom = annotation.get("custom") or {}
    codes: list[str] = []
    for key in ("code", "codes"):
        value = custom.get(key)
        if isinstance(value, str):
            codes.append(value)
        elif isinstance(value, list):
            codes.extend(str(v) for v in value)
    return codes


def scan_module(
    relative: str, source: str
) -> tuple[str, list[tuple[int, dict[str, Any]]], list[RuleDefinition]]:
    """The package of a module, its METADATA blocks (row, parsed) and its rule definitions."""
    lines = source.splitlines()
    package = ""
    heads: list[tuple[int, str, bool]] = []
    for index, line in enumerate(lines):
        if not line or line[0] in " \t#}])" or line.startswith(_NOT_HEADS):
            match = _PACKAGE.match(line)
            if match:
                package = match.group(1)
                heads.append((index, "", False))
            continue
        match = _HEAD.match(line)
        if match:
            heads.append((index, match.group(1), bool(match.group(2))))
    if not package:
        raise PolicyError(f"{relative}: no package declaration")
    definitions: list[RuleDefinition] = []
    blocks: list[tuple[int, dict[str, Any]]] = []
    for position, (index, name, is_function) in enumerate(heads):
        annotation = _metadata_above(lines, index, relative)
        if annotation is not None:
            blocks.append((index + 1, annotation))
        if not name:
            continue
        stop = heads[position + 1][0] if position + 1 < len(heads) else len(lines)
        end = stop
        while end > index + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        definitions.append(
            RuleDefinition(
                package=package,
                name=name,
                file=relative,
                line=index + 1,
                end_line=end,
                is_function=is_function,
                text="\n".join(lines[index:end]),
            )
        )
    return package, blocks, definitions


def _metadata_above(lines: list[str], index: int, relative: str) -> dict[str, Any] | None:
    """The parsed ``# METADATA`` block directly above line ``index``, if any."""
    start = index
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    block = lines[start:index]
    for offset, line in enumerate(block):
        if line.strip() == "# METADATA":
            body = "\n".join(_uncomment(text) for text in block[offset + 1 :])
            try:
                parsed = yaml.safe_load(body) if body.strip() else {}
            except yaml.YAMLError as exc:
                raise PolicyError(f"{relative}:{index + 1}: METADATA is not YAML: {exc}") from exc
            if not isinstance(parsed, dict):
                raise PolicyError(f"{relative}:{index + 1}: METADATA is not a YAML mapping")
            return parsed
    return None


def _uncomment(line: str) -> str:
    text = line[1:]
    return text[1:] if text.startswith(" ") else text


def opa_annotations(root: Path, opa_binary: str) -> dict[tuple[str, int], dict[str, Any]]:
    """``(relative file, row) -> annotation`` as ``opa inspect --annotations`` reads them."""
    command = [opa_binary, "inspect", "--annotations", "-f", "json", "."]
    completed = run_tool(command, "opa inspect", cwd=root, timeout=120)
    if completed.returncode != 0:
        raise PolicyError(f"opa inspect failed: {completed.stderr.strip()[:2000]}")
    report = json.loads(completed.stdout or "{}")
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for entry in report.get("annotations") or []:
        location = entry.get("location") or {}
        relative = Path(str(location.get("file", ""))).as_posix().removeprefix("./")
        annotation = _clean(dict(entry.get("annotations") or {}))
        found[(relative, int(location.get("row", 0)))] = annotation
    return found


def collect_rules(root: Path, modules: Mapping[str, str], opa_binary: str | None = None) -> RuleSet:
    """Scan ``modules`` (relative path -> source, no tests) into packages and rules.

    A rule here is one documented unit: a definition with its own METADATA block plus
    the definitions of the same name that follow it in the same file without one
    (``else``-like alternatives). Incremental rules (``violations contains ...``) spread
    over files with one block each are therefore one rule per block. When a rule path
    has several units their ids carry their codes (or file) in brackets.
    """
    packages: dict[str, Package] = {}
    scanned: list[tuple[str, list[RuleDefinition]]] = []
    by_row: dict[tuple[str, int], dict[str, Any]] = {}
    package_rows: dict[str, list[tuple[str, int]]] = {}
    for relative in sorted(modules):
        package, blocks, definitions = scan_module(relative, modules[relative])
        for line, annotation in blocks:
            by_row[(relative, line)] = _clean(annotation)
        packages.setdefault(package, Package(package)).files.append(relative)
        package_rows.setdefault(package, []).append((relative, _package_row(modules[relative])))
        scanned.append((relative, definitions))
    source = "python-yaml"
    if opa_binary:
        by_row = opa_annotations(root, opa_binary)
        source = "opa-inspect"
    for name, rows in package_rows.items():
        for where in rows:
            if where in by_row:
                packages[name].annotation = by_row[where]
                break
    units: list[Rule] = []
    for _relative, definitions in scanned:
        current: dict[str, Rule] = {}
        for definition in definitions:
            found = by_row.get((definition.file, definition.line))
            unit = current.get(definition.name)
            if unit is None or found is not None:
                unit = Rule(definition.package, definition.name, annotation=found)
                current[definition.name] = unit
                units.append(unit)
            unit.definitions.append(definition)
    return RuleSet(packages=packages, rules=_name_units(units), metadata_source=source)


def _name_units(units: list[Rule]) -> dict[str, Rule]:
    by_path: dict[str, list[Rule]] = {}
    for unit in units:
        by_path.setdefault(f"{unit.package}.{unit.name}", []).append(unit)
    named: dict[str, Rule] = {}
    for path, group in by_path.items():
        labels = [",".join(unit.codes) for unit in group]
        for unit, codes in zip(group, labels, strict=True):
            rule_id = path
            if len(group) > 1:
                first = unit.definitions[0]
                where = f"{Path(first.file).name}:{unit.title_or_line}"
                # Units sharing their codes (four INVALID_INPUT checks) are told apart by
                # file and title, so every id names its unit and stays readable.
                label = codes if codes and labels.count(codes) == 1 else where
                if codes and label != codes:
                    label = f"{codes} {where}"
                rule_id = f"{path}[{label}]"
            if rule_id in named:  # same codes, file and title: the line tells them apart
                first = unit.definitions[0]
                rule_id = f"{rule_id}@{first.file}:{first.line}"
            unit.unit_id = rule_id
            named[rule_id] = unit
    return named


def _package_row(source: str) -> int:
    for index, line in enumerate(source.splitlines()):
        if _PACKAGE.match(line):
            return index + 1
    return 0


def _clean(annotation: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(annotation)
    if cleaned.get("scope") in ("rule", "package"):
        cleaned.pop("scope")
    return cleaned
