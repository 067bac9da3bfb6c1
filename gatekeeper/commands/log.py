"""``gatekeeper log verify [PATH]``: check the decision log's lines and hash chain."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add ``log`` (with ``verify``) to the command line."""
    parser = subparsers.add_parser(
        "log",
        help="inspect the decision log",
        description="Inspect the decision log written by `gatekeeper check`.",
    )
    actions = parser.add_subparsers(dest="log_command", metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="check every line and the hash chain",
        description="Check that every line of the decision log is a complete record and "
        "that the hash chain and the head are intact. Exit 0: intact; 1: edited, "
        "removed, reordered, torn or corrupt (the first bad line is named); "
        "2: the log cannot be read.",
    )
    verify.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="log file (default: $GATEKEEPER_DECISION_LOG or .gatekeeper/decisions.jsonl)",
    )
    verify.set_defaults(handler=handle_verify)
    parser.set_defaults(handler=_missing_action(parser))


def _missing_action(parser: argparse.ArgumentParser) -> Any:
    def handler(args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return handler


def handle_verify(args: argparse.Namespace) -> int:
    """Run ``log verify``: 0 intact, 1 tampered or corrupt, 2 unreadable."""
    from gatekeeper.decision_log import log_path, verify_log

    path = log_path(args.path)
    result = verify_log(path)
    if result.ok:
        print(f"{path}: OK, {result.records} record(s), hash chain intact")
        for note in result.notes:
            print(f"note: {note}")
        return 0
    where = f"line {result.problem_line}: " if result.problem_line is not None else ""
    print(f"{path}: FAILED: {where}{result.problem}")
    return 1
