"""Strict YAML for gate inputs: one document, JSON values only, no duplicate keys.

PyYAML's safe loader accepts duplicate keys (the last one wins) and turns
``2025-01-02`` into a date; a gate input must mean one thing, so both are refused,
as is anything JSON could not hold. The result is the same object a JSON file
with the same content gives.
"""

from __future__ import annotations

from typing import Any

import yaml

from gatekeeper.models._errors import format_path
from gatekeeper.models._exceptions import InputError


class _StrictLoader(yaml.SafeLoader):
    """Safe loader that refuses duplicate mapping keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            line = key_node.start_mark.line + 1
            raise InputError(f"duplicate key {key!r} (line {line})")
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _json_only(value: Any, loc: tuple[int | str, ...] = ()) -> None:
    if value is None or isinstance(value, bool | int | float | str):
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            _json_only(item, (*loc, index))
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InputError(f"{format_path(loc)}: key {key!r} must be a string")
            _json_only(item, (*loc, key))
        return
    raise InputError(
        f"{format_path(loc)}: a YAML {type(value).__name__} is not a JSON value (quote it)"
    )


def parse_yaml(text: str, source: str) -> Any:
    """Parse one YAML document into JSON values; ``InputError`` naming ``source`` otherwise."""
    try:
        documents = list(yaml.load_all(text, Loader=_StrictLoader))
    except InputError as exc:
        raise InputError(f"{source}: not valid YAML: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{source}: not valid YAML{where}: {problem}") from exc
    if len(documents) != 1:
        raise InputError(f"{source}: a YAML input holds one document, found {len(documents)}")
    try:
        _json_only(documents[0])
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from exc
    return documents[0]
