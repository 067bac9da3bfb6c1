"""``gatekeeper schema GATE``: print the JSON Schema of a gate's input."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add ``schema`` to the command line."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of a gate's input",
        description="Print the JSON Schema (draft 2020-12) of a gate's input, "
        "generated from gatekeeper's input models.",
    )
    parser.add_argument("gate", choices=("promotion", "rollout", "approval"))
    parser.add_argument(
        "--profile",
        help="one rollout profile only (default: every profile, chosen by the input's profile)",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write the schema to OUT")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``schema``."""
    import json
    import sys
    from pathlib import Path

    from gatekeeper.models import input_schema
    from gatekeeper.models._exceptions import InputError

    text = json.dumps(input_schema(args.gate, args.profile), indent=2) + "\n"
    if args.output and args.output != "-":
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"-o {args.output}: cannot write: {exc.strerror or exc}") from exc
    else:
        sys.stdout.write(text)
    return 0
