"""Plain-language phrases of the feature files, turned into the codes the policy uses.

Feature text says "auto rollback", "the QA DRI and the Sprint DRI", "0.7%" or
"gate failure"; the decision object says ``auto_rollback``, ``["QA DRI", "Sprint
DRI"]``, ``0.007`` and ``gate_failure``. Every such translation lives here, so the
steps stay thin and the feature text stays free of code.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

_NUMBER = r"-?\d+(?:\.\d+)?"


def parse_percent(text: str) -> float:
    """``"0.7%"`` -> ``0.007``, computed in decimal so ``0.5%`` is exactly ``0.005``."""
    return float(Decimal(text[:-1]) / 100)


def parse_number(text: str) -> float | int:
    """A plain decimal number; integers stay integers."""
    return int(text) if re.fullmatch(r"-?\d+", text) else float(Decimal(text))


def parse_word(text: str) -> str:
    """One word without spaces or quotes (a code, a field path, an identity)."""
    return text


# parse's custom types carry their regular expression in a ``pattern`` attribute.
setattr(parse_percent, "pattern", _NUMBER + r"%")  # noqa: B010
setattr(parse_number, "pattern", _NUMBER)  # noqa: B010
setattr(parse_word, "pattern", r"[^\s\"]+")  # noqa: B010

EXTRA_TYPES: dict[str, Any] = {
    "Percent": parse_percent,
    "Number": parse_number,
    "Word": parse_word,
}


def code_of(phrase: str) -> str:
    """A plain-language name as a policy code: ``"auto rollback"`` -> ``auto_rollback``."""
    return re.sub(r"[^a-z0-9]+", "_", phrase.strip().lower()).strip("_")


def split_list(phrase: str) -> list[str]:
    """``"A, B and C"`` -> ``["A", "B", "C"]``; a leading ``the`` is dropped from each item."""
    items = re.split(r"\s*,\s*|\s+and\s+", phrase.strip())
    return [re.sub(r"^the\s+", "", item).strip() for item in items if item.strip()]


def roles_of(phrase: str) -> list[str]:
    """``"the QA DRI and the Sprint DRI"`` -> ``["QA DRI", "Sprint DRI"]``; ``"no one"`` -> []."""
    if phrase.strip().lower() in ("no one", "nobody"):
        return []
    return split_list(phrase)
