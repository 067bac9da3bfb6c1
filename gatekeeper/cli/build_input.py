"""``gatekeeper build-input``: a promotion or rollout input from measurements.

numpy, scipy and httpx are imported inside the handler (through ``gatekeeper.metrics``),
never when this module is imported, so ``gatekeeper --help`` and ``check`` stay light.
``add_build_arguments`` and ``document_from_args`` let ``check --from-metrics`` reuse
the same options.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from gatekeeper.models._contract import ROLLOUT_PROFILE_NAMES

_GATES = ("promotion", "rollout")


def register(subparsers: Any) -> None:
    """Add ``build-input`` to the command line."""
    parser = subparsers.add_parser(
        "build-input",
        help="build a promotion or rollout input from samples, series or Prometheus",
        description=(
            "Aggregate baseline and canary measurements per interval, run the statistical "
            "tests and write a gate input (docs/inputs.md) as JSON. See docs/build-input.md."
        ),
    )
    add_build_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, help="write the input here (default stdout)")
    parser.set_defaults(handler=run)


def add_build_arguments(parser: argparse.ArgumentParser, *, for_check: bool = False) -> None:
    """Add the measurement options.

    With ``for_check`` (``gatekeeper check``): add ``--from-metrics``, leave out
    ``--gate``/``--profile``/``--environment`` (check has them, same meaning) and name
    the file format option ``--samples-format`` (check's ``--format`` is the report's).
    """
    group = parser.add_argument_group("measurements (build-input; check --from-metrics)")
    if for_check:
        group.add_argument(
            "--from-metrics",
            action="store_true",
            help="build the input from measurements (the build-input options) instead of INPUT",
        )
    else:
        group.add_argument("--gate", choices=_GATES, help="gate whose input to build")
    group.add_argument("--baseline", type=Path, help="baseline samples (or series) file")
    group.add_argument("--canary", type=Path, help="canary samples (or series) file")
    group.add_argument("--samples", type=Path, help="one file holding both arms (column arm)")
    group.add_argument(
        "--samples-format" if for_check else "--format",
        dest="samples_format",
        choices=("csv", "jsonl", "parquet"),
        help="file format (default: from the suffix .csv / .jsonl / .parquet)",
    )
    group.add_argument(
        "--series",
        action="store_true",
        help="the files hold pre-aggregated per-interval series, not request samples",
    )
    group.add_argument("--source", type=Path, help="Prometheus source config (YAML)")
    group.add_argument("--start", help="window start: epoch seconds, ISO 8601, now, now-15m")
    group.add_argument("--end", help="window end (same forms as --start)")
    group.add_argument("--step", type=int, help="Prometheus step in seconds (default: interval)")
    group.add_argument(
        "--interval-seconds", type=int, default=60, help="length of one interval (default 60)"
    )
    group.add_argument("--phase-percent", type=float, help="canary traffic share now (rollout)")
    if not for_check:
        group.add_argument(
            "--profile",
            choices=ROLLOUT_PROFILE_NAMES,
            default="decision-matrix",
            help="rollout profile (default decision-matrix)",
        )
        group.add_argument(
            "--environment",
            choices=("development", "pre-production", "production"),
            help="environment (rollout profile environment)",
        )
    group.add_argument(
        "--window-minutes", type=float, help="keep only the trailing N minutes of each series"
    )
    group.add_argument(
        "--primary-metric",
        action="append",
        default=[],
        help="primary metric of the promotion gate (repeatable; default accuracy)",
    )
    group.add_argument(
        "--correction",
        choices=("holm", "bh"),
        default="holm",
        help="multiple-testing correction across several primary metrics (default holm)",
    )
    group.add_argument(
        "--base",
        type=Path,
        help="JSON document with the fields measurements cannot give (version, gold_set...)",
    )


def document_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Build the input document from parsed ``add_build_arguments`` options."""
    from gatekeeper.models._exceptions import MetricsError
    from gatekeeper.models._extras import require

    require("metrics", "building an input from measurements")
    from gatekeeper.metrics import BuildOptions, build_input
    from gatekeeper.reports._progress import progress

    if args.gate is None:
        raise MetricsError("--gate promotion|rollout is required")
    options = BuildOptions(
        gate=args.gate,
        baseline=args.baseline,
        canary=args.canary,
        samples=args.samples,
        fmt=args.samples_format,
        series_files=args.series,
        source=args.source,
        start=args.start,
        end=args.end,
        step=args.step,
        interval_seconds=args.interval_seconds,
        phase_percent=args.phase_percent,
        profile=args.profile or "decision-matrix",
        environment=args.environment,
        window_minutes=args.window_minutes,
        primary_metrics=tuple(args.primary_metric),
        correction=args.correction,
        base=args.base,
        policy_dir=_policy_dir(args),
    )
    with progress("gatekeeper build-input"):
        return build_input(options)


def _policy_dir(args: argparse.Namespace) -> Path | None:
    """check's ``--policy-dir``: a profile's statistics come from the policy that decides."""
    value = getattr(args, "policy_dir", None)
    return Path(value) if value else None


def run(args: argparse.Namespace) -> int:
    """Build the input and write it; any bad measurement raises MetricsError (exit 2)."""
    document = document_from_args(args)
    text = json.dumps(document, indent=2, allow_nan=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write_atomically(args.output, text)
    return 0


def _write_atomically(path: Path, text: str) -> None:
    from gatekeeper.models._exceptions import MetricsError

    directory = path.parent if str(path.parent) else Path(".")
    try:
        import tempfile  # not on the path of check, which shares this module's options

        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        raise MetricsError(f"{path}: cannot write the input: {exc.strerror or exc}") from exc
