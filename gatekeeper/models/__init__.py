"""Typed models: the three gates' inputs and the decision object (SPEC sections 5 and 6)."""

from __future__ import annotations

from gatekeeper._contract import DECISION_KEYS
from gatekeeper.models._approval import ApprovalInput
from gatekeeper.models._decision import (
    ALLOWING_ACTIONS,
    GATE_ACTIONS,
    INVALID_INPUT,
    Decision,
    Violation,
    parse_decision,
)
from gatekeeper.models._errors import format_path
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
