"""An organisation's own thresholds: a policy data layer over the shipped profiles.

``--policy-data DIR`` (or ``$GATEKEEPER_POLICY_DATA``) names a folder laid out like
``rego/gatekeeper/profiles/``: ``DIR/promotion/data.json`` sets values of
``data.gatekeeper.profiles.promotion``, ``DIR/rollout/gray-scale/data.yaml`` those of
the gray-scale profile, and a ``DIR/data.json`` at the top may hold any of them
(``{"promotion": {...}, "rollout": {"gray-scale": {...}}}``). The layer is part of the
rule set: it is merged over the shipped profiles when the policy is read, it changes
the policy revision, and every engine decides with the merged data.

The shipped profiles are the schema of a layer (docs/policy-data.md): a layer may only
set values for keys that exist, with the same JSON type; it may not remove a check or
a setting (``null``, or a list of checks without one of them); a value whose unit is
``percent`` is a fraction from 0 to 1; no number is negative. Anything else is a
``PolicyError`` naming the file and the key (exit 2).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from gatekeeper.models._errors import json_type
from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._documents import merge_documents, read_data_file

POLICY_DATA_ENV = "GATEKEEPER_POLICY_DATA"
LAYER_PATH = ("gatekeeper", "profiles")
"""Where in the data document a layer applies: ``data.gatekeeper.profiles``."""
_DATA_NAMES = ("data.json", "data.yaml", "data.yml")
_FRACTION_UNITS = ("percent",)
_LIMIT_KEYS = ("limit", "floor")


class PolicyLayer(NamedTuple):
    """The files of one layer and the document they hold (relative to the profiles)."""

    root: Path
    files: tuple[Path, ...]
    document: Mapping[str, Any]


def policy_data_dir(explicit: str | os.PathLike[str] | None) -> Path | None:
    """The layer folder in force: ``--policy-data``, ``$GATEKEEPER_POLICY_DATA``, or none."""
    if explicit:
        return Path(explicit)
    configured = os.environ.get(POLICY_DATA_ENV)
    return Path(configured) if configured else None


def read_layer(folder: Path) -> PolicyLayer:
    """Read every data file of the layer folder into one document; stray files are refused."""
    root = folder.resolve()
    if not root.is_dir():
        raise PolicyError(f"--policy-data: folder not found: {folder}")
    files: list[Path] = []
    for base, _folders, names in sorted(os.walk(root)):
        for name in sorted(names):
            path = Path(base) / name
            if name in _DATA_NAMES:
                files.append(path)
            elif name.endswith((".json", ".yaml", ".yml")):
                raise PolicyError(
                    f"--policy-data: {path}: only files named data.json or data.yaml are "
                    "read (put the file in the folder of its profile, e.g. promotion/data.json)"
                )
    if not files:
        raise PolicyError(f"--policy-data: no data.json or data.yaml in {folder}")
    document: dict[str, Any] = {}
    for path in files:
        content = read_data_file(path)
        if not isinstance(content, Mapping):
            raise PolicyError(f"--policy-data: {path}: must hold a JSON object")
        nested: Any = content
        for part in reversed(path.parent.relative_to(root).parts):
            nested = {part: nested}
        merge_documents(document, nested, "profiles")
    return PolicyLayer(root, tuple(files), document)


def apply_layer(profiles: Mapping[str, Any], layer: PolicyLayer) -> dict[str, Any]:
    """The shipped ``profiles`` with ``layer`` merged over them (validated; a fresh copy)."""
    merged = json.loads(json.dumps(profiles))
    _overlay(merged, layer.document, "profiles", layer.root)
    _check_units(merged, profiles, layer.root)
    return dict(merged)


def _overlay(base: dict[str, Any], layer: Mapping[str, Any], where: str, root: Path) -> None:
    for key, value in layer.items():
        path = f"{where}.{key}"
        if key not in base:
            known = ", ".join(sorted(map(str, base))[:20])
            raise PolicyError(
                f"--policy-data {root}: {path}: unknown key (the shipped profiles have no "
                f"such setting; known here: {known})"
            )
        base[key] = _merged_value(base[key], value, path, root)


def _merged_value(shipped: Any, value: Any, path: str, root: Path) -> Any:
    if value is None:
        raise PolicyError(
            f"--policy-data {root}: {path}: null would remove this check or setting; a layer "
            "may change values, never remove them"
        )
    if isinstance(shipped, dict):
        if not isinstance(value, Mapping):
            raise PolicyError(f"--policy-data {root}: {path}: must be an object, as shipped")
        _overlay(shipped, value, path, root)
        return shipped
    if isinstance(shipped, list):
        return _merged_list(shipped, value, path, root)
    if _kind(value) != _kind(shipped):
        raise PolicyError(
            f"--policy-data {root}: {path}: must be a {_kind(shipped)}, as shipped "
            f"({json.dumps(shipped)}), not {json.dumps(value)}"
        )
    if _kind(value) == "number" and value < 0:
        raise PolicyError(f"--policy-data {root}: {path}: must not be negative ({value})")
    return value


def _merged_list(shipped: list[Any], value: Any, path: str, root: Path) -> list[Any]:
    if not isinstance(value, list):
        raise PolicyError(f"--policy-data {root}: {path}: must be a list, as shipped")
    if shipped and all(isinstance(item, Mapping) and "code" in item for item in shipped):
        return _merged_checks(shipped, value, path, root)
    if shipped and isinstance(shipped[0], Mapping):
        if len(value) != len(shipped):
            raise PolicyError(
                f"--policy-data {root}: {path}: must keep all {len(shipped)} entries "
                f"(a layer may change values, never remove or add entries)"
            )
        return [
            _merged_value(s, v, f"{path}[{i}]", root)
            for i, (s, v) in enumerate(zip(shipped, value, strict=True))
        ]
    kinds = {_kind(item) for item in shipped} or {_kind(item) for item in value}
    for index, item in enumerate(value):
        if _kind(item) not in kinds:
            raise PolicyError(
                f"--policy-data {root}: {path}[{index}]: must be a {' or '.join(sorted(kinds))}"
            )
    return list(value)


def _merged_checks(
    shipped: list[dict[str, Any]], value: list[Any], path: str, root: Path
) -> list[dict[str, Any]]:
    """A list of checks (each with a ``code``): entries matched by code, none removed."""
    by_code = {item["code"]: item for item in shipped}
    given: dict[str, Mapping[str, Any]] = {}
    for index, item in enumerate(value):
        if not isinstance(item, Mapping) or not isinstance(item.get("code"), str):
            raise PolicyError(f"--policy-data {root}: {path}[{index}]: needs its check's code")
        if item["code"] not in by_code:
            raise PolicyError(
                f"--policy-data {root}: {path}: unknown check {item['code']} (shipped: "
                f"{', '.join(by_code)})"
            )
        given[item["code"]] = item
    removed = [code for code in by_code if code not in given]
    if removed:
        raise PolicyError(
            f"--policy-data {root}: {path}: would remove the check(s) {', '.join(removed)}; "
            "a layer may change a check's values, never remove it"
        )
    return [
        _merged_value(item, given[item["code"]], f"{path}[{item['code']}]", root)
        for item in shipped
    ]


_KINDS = {"boolean": "boolean", "number": "number", "string": "string", "array": "list"}


def _kind(value: Any) -> str:
    """The type of a data value as a layer's messages name it (a YAML date: ``null``)."""
    return "object" if isinstance(value, Mapping) else _KINDS.get(json_type(value), "null")


