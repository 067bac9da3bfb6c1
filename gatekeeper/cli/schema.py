"""``gatekeeper schema GATE``: print the JSON Schema of a gate's input."""

from __future__ import annotations

import argparse
from typing import Any

from gatekeeper.cli._engine_args import add_policy_data_argument


def register(subparsers: Any) -> None:
    """Add ``schema`` to the command line."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of a gate's input",
        description="Print the JSON Schema (draft 2020-12) of a gate's input, "
        "generated from gatekeeper's input models, with what the policy in force adds: "
        "x-required-in-practice (the fields its checks read: absent, they are "
        "MISSING_EVIDENCE) and x-policy-thresholds (the thresholds they are compared with).",
    )
    parser.add_argument("gate", choices=("promotion", "rollout", "approval"))
    parser.add_argument(
        "--profile",
        help="one rollout profile only (default: every profile, chosen by the input's profile)",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write the schema to OUT")
    parser.add_argument("--policy-dir", metavar="DIR", help="policy folder (default: packaged)")
    add_policy_data_argument(parser)
    parser.set_defaults(handler=handle)


def _with_policy_notes(schema: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """The schema annotated with the policy's required fields and thresholds."""
    from gatekeeper.policy._files import load_policy_set
    from gatekeeper.policy._schema_notes import annotate, promotion_notes, rollout_notes

    policy = load_policy_set(args.policy_dir, policy_data=args.policy_data)
    if args.gate == "promotion":
        return annotate(schema, promotion_notes(policy))
    if args.gate == "rollout":
        profiles = (
            [args.profile]
            if args.profile
            else sorted(policy.data["gatekeeper"]["profiles"]["rollout"])
        )
        notes = {name: rollout_notes(policy, name) for name in profiles}
        if args.profile:
            return annotate(schema, notes[args.profile])
        return {**schema, "x-profiles": notes}
    return schema


def handle(args: argparse.Namespace) -> int:
    """Run ``schema``."""
    import json

    from gatekeeper.models import input_schema
    from gatekeeper.reports._announce import write_text

    schema = _with_policy_notes(input_schema(args.gate, args.profile), args)
    write_text(json.dumps(schema, indent=2) + "\n", args.output)
    return 0
