"""The contract: the gates' inputs, the decision object, the names and exit codes it fixes,
and the error tree (``_exceptions``) every stage raises.

Every name is imported on first use, so a module that needs only the error tree
(``--version``, ``log``) loads none of the rest, and ``gatekeeper check`` on a
valid input checks it against the shipped schema and builds no pydantic model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gatekeeper.models._approval import ApprovalInput
    from gatekeeper.models._contract import (
        DECISION_KEYS,
        DEFAULT_ROLLOUT_PROFILE,
        GATES,
        ROLLOUT_PROFILE_NAMES,
    )
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
        ROLLOUT_PROFILES,
        BlueGreenRollout,
        DecisionMatrixRollout,
        EnvironmentRollout,
        GrayScaleRollout,
        ModelRegistryRollout,
        RolloutBase,
        SequentialRollout,
    )
    from gatekeeper.models._schema import input_schema
    from gatekeeper.models._types import InputModel
    from gatekeeper.models._validate import (
        CheckedInput,
        input_model,
        resolve_gate,
        resolve_profile,
        schema_id,
        validate_input,
    )

_LAZY = {
    "DECISION_KEYS": "gatekeeper.models._contract",
    "DEFAULT_ROLLOUT_PROFILE": "gatekeeper.models._contract",
    "GATES": "gatekeeper.models._contract",
    "ROLLOUT_PROFILE_NAMES": "gatekeeper.models._contract",
    "ALLOWING_ACTIONS": "gatekeeper.models._decision",
    "GATE_ACTIONS": "gatekeeper.models._decision",
    "INVALID_INPUT": "gatekeeper.models._decision",
    "Decision": "gatekeeper.models._decision",
    "Violation": "gatekeeper.models._decision",
    "parse_decision": "gatekeeper.models._decision",
    "format_path": "gatekeeper.models._errors",
    "CheckedInput": "gatekeeper.models._validate",
    "input_model": "gatekeeper.models._validate",
    "resolve_gate": "gatekeeper.models._validate",
    "resolve_profile": "gatekeeper.models._validate",
    "schema_id": "gatekeeper.models._validate",
    "validate_input": "gatekeeper.models._validate",
    "ApprovalInput": "gatekeeper.models._approval",
    "PromotionInput": "gatekeeper.models._promotion",
    "InputModel": "gatekeeper.models._types",
    "input_schema": "gatekeeper.models._schema",
    "ROLLOUT_PROFILES": "gatekeeper.models._rollout",
    "BlueGreenRollout": "gatekeeper.models._rollout",
    "SequentialRollout": "gatekeeper.models._rollout",
    "DecisionMatrixRollout": "gatekeeper.models._rollout",
    "EnvironmentRollout": "gatekeeper.models._rollout",
    "GrayScaleRollout": "gatekeeper.models._rollout",
    "ModelRegistryRollout": "gatekeeper.models._rollout",
    "RolloutBase": "gatekeeper.models._rollout",
}


def __getattr__(name: str) -> Any:
    """Import a name's module when the name is first asked for."""
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
    "ROLLOUT_PROFILE_NAMES",
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
    "SequentialRollout",
    "Violation",
    "format_path",
    "input_model",
    "input_schema",
    "parse_decision",
    "resolve_gate",
    "resolve_profile",
    "schema_id",
    "validate_input",
]
