"""Measurements to gate inputs: sources, aggregates, statistical tests, the input builder.

Importing this package imports numpy (and, when a test runs, scipy; httpx for
Prometheus): only ``gatekeeper build-input`` and ``check --from-metrics`` do so.
"""

from __future__ import annotations

from gatekeeper.metrics._aggregate import aggregate, bucket_pass_rates, totals, window
from gatekeeper.metrics._build import BuildOptions, build_input, merge
from gatekeeper.metrics._prometheus import (
    PrometheusSource,
    load_source,
    parse_source,
    parse_time,
    query_series,
)
from gatekeeper.metrics._promotion import build_promotion
from gatekeeper.metrics._rollout import PROFILES, build_rollout
from gatekeeper.metrics._samples import ARMS, ArmSamples, read_samples
from gatekeeper.metrics._series import ArmSeries, SeriesSet, read_series_files
from gatekeeper.metrics._stats import (
    FISHER_MIN_EXPECTED,
    MIN_SAMPLES,
    TestResult,
    adjust,
    benjamini_hochberg,
    holm,
    mann_whitney,
    two_proportions,
)

__all__ = [
    "ARMS",
    "FISHER_MIN_EXPECTED",
    "MIN_SAMPLES",
    "PROFILES",
    "ArmSamples",
    "ArmSeries",
    "BuildOptions",
    "PrometheusSource",
    "SeriesSet",
    "TestResult",
    "adjust",
    "aggregate",
    "benjamini_hochberg",
    "bucket_pass_rates",
    "build_input",
    "build_promotion",
    "build_rollout",
    "holm",
    "load_source",
    "mann_whitney",
    "merge",
    "parse_source",
    "parse_time",
    "query_series",
    "read_samples",
    "read_series_files",
    "totals",
    "two_proportions",
    "window",
]
