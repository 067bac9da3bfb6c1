"""Names fixed by the contract (README, The decision), shared by engines, models and the CLI."""

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

GATES = ("promotion", "rollout", "approval")
"""The three gates (README, "Gates and rules")."""

ROLLOUT_PROFILE_NAMES = (
    "decision-matrix",
    "gray-scale",
    "environment",
    "model-registry",
    "blue-green",
    "sequential",
)
"""The rollout profiles, each with its own input model and rule set."""

DEFAULT_ROLLOUT_PROFILE = "decision-matrix"
"""The rule set a rollout input is decided with when the caller names none."""
