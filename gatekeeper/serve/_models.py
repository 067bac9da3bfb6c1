"""Request and response models of the HTTP API, for validation and the OpenAPI document."""

from __future__ import annotations

import typing
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from gatekeeper.models import Violation


def _wire_model_of_violation() -> type[BaseModel]:
    """The wire form of :class:`gatekeeper.models.Violation`: its fields, ``extra`` flattened."""
    hints = typing.get_type_hints(Violation)
    fields: dict[str, Any] = {
        name: (hints[name], ...) for name in Violation._fields if name != "extra"
    }
    return create_model(
        "Finding",
        __config__=ConfigDict(extra="allow"),
        __doc__=(
            "A violation or warning; rules may add keys "
            "(``field``, ``bucket``, ``rollback_target``)."
        ),
        **fields,
    )


if typing.TYPE_CHECKING:
    Finding = BaseModel  # a model built at import time: typed as any model
else:
    Finding = _wire_model_of_violation()


class DecisionResponse(BaseModel):
    """A logged decision: the decision object plus its log identity and provenance."""

    model_config = ConfigDict(extra="allow")

    gate: Literal["promotion", "rollout", "approval"]
    allow: bool
    action: str
    violations: list[Finding]
    warnings: list[Finding]
    authority: list[str]
    decision_window_minutes: float | None
    default_action: str | None
    decision_id: str = Field(description="The decision's id in the decision log")
    time: str
    policy_revision: str
    policy_digest: str
    engine: str
    engine_version: str
    outcome: Literal["go", "not_yet", "awaiting_decision", "rollback"] | None = Field(
        None,
        description=(
            "On the controller routes: what the controller does (docs/controllers.md, "
            "One table): go (promote_next_step, promote), not_yet (continue, "
            "pause_evaluation), awaiting_decision (manual_decision), rollback "
            "(auto_rollback, abort, abort_and_quarantine)"
        ),
    )


class ErrorResponse(BaseModel):
    """No decision (or a request refused before one): the cause, never a pass."""

    error: str = Field(
        description="cause: input, auth, body_too_large, engine, policy, state, not_pending, ..."
    )
    message: str
    exit_code: int = Field(2, description="what `gatekeeper check` would exit with")
    field: str | None = Field(None, description="the input field at fault, for input errors")
    decision: dict[str, Any] | None = Field(
        None, description="the policy's INVALID_INPUT decision, when it gave one"
    )


class FlaggerPayload(BaseModel):
    """What Flagger posts to a webhook (``CanaryWebhookPayload``; fields it may add are kept).

    ``checksum`` is the canary's revision (a hash of its tracked configs and last
    applied spec); ``metadata`` is the webhook's metadata, and for the ``event`` hook
    also ``eventMessage``, ``eventType`` and ``timestamp``.
    """

    model_config = ConfigDict(extra="allow", strict=True)

    name: str = Field(description="the canary's name")
    namespace: str = Field(description="the canary's namespace")
    phase: str = Field("", description="the canary's phase (Progressing, Succeeded, ...)")
    checksum: str = Field("", description="the canary's revision")
    metadata: dict[str, str] | None = None


class HookResponse(BaseModel):
    """A Flagger hook answered without a decision: readiness, or an event recorded."""

    hook: str
    name: str
    namespace: str
    checksum: str
    outcome: Literal["go"] | None = Field(
        None, description="confirm-rollout, pre-rollout: go when the gate is ready"
    )
    recorded: bool = Field(False, description="post-rollout, event: written to the server log")


class Health(BaseModel):
    """``/healthz`` and ``/readyz``."""

    status: str
    problems: list[str] = Field(default_factory=list)
    engine: str | None = None
    policy_revision: str | None = None


class DecisionBody(BaseModel):
    """A person's answer to a pending manual decision."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["continue", "rollback"]
    revision: str = Field("", description="the rollout revision (pod-template hash, checksum)")


class ApprovalResponse(BaseModel):
    """What the approval gate made of a person's answer (always a logged decision)."""

    model_config = ConfigDict(extra="allow")

    outcome: Literal["approved", "partial", "refused"]
    decision: str
    rollout: dict[str, str]
    approvers: list[str] = Field(description="the earlier partial approvers and the caller")
    decision_id: str = Field(description="the approval decision's id in the decision log")
    approval: dict[str, Any] = Field(description="the approval gate's decision")
    message: str
    needed: list[str] | None = Field(None, description="partial: the roles still needed")
    reasons: list[dict[str, Any]] | None = Field(None, description="refused: the violations")


class PendingList(BaseModel):
    """``GET /v1/pending``: every open pending decision."""

    pending: list[dict[str, Any]] = Field(
        description=(
            "rollout, trigger, trigger_type, phase_percent, started_at, minutes_pending, "
            "window_minutes, decide_by, expired, default_action, roles, who (identities "
            "holding each role, by the roster), decision, decided_by, approvals"
        )
    )
