"""``gatekeeper backtest LOG --outcomes FILE``: would a rule change have caught the bad releases?"""

from __future__ import annotations

import argparse
import json
from typing import Any

from gatekeeper.engines import DEFAULT_ENGINE, ENGINE_NAMES

DESCRIPTION = """\
Re-decide every logged input of the releases labelled in --outcomes FILE (good or
bad, with the time the problem was confirmed) under the current rules (the policy
in force, or --current-dir DIR) and the proposed ones (--policy-dir DIR, or --rev
REV: the policy folder rego/ of that git revision, or --policy-data DIR: an
organisation's thresholds over the current rules). Prints, side by side, the bad
releases caught, the good releases blocked, the minutes to detect, and the
decisions that change (docs/statistics.md, Backtesting a rule change).
Exit 0: the proposed rules miss no more bad releases and block no more good ones;
1: they do; 2: the log, outcomes, policy or engine failed, or an input could not
be re-decided."""


def register(subparsers: Any) -> None:
    """Add ``backtest`` to the command line."""
    parser = subparsers.add_parser(
        "backtest",
        help="re-decide labelled releases of a log under current and proposed rules",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("log", metavar="LOG", help="decision log (JSON lines)")
    parser.add_argument(
        "--outcomes", metavar="FILE", required=True, help="labelled releases (JSON)"
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--policy-dir", metavar="DIR", help="the proposed policy folder")
    source.add_argument("--rev", metavar="REV", help="git revision whose rego/ is proposed")
    source.add_argument(
        "--policy-data",
        metavar="DIR",
        help="an organisation's thresholds layered over the current rules (docs/policy-data.md)",
    )
    parser.add_argument(
        "--repo", metavar="DIR", default=".", help="git repository for --rev (default: .)"
    )
    parser.add_argument(
        "--current-dir", metavar="DIR", help="the current policy folder (default: in force)"
    )
    parser.add_argument(
        "--data", action="append", metavar="FILE.json", help="extra data document; repeatable"
    )
    parser.add_argument(
        "--engine", choices=ENGINE_NAMES, default=DEFAULT_ENGINE, help=f"default: {DEFAULT_ENGINE}"
    )
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``backtest``."""
    import tempfile
    from pathlib import Path

    from gatekeeper.check._backtest import backtest, load_outcomes
    from gatekeeper.check._replay import policy_at_revision
    from gatekeeper.engines import EngineOptions, open_engine
    from gatekeeper.log._decision_log import iter_records
    from gatekeeper.policy._files import default_policy_dir, load_policy_set

    releases = load_outcomes(Path(args.outcomes))
    data = [Path(p) for p in args.data or ()]
    with tempfile.TemporaryDirectory(prefix="gatekeeper-backtest-") as temporary:
        current_dir = Path(args.current_dir) if args.current_dir else default_policy_dir()
        if args.rev:
            proposed_dir = policy_at_revision(args.rev, Path(args.repo), Path(temporary))
        elif args.policy_dir:
            proposed_dir = Path(args.policy_dir)
        else:  # --policy-data: the same rules, the organisation's thresholds over them
            proposed_dir = current_dir
        policies = {
            "current": load_policy_set(current_dir, data, layer_from_env=False),
            "proposed": load_policy_set(proposed_dir, data, args.policy_data, layer_from_env=False),
        }
        engines = {}
        try:
            for name, policy in policies.items():
                engine = open_engine(args.engine, policy, EngineOptions())
                engines[name] = (engine, policy.revision)
            result = backtest(iter_records(Path(args.log)), releases, engines)
        finally:
            for engine, _ in engines.values():
                engine.close()
    print(render(result, args.format, str(args.log)), end="")
    return result.exit_code


def render(result: Any, fmt: str, log: str) -> str:
    """The backtest as text, JSON or Markdown."""
    from gatekeeper.cli.replay import problem_lines, problems_json

    sides = [result.current.summary(result.releases), result.proposed.summary(result.releases)]
    changes = [c.as_json_object() for c in result.changes]
    if fmt == "json":
        document = {
            "log": log,
            "releases": len(result.releases),
            "decided": result.decided,
            "unlabelled": result.unlabelled,
            "current": sides[0],
            "proposed": sides[1],
            "changes": changes,
            **problems_json(result),
            "exit_code": result.exit_code,
        }
        return json.dumps(document, indent=2) + "\n"
    rows = [
        ("policy revision", "policy_revision"),
        ("bad releases caught", "bad_caught"),
        ("bad releases missed", "bad_missed"),
        ("good releases blocked", "good_blocked"),
        ("good releases passed", "good_passed"),
        ("median minutes to detect", "median_minutes_to_detect"),
        ("median minutes before confirmation", "median_minutes_before_confirmation"),
    ]
    head = (
        f"backtest of {log}: {len(result.releases)} labelled release(s), {result.decided}"
        f" decision(s) re-decided, {len(result.changes)} change(s), {result.unlabelled}"
        f" unlabelled, {len(result.skipped)} skipped, {len(result.errors)} failed"
    )
    if fmt == "markdown":
        lines = [f"## Backtest\n\n{head}\n", "| | current | proposed |", "|---|---|---|"]
        lines += [f"| {label} | {_cell(sides[0][k])} | {_cell(sides[1][k])} |" for label, k in rows]
        if changes:
            lines += ["", "| line | time | release | current | proposed |", "|---|---|---|---|---|"]
            lines += [
                f"| {c['line']} | {c['time']} | {c['version']} | {c['old_action']} |"
                f" {c['new_action']} |"
                for c in changes
            ]
    else:
        width = max(len(label) for label, _ in rows)
        lines = [head, f"{'':{width}}  {'current':>20}  {'proposed':>20}"]
        lines += [
            f"{label:{width}}  {_cell(sides[0][k]):>20}  {_cell(sides[1][k]):>20}"
            for label, k in rows
        ]
        lines += [
            f"changed line {c['line']}  {c['time']}  {c['version']}  "
            f"{c['old_action']} -> {c['new_action']}"
            for c in changes
        ]
    return "\n".join([*lines, *problem_lines(result)]) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
