"""Input of the ``promotion`` gate: may a shadow (V1) version enter gray-scale rollout?"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from gatekeeper.models._types import (
    Count,
    InputModel,
    NonNegative,
    Rate,
    RelativeChange,
    SignedFraction,
    evidence,
)


class Version(InputModel):
    """The version under evaluation."""

    id: str | None = evidence("Identifier of the candidate version, e.g. `v1-abc123`.")
    model: str | None = evidence("Model behind the version, e.g. `gpt-4o-2024-05-13`.")
    prompt: str | None = evidence("Prompt revision of the version.")
    state: str | None = evidence(
        "Lifecycle state; `shadow` marks a promotion input when `gate` is absent."
    )


class PromotionMetrics(InputModel):
    """Measurements of the candidate against the current version during the shadow run."""

    p95_latency_ms: NonNegative | None = evidence("95th-percentile latency of the candidate.", "ms")
    error_rate: Rate | None = evidence("Share of failed requests of the candidate.", "fraction")
    accuracy_delta: SignedFraction | None = evidence(
        "Accuracy of the candidate minus accuracy of the current version.", "fraction"
    )
    security_pass_rate: Rate | None = evidence(
        "Share of security checks the candidate passed.", "fraction"
    )
    cost_delta: RelativeChange | None = evidence(
        "Relative cost change of the candidate (0.05 = 5% more expensive).", "fraction"
    )


class StatisticalTests(InputModel):
    """p-values of the comparison candidate vs current version."""

    accuracy_p_value: Rate | None = evidence(
        "p-value of the accuracy improvement (the primary metric).", "probability"
    )
    latency_p_value: Rate | None = evidence(
        "p-value of the latency difference (guardrail, evidence only).", "probability"
    )
    cost_p_value: Rate | None = evidence(
        "p-value of the cost difference (guardrail, evidence only).", "probability"
    )
    insufficient_data: list[str] | None = evidence(
        "Fields the input builder could not compute for lack of samples, by bare test name "
        '("accuracy_p_value") or full path ("metrics.accuracy_delta"): each is judged '
        "missing evidence (MISSING_EVIDENCE) even if a value is present "
        "(docs/inputs.md, promotion input)."
    )


class PromotionThresholds(InputModel):
    """Thresholds asked for by the caller; they may only tighten the policy's own."""

    p95_latency_ms: NonNegative | None = evidence("Maximum p95 latency.", "ms")
    error_rate: Rate | None = evidence("Maximum error rate.", "fraction")
    accuracy_delta: SignedFraction | None = evidence("Minimum accuracy delta.", "fraction")
    security_pass_rate: Rate | None = evidence("Minimum security pass rate.", "fraction")
    cost_increase_max: NonNegative | None = evidence("Maximum relative cost increase.", "fraction")
    statistical_significance_p: Rate | None = evidence(
        "Significance level alpha for the primary metric.", "probability"
    )


class Shadow(InputModel):
    """How much the shadow evaluation saw."""

    requests: Count | None = evidence("Requests served in shadow mode.", "requests")
    duration_hours: NonNegative | None = evidence("Duration of the shadow run.", "hours")


class GoldSet(InputModel):
    """Results on the gold (reference) evaluation set."""

    security_pass_rate: Rate | None = evidence(
        "Share of the gold set's security cases passed.", "fraction"
    )
    overall_pass_rate: Rate | None = evidence("Share of all gold-set cases passed.", "fraction")


class Incidents(InputModel):
    """Incidents open on the target (V2) environment."""

    active: Count | None = evidence("Number of active incidents.", "incidents")


class PromotionInput(InputModel):
    """Input of the promotion gate (docs/promotion-approval.md, Promotion gate)."""

    gate: Literal["promotion"] | None = Field(
        default=None,
        description="`promotion`. May be omitted when `version.state` is `shadow`.",
    )
    profile: Literal["default"] | None = evidence("Threshold profile; only `default` exists.")
    version: Version | None = evidence("The candidate version.")
    metrics: PromotionMetrics | None = evidence("Candidate metrics from the shadow run.")
    statistical_tests: StatisticalTests | None = evidence("p-values of the comparison.")
    thresholds: PromotionThresholds | None = evidence(
        "Caller thresholds; a looser one than the policy's is ignored with a warning."
    )
    shadow: Shadow | None = evidence("Shadow-run volume and duration.")
    gold_set: GoldSet | None = evidence("Gold-set pass rates.")
    incidents: Incidents | None = evidence("Active incidents on the target.")
