"""The policy's own words about each violation code (METADATA ``title``/``description``).

SARIF reports carry them as rule descriptors, so a code-scanning view explains a
finding in the same words as the audit. The words come from ``opa inspect
--annotations``: for the shipped policy they are written once at build time
(``python3 -m tools.build_rule_docs``) beside the shipped Wasm; for another policy
folder ``opa inspect`` runs when the ``opa`` binary is there. Without either, a
report names the codes only: the decision is already made and logged, and its
documentation never fails it.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from gatekeeper.models._exceptions import GatekeeperError
from gatekeeper.policy._files import PolicySet, modules_digest
from gatekeeper.reports import RuleDoc

SHIPPED_RULE_DOCS = Path(__file__).resolve().parent / "_compiled" / "rule-docs.json"
"""The shipped policy's rule documentation, written by ``tools.build_rule_docs``."""


def rule_entries(inspected: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The annotated rules of an ``opa inspect -a --format json`` answer that name codes.

    Each entry: ``package`` (dotted, without ``data.``), ``scope`` (``package`` or
    ``rule``), ``codes``, ``title``, ``description`` (whitespace folded); sorted by
    package, then location.
    """
    entries: list[tuple[str, str, int, dict[str, Any]]] = []
    for item in inspected.get("annotations") or ():
        annotation = item.get("annotations") or {}
        custom = annotation.get("custom") or {}
        codes = [str(code) for code in custom.get("codes") or ()]
        if custom.get("code"):
            codes.insert(0, str(custom["code"]))
        if not codes:
            continue
        path = [part.get("value") for part in item.get("path") or ()]
        whole = annotation.get("scope") in ("package", "subpackages")
        package = ".".join(str(p) for p in (path[1:] if whole else path[1:-1]))
        entry = {
            "package": package,
            "scope": "package" if whole else "rule",
            "codes": codes,
            "title": str(annotation.get("title") or ""),
            "description": " ".join(str(annotation.get("description") or "").split()),
        }
        location = item.get("location") or {}
        entries.append((package, str(location.get("file", "")), int(location.get("row", 0)), entry))
    return [entry for *_, entry in sorted(entries, key=lambda e: e[:3])]


def inspect_policy(root: Path, opa_binary: str) -> list[dict[str, Any]]:
    """Run ``opa inspect --annotations`` on a policy folder; its rule entries."""
    command = [opa_binary, "inspect", "--annotations", "--format", "json", str(root)]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GatekeeperError(f"opa inspect: {exc}") from exc
    if completed.returncode != 0:
        raise GatekeeperError(f"opa inspect failed: {completed.stderr.strip()[:500]}")
    return rule_entries(json.loads(completed.stdout))


def rule_docs_document(modules: Mapping[str, str], entries: Sequence[Mapping[str, Any]]) -> str:
    """The shipped file's text: the modules it documents (by digest) and their rules."""
    document = {"modules_sha256": modules_digest(modules), "rules": list(entries)}
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _entries_for(policy: PolicySet) -> list[dict[str, Any]]:
    try:
        shipped = json.loads(SHIPPED_RULE_DOCS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        shipped = None
    if isinstance(shipped, dict) and shipped.get("modules_sha256") == modules_digest(
        policy.modules
    ):
        return list(shipped.get("rules") or ())
    from gatekeeper.policy._opa_tool import find_opa_binary

    try:
        return inspect_policy(policy.root, find_opa_binary())
    except (GatekeeperError, ValueError):
        return []


def rule_docs(policy: PolicySet, gate: str) -> dict[str, RuleDoc]:
    """Every code named by a rule's ``custom.code``/``custom.codes``, with its title.

    Several gates use one code (``MISSING_EVIDENCE``): the rules of ``gate``'s own
    package come first, shared ones fill the gaps. The most specific words win: a
    rule about that code alone, then a package's, then a rule about several codes.
    """
    own = f"gatekeeper.{gate}"

    def rank(entry: Mapping[str, Any]) -> tuple[bool, int]:
        package = str(entry.get("package", ""))
        in_gate = package == own or package.startswith(own + ".")
        if len(entry.get("codes") or ()) == 1:
            return (not in_gate, 0)
        return (not in_gate, 1 if entry.get("scope") == "package" else 2)

    titles = _checklist_titles(policy.data) if gate == "promotion" else {}
    fields = _fields(_profiles(policy.data).get(gate))
    docs: dict[str, RuleDoc] = {}
    for entry in sorted(_entries_for(policy), key=rank):  # stable: file order within a rank
        for code in entry.get("codes") or ():
            if code not in docs:
                docs[code] = RuleDoc(
                    code=code,
                    title=titles.get(code) or str(entry.get("title") or code),
                    description=str(entry.get("description") or ""),
                    field=fields.get(code, ""),
                )
    return docs


def _profiles(data: Mapping[str, Any]) -> Mapping[str, Any]:
    gatekeeper = data.get("gatekeeper")
    profiles = gatekeeper.get("profiles") if isinstance(gatekeeper, Mapping) else None
    return profiles if isinstance(profiles, Mapping) else {}


def _fields(node: Any, found: dict[str, str] | None = None) -> dict[str, str]:
    """Code -> the input field its check reads: every ``{"code", "field"}`` in the data."""
    found = {} if found is None else found
    if isinstance(node, Mapping):
        code, field = node.get("code"), node.get("field")
        if isinstance(code, str) and isinstance(field, str):
            found.setdefault(code, field)
        for key in sorted(node):
            _fields(node[key], found)
    elif isinstance(node, list):
        for item in node:
            _fields(item, found)
    return found


def _checklist_titles(data: Mapping[str, Any]) -> dict[str, str]:
    """Code -> title of the promotion checklist rows (one rule judges many rows)."""
    gatekeeper = data.get("gatekeeper")
    profiles = gatekeeper.get("profiles") if isinstance(gatekeeper, Mapping) else None
    promotion = profiles.get("promotion") if isinstance(profiles, Mapping) else None
    titles: dict[str, str] = {}
    for name in sorted(promotion or {}):
        spec = promotion[name] if isinstance(promotion, Mapping) else None
        rows = spec.get("checklist") if isinstance(spec, Mapping) else None
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, Mapping) and row.get("title"):
                titles.setdefault(str(row.get("code")), str(row["title"]))
    return titles
