"""Input of the ``rollout`` gate, one model per profile (docs/rollout-profiles.md).

Series are per interval (``interval_seconds``, default 60), oldest first, newest last.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from gatekeeper.models._contract import ROLLOUT_PROFILE_NAMES
from gatekeeper.models._types import (
    Count,
    InputModel,
    NonNegative,
    Phase,
    Positive,
    Rate,
    evidence,
)

Environment = Literal["development", "pre-production", "production"]
DriftSeverity = Literal["none", "low", "medium", "high", "critical"]
VersionStatus = Literal["production", "archived", "deprecated", "quarantined", "staging", "canary"]


class PendingDecision(InputModel):
    """A manual decision that is waiting for its role (trigger 4 or 5)."""

    trigger: Literal["gate_failure", "quality_regression"] | None = evidence(
        "What the decision is about: a success gate failed, or quality regressed."
    )
    minutes_pending: NonNegative | None = evidence(
        "How long the decision has been waiting.", "minutes"
    )
    decision: Literal["continue", "rollback"] | None = evidence(
        "Set once a person decided within the window (judged by the approval gate; in a live"
        " rollout `gatekeeper serve` fills it). `continue`: the window ends and the trigger's"
        " resolution deadline runs instead (docs/rollout-profiles.md, manual decisions);"
        " `rollback`: `auto_rollback` now, ROLLBACK_DECIDED (docs/controllers.md)."
    )
    minutes_since_detection: NonNegative | None = evidence(
        "Time since the trigger was first detected; required with `decision: continue`."
        " Past the row's resolution deadline (30 min for a quality regression) with the"
        " trigger still firing: `auto_rollback`, RESOLUTION_DEADLINE_EXPIRED.",
        "minutes",
    )


class RolloutBase(InputModel):
    """Fields common to every rollout profile."""

    gate: Literal["rollout"] = Field(description="`rollout`.")
    phase_percent: Phase | None = evidence("Share of traffic on the canary now.", "percent")
    interval_seconds: Positive | None = evidence(
        "Length of one interval of every series (default 60).", "seconds"
    )
    pending_decision: PendingDecision | None = evidence(
        "Present while a manual decision waits for its role."
    )
    environment: Environment | None = evidence(
        "Deployment environment; selects the thresholds of the `environment` profile. "
        "The caller chooses it (`--environment`); the input may only confirm it. For the"
        " `environment` profile, none chosen is INVALID_INPUT (exit 2)."
    )


# --- decision-matrix ----------------------------------------------------------------------


class Shard(InputModel):
    """Resource use of one shard, as series of utilisation fractions."""

    cpu: list[Rate] | None = evidence("CPU utilisation per interval.", "fraction")
    memory: list[Rate] | None = evidence("Memory utilisation per interval.", "fraction")


class OperationalAnomaly(InputModel):
    """An anomaly reported by a person (trigger 6)."""

    reported_by: str | None = evidence("Who reported the anomaly.")
    summary: str | None = evidence("What was seen.")


class DecisionMatrixCanary(InputModel):
    """Canary measurements for the decision-matrix profile."""

    error_rate: list[Rate] | None = evidence("Total error rate per interval.", "fraction")
    p99_latency_ms: list[NonNegative] | None = evidence("p99 latency per interval.", "ms")
    shards: dict[str, Shard] | None = evidence("Resource series per shard, by shard name.")
    success_gates: dict[str, bool] | None = evidence(
        "Primary success gates by name: true = passing."
    )
    ndcg_at_10: Rate | None = evidence("nDCG@10 of the canary.", "score 0-1")
    operational_anomaly: OperationalAnomaly | None = evidence(
        "Set when a person reports an operational anomaly (trigger 6)."
    )


class DecisionMatrixBaseline(InputModel):
    """Baseline (current version) values for the decision-matrix profile."""

    p99_latency_ms: NonNegative | None = evidence("p99 latency of the baseline.", "ms")
    ndcg_at_10: Rate | None = evidence("nDCG@10 of the baseline.", "score 0-1")


class DecisionMatrixRollout(RolloutBase):
    """Rollout, profile ``decision-matrix``, the default (docs/rollout-profiles.md)."""

    profile: Literal["decision-matrix"] | None = Field(
        default=None,
        description="`decision-matrix`. The caller chooses the profile (`--profile`, "
        "default `decision-matrix`); the input may only confirm it.",
    )
    canary: DecisionMatrixCanary | None = evidence("Canary measurements.")
    baseline: DecisionMatrixBaseline | None = evidence("Baseline values.")


# --- gray-scale ---------------------------------------------------------------------------


class GrayScaleCanary(InputModel):
    """Canary measurements for the gray-scale profile."""

    slo_checks: list[bool] | None = evidence("SLO check results, oldest first: true = met.")
    security_pass_rate: Rate | None = evidence("Security pass rate of the canary.", "fraction")
    error_rate: list[Rate] | None = evidence("Error rate per interval.", "fraction")
    p95_latency_ms: list[NonNegative] | None = evidence("p95 latency per interval.", "ms")
    daily_cost: NonNegative | None = evidence("Spend today.", "currency units")
    daily_cost_budget: NonNegative | None = evidence("Daily budget.", "currency units")


class GrayScaleRollout(RolloutBase):
    """Rollout, profile ``gray-scale`` (docs/rollout-profiles.md)."""

    profile: Literal["gray-scale"] = Field(description="`gray-scale`.")
    canary: GrayScaleCanary | None = evidence("Canary measurements.")


# --- environment --------------------------------------------------------------------------


class Bucket(InputModel):
    """One evaluation bucket."""

    pass_rate: Rate | None = evidence("Share of the bucket's cases passed.", "fraction")


class EnvironmentCanary(InputModel):
    """Canary (V2) measurements for the environment profile."""

    pass_rate: Rate | None = evidence("Overall pass rate.", "fraction")
    quality_score: Rate | None = evidence("Overall quality score.", "score 0-1")
    error_rate: list[Rate] | None = evidence("Error rate per interval.", "fraction")
    p95_latency_ms: list[NonNegative] | None = evidence("p95 latency per interval.", "ms")
    buckets: dict[str, Bucket] | None = evidence(
        "Per-bucket results, by bucket name; watched (warnings), never a rollback: a bucket"
        " not reported is a warning BUCKET_NOT_REPORTED naming it."
    )


class EnvironmentBaseline(InputModel):
    """Baseline (V1) values for the environment profile."""

    pass_rate: Rate | None = evidence("Overall pass rate.", "fraction")
    quality_score: Rate | None = evidence("Overall quality score.", "score 0-1")
    error_rate: Rate | None = evidence("Error rate.", "fraction")
    p95_latency_ms: NonNegative | None = evidence("p95 latency.", "ms")
    buckets: dict[str, Bucket] | None = evidence(
        "Per-bucket results, by bucket name; watched (warnings), never a rollback: a bucket"
        " not reported is a warning BUCKET_NOT_REPORTED naming it."
    )


class EnvironmentRollout(RolloutBase):
    """Rollout, profile ``environment``: V2 against V1 (docs/rollout-profiles.md)."""

    profile: Literal["environment"] = Field(description="`environment`.")
    canary: EnvironmentCanary | None = evidence("Canary (V2) measurements.")
    baseline: EnvironmentBaseline | None = evidence("Baseline (V1) values.")


# --- model-registry -----------------------------------------------------------------------


class RegistryCanary(InputModel):
    """Canary measurements for the model-registry profile."""

    success_rate: list[Rate] | None = evidence(
        "Success rate, one measurement a minute.", "fraction"
    )
    error_rate: list[Rate] | None = evidence(
        "Error rate per interval; its mean over the trailing window is judged once the series"
        " covers it (the CI/CD gate: docs/rollout-profiles.md, profile `model-registry`).",
        "fraction",
    )
    drift_severity: DriftSeverity | None = evidence("Severity of the detected data drift.")
    performance_score: NonNegative | None = evidence("Performance score of the canary.", "score")


class RegistryBaseline(InputModel):
    """Baseline values for the model-registry profile."""

    performance_score: NonNegative | None = evidence("Performance score of the baseline.", "score")


class RegistryVersion(InputModel):
    """One version known to the model registry."""

    version: str | None = evidence("Version name.")
    status: VersionStatus | None = evidence("Registry status of the version.")
    was_production: bool | None = evidence("Whether the version was ever in production.")


class ModelRegistryRollout(RolloutBase):
    """Rollout, profile ``model-registry`` (docs/rollout-profiles.md)."""

    profile: Literal["model-registry"] = Field(description="`model-registry`.")
    canary: RegistryCanary | None = evidence("Canary measurements.")
    baseline: RegistryBaseline | None = evidence("Baseline values.")
    versions: list[RegistryVersion] | None = evidence(
        "The registry's versions, to choose a rollback target."
    )
    current_version: str | None = evidence(
        "The version under evaluation, the one a rollback replaces: never the rollback target;"
        " without a named target, the newest valid candidate older than it is chosen."
    )
    rollback_target: str | None = evidence(
        "A named rollback target; used when it is a valid candidate."
    )


# --- blue-green ---------------------------------------------------------------------------


class BlueGreenCanary(InputModel):
    """Measurements of the newly switched-to environment."""

    health_checks: list[bool] | None = evidence(
        "Health check results, oldest first: true = healthy."
    )
    error_rate: list[Rate] | None = evidence("Error rate per interval.", "fraction")
    response_time_ms: list[NonNegative] | None = evidence(
        "Average response time per interval.", "ms"
    )
    memory: list[Rate] | None = evidence("Memory utilisation per interval.", "fraction")
    cpu: list[Rate] | None = evidence("CPU utilisation per interval.", "fraction")
    manual_trigger: ManualTrigger | None = evidence(
        "Set when a person reports a reason to roll back (docs/rollout-profiles.md,"
        " profile `blue-green`)."
    )


class ManualTrigger(InputModel):
    """A manual rollback trigger reported by a person."""

    reason: Literal["customer_complaints", "performance_issues", "critical_bugs"] | None = evidence(
        "Why: customer complaints, performance issues or critical bugs."
    )
    reported_by: str | None = evidence("Who reports it.")
    summary: str | None = evidence("What was seen.")


class PostRollback(InputModel):
    """State after a rollback, checked against the validation checklist."""

    health: str | None = evidence("Health status after the rollback (checked against policy data).")
    version: str | None = evidence("Version now serving.")
    expected_version: str | None = evidence("Version the rollback should have restored.")
    error_rate: Rate | None = evidence(
        "Error rate after the rollback (below the checklist limit in policy data).", "fraction"
    )
    response_time_ms: NonNegative | None = evidence(
        "Response time after the rollback (below the checklist limit in policy data).", "ms"
    )
    environment_switched: bool | None = evidence(
        "The current environment changed to the rollback environment."
    )
    core_functionality_verified: bool | None = evidence(
        "The core functionality (the AI query endpoint) responds correctly."
    )
    metrics_normal: bool | None = evidence("All monitored metrics are back to normal levels.")


class BlueGreenRollout(RolloutBase):
    """Rollout, profile ``blue-green`` (docs/rollout-profiles.md)."""

    profile: Literal["blue-green"] = Field(description="`blue-green`.")
    canary: BlueGreenCanary | None = evidence("Measurements of the switched-to environment.")
    post_rollback: PostRollback | None = evidence("Present after a rollback, to validate it.")


# --- sequential ---------------------------------------------------------------------------


class SequentialEvidence(InputModel):
    """One metric's anytime-valid comparison of canary against baseline at the newest look."""

    e_value: NonNegative | None = evidence(
        "E-value of \"the canary's rate is higher than the baseline's\" at the newest look"
        " (a likelihood ratio mixed over rate ratios; 1 = no evidence; reported at most 1e9).",
    )
    e_max: NonNegative | None = evidence("The largest e-value at any look so far.")
    lower_bound: NonNegative | None = evidence(
        "Lower confidence bound on the canary's rate as a ratio of the baseline's, valid at"
        " every look at once at level `alpha` (0: none yet); it never falls from one look to"
        " the next.",
        "ratio",
    )
    alpha: Rate | None = evidence(
        "Level the bound was computed at: the profile's false-rollback budget split across"
        " its statistically judged checks. Another level than the policy's is missing"
        " evidence.",
        "probability",
    )
    looks: Count | None = evidence("Intervals in which both arms served requests.")
    canary_rate: Rate | None = evidence(
        "Canary events per request over those intervals (errors, or requests slower than the"
        " pooled p99).",
        "fraction",
    )
    baseline_rate: Rate | None = evidence("Baseline events per request.", "fraction")


