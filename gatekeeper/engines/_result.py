"""Check that what an engine returned is a decision object, before anyone reads it.

Every engine funnels its raw answer through :func:`require_decision`, so an
undefined result, a string, or an object missing a decision key is an
:class:`EngineError` naming the engine and what was wrong - never a decision.
"""

from __future__ import annotations

from typing import Any

from gatekeeper.models._contract import DECISION_KEYS
from gatekeeper.models._errors import json_type
from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._files import ENTRYPOINT_QUERY

_KEY_TYPES: tuple[tuple[str, type, str], ...] = (
    ("allow", bool, "a boolean"),
    ("action", str, "a string"),
    *((key, list, "an array") for key in ("violations", "warnings", "authority")),
)
"""Each decision key whose type is checked: the type, and its name in the message."""


def undefined_decision(engine: str, hint: str = "") -> EngineError:
    """The error for a query that gave no result at all."""
    detail = f" ({hint})" if hint else ""
    return EngineError(
        f"{engine}: undefined decision: {ENTRYPOINT_QUERY} gave no result{detail}; "
        "no decision was made"
    )


def require_decision(engine: str, value: Any) -> dict[str, Any]:
    """Return ``value`` if it is a decision object, else raise ``EngineError``."""
    if not isinstance(value, dict):
        raise EngineError(
            f"{engine}: result of the wrong type: {ENTRYPOINT_QUERY} returned "
            f"{_json_type(value)} {_preview(value)}, expected a decision object"
        )
    missing = [key for key in DECISION_KEYS if key not in value]
    if missing:
        raise EngineError(
            f"{engine}: result of the wrong type: the decision object lacks {', '.join(missing)}"
        )
    for key, kind, expected in _KEY_TYPES:
        if not isinstance(value[key], kind):
            raise EngineError(
                f"{engine}: result of the wrong type: {key} is {_json_type(value[key])}, "
                f"expected {expected}"
            )
    return value


def _json_type(value: Any) -> str:
    """``a number``, ``an array``, ``null``: a JSON type with its article."""
    name = json_type(value)
    return name if name == "null" else f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _preview(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
