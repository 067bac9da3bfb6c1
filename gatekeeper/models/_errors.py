"""Turn pydantic validation errors into short messages naming the field path."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError

_TYPE_WORDS = {
    "float_type": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "string_type": "a string",
    "list_type": "an array",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
}


def json_type(value: Any) -> str:
    """The JSON name of a Python value's type (``string``, ``number``, ``array``...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def format_path(loc: Sequence[int | str]) -> str:
    """``("canary", "error_rate", 2)`` -> ``canary.error_rate[2]``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(input)"


def _show(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    try:
        text = json.dumps(value, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def describe_error(error: Any) -> str:
    """One pydantic error as ``path: what is wrong (got VALUE)``."""
    path = format_path(error.get("loc", ()))
    kind = error.get("type", "")
    value = error.get("input")
    if kind == "missing":
        return f"{path}: required field is missing"
    if kind == "extra_forbidden":
        return f"{path}: unknown field"
    if kind in _TYPE_WORDS:
        return f"{path}: must be {_TYPE_WORDS[kind]}, got {json_type(value)} {_show(value)}"
    if kind == "finite_number":
        return f"{path}: must be a finite number, got {_show(value)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{path}: must be one of {expected}, got {_show(value)}"
    message = str(error.get("msg", "invalid"))
    return f"{path}: {message} (got {_show(value)})"


def describe_errors(exc: ValidationError, prefix: Sequence[int | str] = ()) -> str:
    """Every error of ``exc``, ``; ``-separated, each naming its field path."""
    parts = []
    for error in exc.errors(include_url=False):
        details: dict[str, Any] = dict(error)
        details["loc"] = (*prefix, *error["loc"])
        parts.append(describe_error(details))
    return "; ".join(parts)
