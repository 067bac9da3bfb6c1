"""``gatekeeper bundle build``: an OPA bundle of the policies and data for a fleet of servers."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gatekeeper.cli._engine_args import add_policy_data_argument


def register(subparsers: Any) -> None:
    """Add ``bundle`` and its ``build`` action to the command line."""
    parser = subparsers.add_parser(
        "bundle",
        help="build an OPA bundle of gatekeeper's policies for OPA servers",
        description="Build OPA bundles of gatekeeper's policies and data (see docs/fleet.md).",
    )
    actions = parser.add_subparsers(dest="bundle_action", metavar="ACTION")
    build = actions.add_parser(
        "build",
        help="write bundle.tar.gz (policies without tests, data, .manifest), optionally signed",
        description=(
            "Write an OPA bundle with `opa build -b`: every policy module (no *_test.rego), "
            "every data file and a .manifest (revision, roots [gatekeeper], rego_version 1)."
        ),
    )
    build.add_argument("-o", "--output", default="bundle.tar.gz", help="bundle file to write")
    build.add_argument("--revision", help="manifest revision (default: sha256:<policy digest>)")
    build.add_argument("--signing-key", type=Path, help="PEM private key (or HMAC secret file)")
    build.add_argument("--signing-alg", default="RS256", help="signing algorithm (default RS256)")
    build.add_argument("--claims-file", type=Path, help="extra JWT claims for the signature")
    build.add_argument(
        "--verification-key",
        type=Path,
        help="public key: check the signature of the written bundle before reporting success",
    )
    build.add_argument(
        "--data",
        type=Path,
        action="append",
        default=[],
        help="runtime data document under data.gatekeeper (the roster, the waivers): carried "
        "in the bundle, not part of its revision; repeatable",
    )
    build.add_argument("--policy-dir", type=Path, help="policy folder (default: the one in force)")
    add_policy_data_argument(build)
    build.add_argument("--opa-binary", help="opa binary (default: $GATEKEEPER_OPA, PATH, ~/go/bin)")
    build.add_argument("--json", action="store_true", help="print the summary as JSON")
    build.set_defaults(handler=run_build)
    parser.set_defaults(handler=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_build(args: argparse.Namespace) -> int:
    """Build the bundle and print where it went; any failure raises (exit 2)."""
    from gatekeeper.policy._bundle import build_bundle
    from gatekeeper.policy._files import load_policy_set
    from gatekeeper.policy._opa_tool import find_opa_binary

    policy = load_policy_set(args.policy_dir, policy_data=args.policy_data)
    info = build_bundle(
        policy,
        Path(args.output),
        opa_binary=find_opa_binary(args.opa_binary),
        revision=args.revision,
        signing_key=args.signing_key,
        signing_alg=args.signing_alg,
        claims_file=args.claims_file,
        verification_key=args.verification_key,
        extra_data=args.data,
    )
    if args.json:
        print(json.dumps(info.to_json(), indent=2, sort_keys=True))
    else:
        modules = sum(1 for name in info.files if name.endswith(".rego"))
        signature = "unsigned"
        if info.signed:
            signature = f"signed {args.signing_alg}" + (", verified" if info.verified else "")
        print(
            f"wrote {info.path} (revision {info.revision}, {modules} modules, {signature}, "
            f"sha256 {info.sha256})"
        )
    return 0
