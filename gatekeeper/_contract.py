"""Names fixed by the decision contract (SPEC section 5), shared by engines and models."""

from __future__ import annotations

DECISION_KEYS = (
    "gate",
    "allow",
    "action",
    "violations",
    "warnings",
    "authority",
    "decision_window_minutes",
    "default_action",
)
