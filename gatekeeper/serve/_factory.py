"""Build the application from typed settings, in this process or in a worker process.

With ``--workers N`` uvicorn starts N processes that each import
:func:`app_from_environment`; the settings travel in ``$GATEKEEPER_SERVE_OPTIONS``
(JSON: paths and numbers, never a token). Each worker has its own engine and
group-committing log writer; the decision log's lock keeps one chain across them.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp

from gatekeeper.check._options import CheckOptions, RuleSet
from gatekeeper.engines import EngineOptions
from gatekeeper.models._extras import require
from gatekeeper.serve._app import ServeOptions, create_app, served
from gatekeeper.serve._auth import load_tokens
from gatekeeper.serve._clock import Clock
from gatekeeper.serve._decider import Decider
from gatekeeper.serve._live import load_rollouts
from gatekeeper.state import StateSettings, open_store

OPTIONS_ENV = "GATEKEEPER_SERVE_OPTIONS"


@dataclass(frozen=True)
class ServeSettings:
    """What ``gatekeeper serve`` was asked for: the check options and the server's own."""

    check: CheckOptions = field(default_factory=CheckOptions)
    tokens_file: str | None = None
    rollouts_file: str | None = None
    max_body_bytes: int = 1 << 20
    request_timeout: float = 10.0
    threads: int = 4
    state: StateSettings = field(default_factory=StateSettings)
    """The state store of the live loop (a file path or URL file path, never the URL)."""

    def to_json(self) -> str:
        """The settings as JSON for a worker process; the OPA token is left out."""
        check = self.check
        plain = {
            **asdict(self),
            "check": {
                **check._asdict(),
                "engine_options": check.engine_options._replace(opa_token=None)._asdict(),
                "rule_set": check.rule_set._asdict(),
            },
        }
        return json.dumps(plain, default=str)

    @classmethod
    def from_json(cls, text: str) -> ServeSettings:
        """Settings written by :meth:`to_json`."""
        plain: dict[str, Any] = json.loads(text)
        check: dict[str, Any] = plain.pop("check")
        options = CheckOptions(
            **{
                **check,
                "policy_dir": Path(check["policy_dir"]) if check["policy_dir"] else None,
                "data_files": tuple(Path(p) for p in check["data_files"]),
                "policy_data": Path(check["policy_data"]) if check["policy_data"] else None,
                "engine_options": EngineOptions(**check["engine_options"]),
                "rule_set": RuleSet(**check["rule_set"]),
                "redact": tuple(check["redact"]),
            }
        )
        return cls(check=options, state=StateSettings(**plain.pop("state")), **plain)


def build_app(settings: ServeSettings) -> FastAPI:
    """The application for ``settings`` (loads tokens, rollouts, policy)."""
    tokens = load_tokens(Path(settings.tokens_file)) if settings.tokens_file else None
    rollouts = None
    if settings.rollouts_file:
        require("metrics", "serve --rollouts (controller inputs built from Prometheus)")
        rollouts = load_rollouts(Path(settings.rollouts_file))
    decider = Decider(settings.check)
    try:
        store = open_store(settings.state, decider.pipeline.log.path)
    except BaseException:
        decider.close()
        raise
    options = ServeOptions(
        tokens=tokens,
        rollouts=rollouts,
        max_body_bytes=settings.max_body_bytes,
        request_timeout=settings.request_timeout,
        threads=settings.threads,
        clock=Clock(store, decider.pipeline.policy.data),
    )
    return create_app(decider, options)


def export_settings(settings: ServeSettings) -> None:
    """Put the settings in the environment for the worker processes."""
    os.environ[OPTIONS_ENV] = settings.to_json()


def app_from_environment() -> ASGIApp:
    """uvicorn's factory in a worker process."""
    return served(build_app(ServeSettings.from_json(os.environ[OPTIONS_ENV])))
