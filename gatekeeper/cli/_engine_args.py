"""The policy and engine options shared by ``check`` and ``serve``: one definition of each,
and the one place that turns them into typed options."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from gatekeeper.engines import DEFAULT_ENGINE, ENGINE_NAMES

if TYPE_CHECKING:
    from gatekeeper.check._options import CheckOptions


def add_engine_arguments(parser: argparse.ArgumentParser, *, token_option: bool) -> None:
    """Add ``--data``, ``--policy-dir``, ``--engine`` and the OPA options to ``parser``.

    ``token_option`` adds ``--opa-token``; without it the token comes only from
    ``$GATEKEEPER_OPA_TOKEN`` (a long-running server keeps secrets off its command line).
    """
    parser.add_argument(
        "--data",
        action="append",
        metavar="FILE.json",
        help="data document merged at data: only the roster (gatekeeper.roster) and waivers "
        "(gatekeeper.waivers) may be supplied; repeatable",
    )
    parser.add_argument("--policy-dir", metavar="DIR", help="policy folder (default: packaged)")
    add_policy_data_argument(parser)
    parser.add_argument(
        "--engine", choices=ENGINE_NAMES, default=DEFAULT_ENGINE, help=f"default: {DEFAULT_ENGINE}"
    )
    token_source = "$GATEKEEPER_OPA_TOKEN"
    if token_option:
        parser.add_argument("--opa-url", metavar="URL", help="OPA server URL (opa-server)")
        parser.add_argument(
            "--opa-token", metavar="TOKEN", help=f"bearer token (default: {token_source})"
        )
    else:
        parser.add_argument(
            "--opa-url", metavar="URL", help=f"OPA server URL (opa-server; token: {token_source})"
        )
    parser.add_argument("--opa-ca-file", metavar="PEM", help="CA bundle for an https OPA URL")
    upload = parser.add_mutually_exclusive_group()
    upload.add_argument(
        "--opa-preloaded",
        action="store_true",
        help="the OPA server serves gatekeeper's policy from a bundle whose revision is the "
        "local policy digest (the default; checked on every decision)",
    )
    upload.add_argument(
        "--opa-upload",
        action="store_true",
        help="upload the policy and data to a dedicated OPA server (refused when the server "
        "holds modules or data gatekeeper did not put there; checked on every decision)",
    )
    parser.add_argument("--opa-binary", metavar="PATH", help="opa binary (opa-cli)")
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="deadline of each decision, in total: an embedded evaluation, an opa eval "
        "process, or a whole OPA server request however slowly it answers (default 10)",
    )


def add_policy_data_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--policy-data DIR``: the organisation's thresholds over the shipped profiles."""
    parser.add_argument(
        "--policy-data",
        metavar="DIR",
        help="the organisation's profile data, merged over the shipped profiles and part of "
        "the policy revision (default: $GATEKEEPER_POLICY_DATA; docs/policy-data.md)",
    )


def engine_part(args: argparse.Namespace) -> CheckOptions:
    """Typed options holding what :func:`add_engine_arguments` parsed (the rest default)."""
    from gatekeeper.check._options import CheckOptions
    from gatekeeper.engines import EngineOptions

    return CheckOptions(
        policy_dir=Path(args.policy_dir) if args.policy_dir else None,
        data_files=tuple(Path(p) for p in args.data or ()),
        policy_data=Path(args.policy_data) if args.policy_data else None,
        engine=args.engine,
        engine_options=EngineOptions(
            opa_url=args.opa_url,
            opa_token=getattr(args, "opa_token", None),  # check only; serve reads the environment
            opa_binary=args.opa_binary,
            ca_file=args.opa_ca_file,
            timeout_seconds=args.timeout or 10.0,
            upload_policy=args.opa_upload,
        ),
    )
