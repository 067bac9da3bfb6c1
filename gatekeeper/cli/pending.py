"""``gatekeeper pending``: the manual decisions a running server waits for."""

from __future__ import annotations

import argparse
from typing import Any

from gatekeeper.cli._server_client import add_server_arguments

DESCRIPTION = """\
List the open pending manual decisions of a running `gatekeeper serve`
(GET /v1/pending): the rollout and revision, the trigger and phase, who may
decide (roles, and the identities the roster gives them), the time by which
they must decide, the default action when nobody does, and the answers so far.
Exit 0 when listed, 2 when the server could not be asked."""


def register(subparsers: Any) -> None:
    """Add ``pending`` to the command line."""
    parser = subparsers.add_parser(
        "pending",
        help="list the manual decisions a server waits for",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_server_arguments(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="default: text")
    parser.set_defaults(handler=handle)


def _text(entry: dict[str, Any]) -> str:
    rollout = entry["rollout"]
    revision = rollout["revision"] or "-"
    who = "; ".join(
        f"{role}: {', '.join(people) or 'nobody in the roster'}"
        for role, people in entry["who"].items()
    )
    state = entry["decision"] or ("window expired" if entry["expired"] else "waiting")
    lines = [
        f"{rollout['namespace']}/{rollout['name']} revision {revision}: {entry['trigger']} "
        f"at {entry['phase_percent']:g}% ({state})",
        f"  decide by {entry['decide_by']} ({entry['minutes_pending']:g} of "
        f"{entry['window_minutes']:g} min), else {entry['default_action']}",
        f"  who may decide: {' + '.join(entry['roles'])} ({who})",
    ]
    lines += [
        f"  {answer['at']} {answer['identity']}: {answer['decision']} -> {answer['outcome']}"
        for answer in entry["approvals"]
    ]
    return "\n".join(lines)


def handle(args: argparse.Namespace) -> int:
    """Run ``pending``."""
    import json

    from gatekeeper.cli._server_client import failure, server_client
    from gatekeeper.models._exceptions import InputError

    status, body = server_client(args).request("GET", "/v1/pending")
    if status != 200 or not isinstance(body, dict):
        raise InputError(failure(status, body))
    entries = body.get("pending", [])
    if args.format == "json":
        print(json.dumps(body, indent=2))
    elif not entries:
        print("no manual decision is pending")
    else:
        print("\n".join(_text(entry) for entry in entries))
    return 0
