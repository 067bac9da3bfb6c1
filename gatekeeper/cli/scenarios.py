"""``gatekeeper scenarios [PATH]``: run the Gherkin suites, show the matrix cells they prove."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add ``scenarios`` to the command line."""
    parser = subparsers.add_parser(
        "scenarios",
        help="run the scenario suites and print the decision/authority matrix coverage",
        description="Run the pytest-bdd scenario suites below PATH (default: tests/features, "
        "else features/) and print, for every cell of the rollout decision matrix and of "
        "the decision-authority matrix (read from the policy data), the scenarios that prove "
        "it. Exit 0 when every scenario passed and every cell has a passing scenario, 1 "
        "otherwise (the missing cells are named), 2 when the suites could not run.",
    )
    parser.add_argument("path", nargs="?", help="test folder/module or folder of .feature files")
    parser.add_argument(
        "--engine",
        action="append",
        metavar="NAME",
        help="engine to run every scenario on: embedded, opa-server, opa-cli (repeat; "
        "default: embedded)",
    )
    parser.add_argument("--policy-dir", metavar="DIR", help="policy folder (default: in force)")
    parser.add_argument(
        "--data", action="append", default=[], metavar="FILE", help="extra data document"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the coverage as JSON to FILE")
    parser.add_argument(
        "--pytest-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="pass ARG to pytest (repeat), e.g. --pytest-arg=-x",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show pytest's own output")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``scenarios``."""
    from pathlib import Path

    from gatekeeper.models._exceptions import EXIT_BLOCKED, EXIT_GO, GatekeeperError

    try:
        from gatekeeper.bdd.coverage import format_table, run_scenarios
    except ImportError as exc:
        raise GatekeeperError(
            "scenarios: needs pytest and pytest-bdd "
            f"(pip install 'gatekeeper-policy-gate[bdd]'): {exc}"
        ) from exc
    import sys

    from gatekeeper.bdd._progress import ScenarioProgress
    from gatekeeper.reports._progress import progress, wanted

    quiet = ["-q", "--no-header"]
    if not args.verbose and wanted(sys.stderr):
        quiet = ["-p", "no:terminal"]  # the progress line replaces pytest's dots
    pytest_args = list(args.pytest_arg) + ([] if args.verbose else quiet)
    with progress("gatekeeper scenarios"):
        report = run_scenarios(
            args.path,
            engine=args.engine or ["embedded"],
            policy_dir=args.policy_dir,
            data=args.data,
            pytest_args=pytest_args,
            plugins=[ScenarioProgress()],
        )
    print()
    print(format_table(report))
    if args.json:
        try:
            report.write_json(Path(args.json))
        except OSError as exc:
            raise GatekeeperError(
                f"--json {args.json}: cannot write: {exc.strerror or exc}"
            ) from exc
    return EXIT_GO if report.ok else EXIT_BLOCKED
