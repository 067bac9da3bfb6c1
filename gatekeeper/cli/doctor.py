"""``gatekeeper doctor``: engines, versions, caches, extras; what is missing and how to fix it."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add ``doctor`` to the command line."""
    parser = subparsers.add_parser(
        "doctor",
        help="report engines, versions, caches and what is missing",
        description="Report what this install can do: the embedded engine, the opa binary "
        "(and where it was found), the optional extras, the decision log and the "
        "cache, with the command that fixes each missing piece. Exit 0 when "
        "`gatekeeper check` can run on the embedded engine, 1 when it cannot.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="default: text")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``doctor``."""
    import json
    import sys

    from gatekeeper.cli._doctor import as_json, format_text, is_healthy, run_doctor

    rows = run_doctor()
    if args.format == "json":
        document = {"ready": is_healthy(rows), "findings": as_json(rows)}
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        sys.stdout.write(format_text(rows))
    return 0 if is_healthy(rows) else 1
