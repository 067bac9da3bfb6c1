"""What the policy adds to an input schema: the fields a decision needs in practice and
the thresholds in force.

An input model marks every evidence field optional (absence is judged by the policy:
``MISSING_EVIDENCE``), so the JSON Schema alone says nothing is required. The policy
data says which fields each check reads (the promotion checklist's ``field``, a
rollout check's ``evidence``) and the thresholds it compares them with; ``gatekeeper
schema`` shows both (docs/cli.md, ``schema``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gatekeeper.policy._files import PolicySet

REQUIRED_KEY = "x-required-in-practice"
DEFAULTS_KEY = "x-policy-thresholds"


def _profiles(policy: PolicySet) -> Mapping[str, Any]:
    profiles = policy.data.get("gatekeeper", {}).get("profiles", {})
    return profiles if isinstance(profiles, Mapping) else {}


def promotion_notes(policy: PolicySet) -> dict[str, Any]:
    """The checklist's fields and the default profile's thresholds."""
    profile = _profiles(policy).get("promotion", {}).get("default", {})
    fields = sorted(
        {str(item["field"]) for item in profile.get("checklist", []) if item.get("field")}
    )
    return {REQUIRED_KEY: fields, DEFAULTS_KEY: dict(profile.get("thresholds", {}))}


def rollout_notes(policy: PolicySet, profile: str) -> dict[str, Any]:
    """The evidence every check of ``profile`` reads, and each check's limit."""
    data = _profiles(policy).get("rollout", {}).get(profile, {})
    fields = set(data.get("evidence") or {})
    limits: dict[str, Any] = {}
    for name, check in sorted((data.get("checks") or {}).items()):
        fields |= set(check.get("evidence") or {})
        if isinstance(check.get("limit"), Mapping):
            limits[name] = dict(check["limit"])
    return {REQUIRED_KEY: sorted(fields), DEFAULTS_KEY: limits}


def annotate(schema: dict[str, Any], notes: Mapping[str, Any]) -> dict[str, Any]:
    """``schema`` with ``notes`` at its top and each required field marked where found."""
    for field in notes.get(REQUIRED_KEY, ()):
        target = _property(schema, schema, field.split("."))
        if target is not None:
            target[REQUIRED_KEY] = True
    return {**schema, **notes}


def _property(root: dict[str, Any], node: Any, parts: list[str]) -> dict[str, Any] | None:
    while isinstance(node, dict) and "$ref" in node:
        node = root.get("$defs", {}).get(str(node["$ref"]).rsplit("/", 1)[-1])
    if not parts:
        return node if isinstance(node, dict) else None
    properties = node.get("properties") if isinstance(node, dict) else None
    if not isinstance(properties, dict) or parts[0] not in properties:
        return None
    return _property(root, properties[parts[0]], parts[1:])
