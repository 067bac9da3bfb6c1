"""``gatekeeper decide``: a person answers a pending manual decision through serve."""

from __future__ import annotations

import argparse
from typing import Any

from gatekeeper.cli._server_client import add_server_arguments

DESCRIPTION = """\
Answer a rollout's pending manual decision on a running `gatekeeper serve`
(POST /v1/pending/NAMESPACE/NAME/decision) as the identity of your token: the
approval gate judges it with the roster's roles. People decide `continue` or
`rollback`; the next measurement of the rollout applies an approved decision.

Exit 0: approved. Exit 1: not taken: refused by the approval gate (its reasons
are printed; nothing changed), or partial (a joint cell such as QA DRI + Sprint
DRI: a second, different person holding the other role must also decide).
Exit 2: no decision: nothing pending for the revision, already decided, its
window ended, no or a bad token, or the server could not be reached."""


def register(subparsers: Any) -> None:
    """Add ``decide`` to the command line."""
    parser = subparsers.add_parser(
        "decide",
        help="answer a pending manual decision (continue or rollback)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("rollout", metavar="NAMESPACE/NAME", help="the rollout")
    parser.add_argument("decision", choices=("continue", "rollback"), help="your decision")
    parser.add_argument(
        "--revision", default="", help="the rollout revision (pod-template hash, checksum)"
    )
    add_server_arguments(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``decide``."""
    import sys

    from gatekeeper.cli._server_client import failure, server_client
    from gatekeeper.models._exceptions import InputError

    namespace, slash, name = args.rollout.partition("/")
    if not slash or not namespace or not name or "/" in name:
        raise InputError(f"{args.rollout}: the rollout as NAMESPACE/NAME")
    client = server_client(args)
    body = {"decision": args.decision, "revision": args.revision}
    status, answer = client.request("POST", f"/v1/pending/{namespace}/{name}/decision", body)
    if status not in (200, 202, 403) or not isinstance(answer, dict):
        raise InputError(failure(status, answer))
    print(f"{answer.get('outcome')}: {answer.get('message')}")
    for reason in answer.get("reasons") or []:
        print(f"  {reason.get('code')}: {reason.get('message')}", file=sys.stderr)
    print(f"decision id {answer.get('decision_id')}")
    return 0 if status == 200 else 1
