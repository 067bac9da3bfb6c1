"""``gatekeeper replay LOG``: which logged decisions would another rule set change?"""

from __future__ import annotations

import argparse
import json
from typing import Any

from gatekeeper.cli.log import add_filter_arguments
from gatekeeper.engines import DEFAULT_ENGINE, ENGINE_NAMES

DESCRIPTION = """\
Re-decide every logged input (records keep their input; records with redacted
fields are skipped and counted) with another rule set: --policy-dir DIR, or
--rev REV (the policy folder rego/ of that git revision, taken with git archive).
Prints the decisions that change, grouped by old action -> new action.
Exit 0: no blocked decision would go; 1: at least one blocked decision would now
go; 2: the log, policy or engine failed, or some input could not be re-decided."""


def register(subparsers: Any) -> None:
    """Add ``replay`` to the command line."""
    parser = subparsers.add_parser(
        "replay",
        help="re-decide logged inputs with another rule set and list the changes",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("log", metavar="LOG", help="decision log (JSON lines)")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--policy-dir", metavar="DIR", help="policy folder to decide with")
    source.add_argument("--rev", metavar="REV", help="git revision whose rego/ to decide with")
    parser.add_argument(
        "--repo", metavar="DIR", default=".", help="git repository for --rev (default: .)"
    )
    parser.add_argument(
        "--data", action="append", metavar="FILE.json", help="extra data document; repeatable"
    )
    parser.add_argument(
        "--engine", choices=ENGINE_NAMES, default=DEFAULT_ENGINE, help=f"default: {DEFAULT_ENGINE}"
    )
    add_filter_arguments(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``replay``."""
    import tempfile
    from pathlib import Path

    from gatekeeper.check._replay import count_lines, policy_at_revision, replay_records
    from gatekeeper.cli.log import record_filter
    from gatekeeper.engines import EngineOptions, open_engine
    from gatekeeper.log._decision_log import iter_records
    from gatekeeper.policy._files import load_policy_set
    from gatekeeper.reports._progress import Progress

    log = Path(args.log)
    selection = record_filter(args)
    data = [Path(p) for p in args.data or ()]
    with tempfile.TemporaryDirectory(prefix="gatekeeper-replay-") as temporary:
        if args.rev:
            policy_dir = policy_at_revision(args.rev, Path(args.repo), Path(temporary))
        else:
            policy_dir = Path(args.policy_dir)
        policy = load_policy_set(policy_dir, data)
        progress = Progress("gatekeeper: replay")
        if progress.enabled and log.is_file():
            progress.total = count_lines(log)
        engine = open_engine(args.engine, policy, EngineOptions())
        try:
            result = replay_records(
                selection.select(iter_records(log)), engine, policy.revision, progress
            )
        finally:
            engine.close()
            progress.close()
    print(_render(result, args.format, str(log)), end="")
    return result.exit_code


def _render(result: Any, fmt: str, log: str) -> str:
    groups = result.groups()
    if fmt == "json":
        document = {
            "log": log,
            "policy_revision": result.policy_revision,
            "replayed": result.replayed,
            "changed": len(result.changes),
            "changes": [
                {
                    "old_action": old,
                    "new_action": new,
                    "count": len(changes),
                    "decisions": [c.as_json_object() for c in changes],
                }
                for (old, new), changes in groups.items()
            ],
            **problems_json(result),
            "exit_code": result.exit_code,
        }
        return json.dumps(document, indent=2) + "\n"
    lines = [
        f"replayed {result.replayed} decision(s) of {log} under policy "
        f"{result.policy_revision}: {len(result.changes)} change(s), "
        f"{len(result.skipped)} skipped, {len(result.errors)} failed"
    ]
    for (old, new), changes in groups.items():
        lines.append(f"{old} -> {new}: {len(changes)}")
        lines += [
            f"  line {c.line}  {c.time}  {c.gate}  {c.version or '-'}  "
            f"exit {c.old_exit} -> {c.new_exit}  {c.decision_id}"
            for c in changes
        ]
    lines += problem_lines(result)
    goes = sum(1 for c in result.changes if c.now_goes)
    if goes:
        lines.append(f"{goes} blocked decision(s) would now go")
    return "\n".join(lines) + "\n"


def problems_json(result: Any) -> dict[str, Any]:
    """The records left out of a re-decision (``skipped``) and those that failed."""
    return {
        "skipped": [{"line": n, "reason": r} for n, r in result.skipped],
        "errors": [{"line": n, "error": e} for n, e in result.errors],
    }


def problem_lines(result: Any) -> list[str]:
    """The records left out of a re-decision and those that failed, one line each."""
    return [f"skipped line {n}: {r}" for n, r in result.skipped] + [
        f"failed line {n}: {e}" for n, e in result.errors
    ]
