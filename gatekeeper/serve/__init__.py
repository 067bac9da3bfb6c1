"""``gatekeeper serve``: the check pipeline over HTTP, for rollout controllers.

Needs the ``serve`` extra (FastAPI, uvicorn, prometheus-client); nothing here is
imported by ``gatekeeper check``.
"""

from __future__ import annotations

from gatekeeper.serve._app import FLAGGER_HOOKS, ServeOptions, create_app
from gatekeeper.serve._auth import TokenTable, load_tokens
from gatekeeper.serve._decider import Decider
from gatekeeper.serve._live import RolloutsConfig, build_live_input, load_rollouts

__all__ = [
    "FLAGGER_HOOKS",
    "Decider",
    "RolloutsConfig",
    "ServeOptions",
    "TokenTable",
    "build_live_input",
    "create_app",
    "load_rollouts",
    "load_tokens",
]
