"""The policy's own words about each violation code (METADATA ``title``/``description``).

SARIF reports carry them as rule descriptors, so a code-scanning view explains a
finding in the same words as the audit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from gatekeeper._policy_files import PolicySet
from gatekeeper.reports import RuleDoc

if TYPE_CHECKING:
    from gatekeeper.audit._source import Rule


def rule_docs(policy: PolicySet, gate: str) -> dict[str, RuleDoc]:
    """Every code named by a rule's ``custom.code``/``custom.codes``, with its title.

    Several gates use one code (``MISSING_EVIDENCE``): the rules of ``gate``'s own
    package come first, shared ones fill the gaps. A policy whose METADATA cannot be
    read gives no titles (the report then names the codes only), never a failure:
    the decision is already made and logged.
    """
    import yaml

    from gatekeeper._exceptions import GatekeeperError
    from gatekeeper.audit._source import collect_rules

    try:
        rule_set = collect_rules(policy.root, policy.modules)
    except (
        GatekeeperError,
        ValueError,
        yaml.YAMLError,
    ):  # documentation only: the codes still stand
        return {}
    own = f"gatekeeper.{gate}"

    def order(rule: Rule) -> tuple[bool, str]:
        in_gate = rule.package == own or rule.package.startswith(own + ".")
        return (not in_gate, rule.rule_id)

    titles = _checklist_titles(policy.data) if gate == "promotion" else {}
    docs: dict[str, RuleDoc] = {}
    for rule in sorted(rule_set.rules.values(), key=order):
        annotation = rule.annotation or {}
        for code in rule.codes:
            if code in docs:
                continue
            docs[code] = RuleDoc(
                code=code,
                title=titles.get(code) or str(annotation.get("title") or code),
                description=" ".join(str(annotation.get("description") or "").split()),
            )
    return docs


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