def _check_units(merged: Any, shipped: Any, root: Path) -> None:
    """Every fraction (a ``percent`` limit or promotion threshold shipped from 0 to 1) stays
    from 0 to 1: ``95`` for ``0.95`` is a wrong unit."""
    shipped_fractions = {path for path, value in _fractions(shipped, "profiles") if 0 <= value <= 1}
    for path, value in _fractions(merged, "profiles"):
        if path in shipped_fractions and not 0 <= value <= 1:
            raise PolicyError(
                f"--policy-data {root}: {path}: {value:g} is not a fraction from 0 to 1 "
                f"(the unit is percent, written as a fraction: 0.95 means 95%)"
            )


def _fractions(node: Any, where: str) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []
    if isinstance(node, Mapping):
        if node.get("unit") in _FRACTION_UNITS:
            for key in _LIMIT_KEYS:
                found += _numbers(node.get(key), f"{where}.{key}")
        thresholds = node.get("thresholds")
        checklist = node.get("checklist")
        if isinstance(thresholds, Mapping) and isinstance(checklist, list):
            fraction_names = {
                item.get("threshold")
                for item in checklist
                if isinstance(item, Mapping) and item.get("unit") in _FRACTION_UNITS
            }
            for name in sorted(str(n) for n in fraction_names if n in thresholds):
                found += _numbers(thresholds[name], f"{where}.thresholds.{name}")
        for key, value in node.items():
            found += _fractions(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _fractions(item, f"{where}[{index}]")
    return found


def _numbers(node: Any, where: str) -> list[tuple[str, float]]:
    if _kind(node) == "number":
        return [(where, float(node))]
    if isinstance(node, Mapping):
        return [pair for key, value in node.items() for pair in _numbers(value, f"{where}.{key}")]
    return []


def layer_paths(layer: PolicyLayer, files: Sequence[Path], policy_root: Path) -> list[Path]:
    """The policy data files under ``data.gatekeeper.profiles`` whose document the layer changes."""
    profiles = policy_root.joinpath(*LAYER_PATH)
    touched: list[Path] = []
    for path in files:
        try:
            parts = path.parent.relative_to(profiles).parts
        except ValueError:
            continue
        node: Any = layer.document
        for part in parts:
            node = node.get(part) if isinstance(node, Mapping) else None
        if node is not None:
            touched.append(path)
    return touched
