"""Build the application from ``gatekeeper serve``'s options, in this process or a worker.

With ``--workers N`` uvicorn starts N processes that each import
:func:`app_from_environment`; the options travel in ``$GATEKEEPER_SERVE_OPTIONS``
(JSON: paths and numbers, never a token). Each worker has its own engine and
group-committing log writer; the decision log's lock keeps one chain across them.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp

from gatekeeper.models._extras import require
from gatekeeper.serve._app import ServeOptions, create_app, served
from gatekeeper.serve._auth import load_tokens
from gatekeeper.serve._decider import Decider
from gatekeeper.serve._live import load_rollouts

OPTIONS_ENV = "GATEKEEPER_SERVE_OPTIONS"


def build_app(args: argparse.Namespace) -> FastAPI:
    """The application for parsed ``serve`` options (loads tokens, rollouts, policy)."""
    tokens = load_tokens(Path(args.tokens_file)) if args.tokens_file else None
    rollouts = None
    if args.rollouts:
        require("metrics", "serve --rollouts (controller inputs built from Prometheus)")
        rollouts = load_rollouts(Path(args.rollouts))
    options = ServeOptions(
        tokens=tokens,
        rollouts=rollouts,
        max_body_bytes=args.max_body_bytes,
        request_timeout=args.request_timeout,
        threads=args.threads,
    )
    return create_app(Decider(args), options)


def export_options(args: argparse.Namespace) -> None:
    """Put the plain option values in the environment for the worker processes."""
    plain: dict[str, Any] = {
        key: value
        for key, value in vars(args).items()
        if isinstance(value, str | int | float | bool | list | type(None))
    }
    os.environ[OPTIONS_ENV] = json.dumps(plain)


def app_from_environment() -> ASGIApp:
    """uvicorn's factory in a worker process."""
    return served(build_app(argparse.Namespace(**json.loads(os.environ[OPTIONS_ENV]))))
