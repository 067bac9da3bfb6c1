"""Build a gate input from measurements: the one function the CLI calls.

Reads the sources (sample files, series files or Prometheus), aggregates, runs the
statistical tests, merges an optional base document (the computed fields win: an
input must never be able to overwrite its own measurements), and validates the
result against the gate's input model so a bad input fails here, not in the engine.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gatekeeper.metrics._aggregate import aggregate, window
from gatekeeper.metrics._prometheus import load_source, parse_time, query_series
from gatekeeper.metrics._promotion import DEFAULT_PRIMARY, build_promotion
from gatekeeper.metrics._rollout import build_rollout
from gatekeeper.metrics._samples import ArmSamples, read_samples
from gatekeeper.metrics._sequential_input import profile_statistics
from gatekeeper.metrics._series import SeriesSet, read_series_files
from gatekeeper.models._exceptions import InputError, MetricsError
from gatekeeper.reports._progress import note

GATES = ("promotion", "rollout")


@dataclass(frozen=True)
class BuildOptions:
    """Everything ``gatekeeper build-input`` can be told."""

    gate: str
    baseline: Path | None = None
    canary: Path | None = None
    samples: Path | None = None
    fmt: str | None = None
    series_files: bool = False
    source: Path | None = None
    start: str | None = None
    end: str | None = None
    step: int | None = None
    interval_seconds: int = 60
    phase_percent: float | None = None
    profile: str = "decision-matrix"
    environment: str | None = None
    window_minutes: float | None = None
    primary_metrics: tuple[str, ...] = DEFAULT_PRIMARY
    correction: str = "holm"
    base: Path | None = None
    policy_dir: Path | None = None


def build_input(options: BuildOptions) -> dict[str, Any]:
    """The complete, validated gate input for ``options``."""
    if options.gate not in GATES:
        raise MetricsError(f"gate: build-input builds {' or '.join(GATES)} inputs")
    if options.interval_seconds <= 0:
        raise MetricsError(f"interval_seconds must be positive, got {options.interval_seconds}")
    if options.gate == "promotion":
        baseline, canary = _samples_by_arm(options)
        note(f"statistical tests on {baseline.size:,} + {canary.size:,} samples")
        computed = build_promotion(
            baseline, canary, _unique(options.primary_metrics), options.correction
        )
    else:
        series = _series(options)
        note("rollout input from the series")
        window = None
        if options.window_minutes is not None:
            window = math.ceil(options.window_minutes * 60 / series.interval_seconds)
        computed = build_rollout(
            series,
            options.profile,
            options.phase_percent,
            options.environment,
            window,
            options.policy_dir,
        )
    document = merge(_load_base(options.base), tidy_numbers(computed))
    note("validating the input")
    _validate(document)
    return document


SIGNIFICANT_DIGITS = 12
"""Digits kept in computed numbers: float noise (``214.09389999999996``) goes, data stays."""


def tidy_numbers(value: Any) -> Any:
    """``value`` with every float rounded to :data:`SIGNIFICANT_DIGITS` significant digits."""
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}") if math.isfinite(value) else value
    if isinstance(value, dict):
        return {key: tidy_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [tidy_numbers(item) for item in value]
    return value


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names)) or DEFAULT_PRIMARY


def _samples_by_arm(options: BuildOptions) -> tuple[ArmSamples, ArmSamples]:
    if options.source is not None or options.series_files:
        raise MetricsError(
            "gate promotion: the statistical tests need request samples "
            "(--baseline/--canary or --samples), not series or Prometheus"
        )
    arms: dict[str, ArmSamples] = {}
    if options.samples is not None:
        for samples in read_samples(options.samples, options.fmt):
            arms[samples.arm] = samples
    for arm, path in (("baseline", options.baseline), ("canary", options.canary)):
        if path is not None:
            if arm in arms:
                raise MetricsError(f"{path}: {arm} samples given twice (--samples and --{arm})")
            arms[arm] = read_samples(path, options.fmt, arm)[0]
    missing = [arm for arm in ("baseline", "canary") if arm not in arms]
    if missing:
        raise MetricsError(f"no {' or '.join(missing)} samples (give --baseline and --canary)")
    if options.start is not None or options.end is not None:
        start, end = _time_range(options)
        arms = {arm: window(samples, start, end) for arm, samples in arms.items()}
    return arms["baseline"], arms["canary"]


def _series(options: BuildOptions) -> SeriesSet:
    if options.source is not None:
        if options.start is None or options.end is None:
            raise MetricsError("--source needs --start and --end")
        step = options.step or options.interval_seconds
        note("querying Prometheus")
        return query_series(
            load_source(options.source), parse_time(options.start), parse_time(options.end), step
        )
    files: list[tuple[Path, str | None]] = []
    if options.samples is not None:
        files.append((options.samples, None))
    for arm, path in (("baseline", options.baseline), ("canary", options.canary)):
        if path is not None:
            files.append((path, arm))
    if not files:
        raise MetricsError("no measurements: give --baseline/--canary, --samples or --source")
    if options.series_files:
        return read_series_files(files, options.interval_seconds, options.fmt)
    arms: list[ArmSamples] = []
    for path, role in files:
        arms.extend(read_samples(path, options.fmt, role))
    start, end = _time_range(options)
    note("per-interval series")
    tail = options.gate == "rollout" and profile_statistics(options.profile, options.policy_dir)
    return aggregate(arms, options.interval_seconds, start, end, tail_counts=bool(tail))


def _time_range(options: BuildOptions) -> tuple[float | None, float | None]:
    start = None if options.start is None else parse_time(options.start)
    end = None if options.end is None else parse_time(options.end)
    return start, end


def _load_base(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MetricsError(f"{path}: cannot read base document: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise MetricsError(f"{path}:{exc.lineno}: base document is not JSON: {exc.msg}") from exc
    if isinstance(document, dict) and set(document) == {"input"}:
        document = document["input"]
    if not isinstance(document, dict):
        raise MetricsError(f"{path}: the base document must be a JSON object")
    return document


OWNED = frozenset({("canary", "sequential")})
"""Objects only the builder may fill: the computed one replaces the base's whole."""


def merge(
    base: dict[str, Any], computed: dict[str, Any], _at: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Deep-merge ``computed`` over ``base``: objects merge, any other computed value wins.

    At an :data:`OWNED` path the computed object replaces the base's: statistical
    evidence the builder could not measure stays missing, never taken from the base
    (docs/security.md, Statistical evidence comes from the measurements).
    """
    out = dict(base)
    for key, value in computed.items():
        here = (*_at, key)
        if isinstance(value, dict) and isinstance(out.get(key), dict) and here not in OWNED:
            out[key] = merge(out[key], value, here)
        else:
            out[key] = value
    return out


def _validate(document: dict[str, Any]) -> None:
    from gatekeeper.models import validate_input

    try:
        validate_input(document)
    except InputError as exc:
        raise MetricsError(
            f"the built input is not a valid {document.get('gate')} input: {exc}"
        ) from exc
