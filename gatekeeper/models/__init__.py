"""Typed models: the three gates' inputs and the decision object (SPEC sections 5 and 6).

The gates' input models are imported on first use (``gatekeeper check`` on a
promotion input never builds the rollout or approval models).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gatekeeper._contract import DECISION_KEYS
from gatekeeper.models._decision import (
    ALLOWING_ACTIONS,
    GATE_ACTIONS,
    INVALID_INPUT,
    Decision,
    Violation,
    parse_decision,
)
from gatekeeper.models._errors import format_path
from gatekeeper.models._types import InputModel
from gatekeeper.models._validate import (
    GATES,
    CheckedInput,
    input_model,
    input_schema,
    resolve_gate,
    resolve_profile,
    validate_input,
)

if TYPE_CHECKING:
    from gatekeeper.models._approval import ApprovalInput
    from gatekeeper.models._promotion import PromotionInput
    from gatekeeper.models._rollout import (
        DEFAULT_ROLLOUT_PROFILE,
        ROLLOUT_PROFILES,
        BlueGreenRollout,
        DecisionMatrixRollout,
        EnvironmentRollout,
        GrayScaleRollout,
        ModelRegistryRollout,
        RolloutBase,
    )

_LAZY = {
    "ApprovalInput": "gatekeeper.models._approval",
    "PromotionInput": "gatekeeper.models._promotion",
    "DEFAULT_ROLLOUT_PROFILE": "gatekeeper.models._rollout",
    "ROLLOUT_PROFILES": "gatekeeper.models._rollout",
    "BlueGreenRollout": "gatekeeper.models._rollout",
    "DecisionMatrixRollout": "gatekeeper.models._rollout",
    "EnvironmentRollout": "gatekeeper.models._rollout",
    "GrayScaleRollout": "gatekeeper.models._rollout",
    "ModelRegistryRollout": "gatekeeper.models._rollout",
    "RolloutBase": "gatekeeper.models._rollout",
}


def __getattr__(name: str) -> Any:
    """Import a gate's models when one of them is first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "ALLOWING_ACTIONS",
    "DECISION_KEYS",
    "DEFAULT_ROLLOUT_PROFILE",
    "GATES",
    "GATE_ACTIONS",
    "INVALID_INPUT",
    "ROLLOUT_PROFILES",
    "ApprovalInput",
    "BlueGreenRollout",
    "CheckedInput",
    "Decision",
    "DecisionMatrixRollout",
    "EnvironmentRollout",
    "GrayScaleRollout",
    "InputModel",
    "ModelRegistryRollout",
    "PromotionInput",
    "RolloutBase",
    "Violation",
    "format_path",
    "input_model",
    "input_schema",
    "parse_decision",
    "resolve_gate",
    "resolve_profile",
    "validate_input",
]
