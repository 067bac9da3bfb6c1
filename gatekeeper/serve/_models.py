"""Request and response models of the HTTP API, for validation and the OpenAPI document."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Finding(BaseModel):
    """A violation or warning; rules may add keys (``field``, ``bucket``, ``rollback_target``).

    The wire form of :class:`gatekeeper.models.Violation` (whose ``extra`` keys are
    flattened here); a test keeps the two in step.
    """

    model_config = ConfigDict(extra="allow")

    code: str
    message: str
    observed: Any
    threshold: Any
    rule: str
    severity: str


class DecisionResponse(BaseModel):
    """A logged decision: the SPEC 5 object plus its log identity and provenance."""

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


class ErrorResponse(BaseModel):
    """No decision (or a request refused before one): the cause, never a pass."""

    error: str = Field(description="cause: input, auth, body_too_large, engine, policy, ...")
    message: str
    exit_code: int = Field(2, description="what `gatekeeper check` would exit with")
    field: str | None = Field(None, description="the input field at fault, for input errors")
    decision: dict[str, Any] | None = Field(
        None, description="the policy's INVALID_INPUT decision, when it gave one"
    )


class FlaggerPayload(BaseModel):
    """What Flagger posts to a webhook (``CanaryWebhookPayload``)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    namespace: str
    phase: str = ""
    checksum: str = ""
    metadata: dict[str, str] | None = None


class Health(BaseModel):
    """``/healthz`` and ``/readyz``."""

    status: str
    problems: list[str] = Field(default_factory=list)
    engine: str | None = None
    policy_revision: str | None = None
