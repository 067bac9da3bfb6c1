"""``gatekeeper check``: decide one input (or a batch) and exit 0 go, 1 blocked, 2 undecided."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gatekeeper.cli._engine_args import add_engine_arguments, engine_part
from gatekeeper.cli.build_input import add_build_arguments
from gatekeeper.cli.log import add_log_store_arguments

if TYPE_CHECKING:
    from gatekeeper.check._options import CheckOptions

FORMATS = ("text", "json", "markdown", "junit", "sarif", "github")  # = gatekeeper.reports.FORMATS

DESCRIPTION = """\
Ask the policy for a decision on INPUT (a JSON or YAML object, or OPA's
{"input": {...}} form; - reads stdin). Exit 0: go (promote, continue, promote_next_step, approve);
1: blocked; 2: no decision could be made (bad input, engine or policy failure,
decision log failure, --timeout passed) - treat 2 as blocked. Every decision is
appended to the decision log (--decision-log, $GATEKEEPER_DECISION_LOG, default
.gatekeeper/decisions.jsonl; or --log-store postgresql, the URL from
--database-url-file or $GATEKEEPER_DATABASE_URL). --timeout bounds the whole decision: reading and
checking the input, the engine and the log record."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``check`` to ``parser``."""
    parser.add_argument(
        "input",
        nargs="*",
        metavar="INPUT",
        help="input file, JSON or YAML (.yaml/.yml), or - for stdin "
        "(with --batch: a JSON-lines file); several files and folders (searched for "
        ".json/.yaml/.yml) make one report, exit code the worst of all",
    )
    parser.add_argument("--gate", help="gate when the input has none: promotion|rollout|approval")
    parser.add_argument(
        "--profile",
        help="the rollout rule set (default decision-matrix); an input's own profile may only "
        "confirm it",
    )
    parser.add_argument(
        "--environment",
        help="the environment of the environment profile; an input's own may only confirm it",
    )
    add_engine_arguments(parser, token_option=True)
    parser.add_argument(
        "--max-input-bytes",
        type=int,
        metavar="N",
        default=8 * 1024 * 1024,
        help="refuse an input larger than N bytes, read no further (default 8 MiB)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="report format (default: text; json with --batch); on exit 2 every format "
        "but text on a console still writes a report naming the cause",
    )
    parser.add_argument(
        "--batch",
        action="store_true",
        help="INPUT is JSON lines: one input per line, one JSON decision per output line",
    )
    parser.add_argument(
        "--decision-log", metavar="PATH", help="decision log (JSON lines) to append to"
    )
    add_log_store_arguments(parser)
    parser.add_argument(
        "--log-key",
        metavar="FILE",
        help="Ed25519 private key (PEM) that signs each log record "
        "(default: the file named by $GATEKEEPER_LOG_KEY; none: unsigned)",
    )
    parser.add_argument(
        "--redact",
        action="append",
        metavar="PATH",
        help="input field kept in the decision log only as its sha256 (dotted path, "
        "* for any key or element, e.g. approvers); repeatable; "
        "also $GATEKEEPER_LOG_REDACT (comma-separated)",
    )
    parser.add_argument(
        "--max-engine-failures",
        type=int,
        metavar="N",
        help="--batch: after N engine failures in a row, report the rest undecided (default 3)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the report to OUT; the one-line verdict still goes to stderr",
    )


def register(subparsers: Any) -> None:
    """Add ``check`` to the command line."""
    parser = subparsers.add_parser(
        "check",
        help="decide a promotion, rollout or approval input",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    add_build_arguments(parser, for_check=True)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``check``; on exit 2 the chosen format still gets a report naming the cause."""
    from gatekeeper.models._exceptions import GatekeeperError
    from gatekeeper.reports._announce import deliver_error

    inputs = list(args.input or [])
    if len(inputs) > 1 or (len(inputs) == 1 and Path(inputs[0]).is_dir()):
        return _decide_many(args, inputs)
    args.input = inputs[0] if inputs else None
    try:
        return _decide(args)
    except GatekeeperError as exc:
        if not args.batch:  # a batch reports bad lines itself and may have written some
            source = "metrics" if getattr(args, "from_metrics", False) else (args.input or "-")
            deliver_error(args.format or "text", str(exc), source, args.output)
        raise


def check_options(args: argparse.Namespace) -> CheckOptions:
    """The typed options of ``check``, built once from its parsed arguments."""
    from gatekeeper.check._options import DEFAULT_MAX_ENGINE_FAILURES, RuleSet

    return engine_part(args)._replace(
        rule_set=RuleSet(gate=args.gate, profile=args.profile, environment=args.environment),
        decision_log=args.decision_log,
        log_store=args.log_store,
        database_url_file=args.database_url_file,
        log_key=args.log_key,
        redact=tuple(args.redact or ()),
        output=args.output,
        report_format=args.format,
        max_input_bytes=args.max_input_bytes,
        max_engine_failures=(
            DEFAULT_MAX_ENGINE_FAILURES
            if args.max_engine_failures is None
            else args.max_engine_failures
        ),
    )


def _decide_many(args: argparse.Namespace, inputs: list[str]) -> int:
    """Several inputs (files and folders): one engine, one report, the worst exit code."""
    from gatekeeper.check._many import input_files, run_many
    from gatekeeper.models._exceptions import InputError

    if args.batch or getattr(args, "from_metrics", False):
        raise InputError("check: --batch and --from-metrics take one input")
    return run_many(input_files(inputs), check_options(args))


def _decide(args: argparse.Namespace) -> int:
    if args.batch:
        return _decide_inputs(args)
    gc.disable()  # one decision, then the process ends: start-up frees almost nothing
    try:
        return _decide_inputs(args)
    finally:
        gc.enable()


def _decide_inputs(args: argparse.Namespace) -> int:
    from gatekeeper.check._input import load_document
    from gatekeeper.check._pipeline import run_check
    from gatekeeper.limits import decision_deadline
    from gatekeeper.models._exceptions import InputError

    options = check_options(args)
    if getattr(args, "from_metrics", False):
        from gatekeeper.cli.build_input import document_from_args

        document = document_from_args(args)
        with decision_deadline(options.timeout_seconds):
            return run_check(document, options, source="metrics")
    if args.input is None:
        raise InputError("check: INPUT is required (a JSON file, or - for stdin)")
    if args.batch:
        from gatekeeper.check._batch import run_batch

        return run_batch(args.input, options)
    with decision_deadline(options.timeout_seconds):  # reading the input to the log record
        return run_check(load_document(args.input, options.max_input_bytes), options, args.input)
