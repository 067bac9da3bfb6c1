"""The server's own Prometheus metrics (``GET /metrics``), in a registry of its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass
class ServeMetrics:
    """Decisions by gate and action, decision latency, errors by cause."""

    registry: CollectorRegistry = field(
        default_factory=lambda: CollectorRegistry(auto_describe=True)
    )

    def __post_init__(self) -> None:
        self.decisions = Counter(
            "gatekeeper_decisions",
            "Decisions made and logged, by gate and action.",
            ("gate", "action"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "gatekeeper_decision_seconds",
            "Time from request to logged decision (or to the error), by route.",
            ("route",),
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "gatekeeper_errors",
            "Requests that got no decision, by cause.",
            ("cause",),
            registry=self.registry,
        )