class SequentialMeasures(InputModel):
    """The anytime-valid evidence of each metric judged statistically."""

    error_rate: SequentialEvidence | None = evidence(
        "Error counts per interval, canary against baseline."
    )
    p99_latency: SequentialEvidence | None = evidence(
        "Per interval, each arm's requests slower than the p99 of both arms' requests."
    )


class SequentialCanary(InputModel):
    """Canary measurements of the sequential profile."""

    error_rate: list[Rate] | None = evidence(
        "Error rate per interval (how long the canary has been observed).", "fraction"
    )
    p99_latency_ms: list[NonNegative] | None = evidence("p99 latency per interval.", "ms")
    sequential: SequentialMeasures | None = evidence(
        "Anytime-valid comparisons with the baseline, built by gatekeeper from per-interval"
        " counts (docs/statistics.md)."
    )


class SequentialRollout(RolloutBase):
    """Rollout, profile ``sequential`` (docs/statistics.md)."""

    profile: Literal["sequential"] = Field(description="`sequential`.")
    canary: SequentialCanary | None = evidence("Canary measurements and statistical evidence.")


ROLLOUT_PROFILES: dict[str, type[RolloutBase]] = dict(
    zip(
        ROLLOUT_PROFILE_NAMES,
        (
            DecisionMatrixRollout,
            GrayScaleRollout,
            EnvironmentRollout,
            ModelRegistryRollout,
            BlueGreenRollout,
            SequentialRollout,
        ),
        strict=True,
    )
)
"""The input model of each rollout profile."""
