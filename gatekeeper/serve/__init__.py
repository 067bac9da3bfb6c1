"""``gatekeeper serve``: the check pipeline over HTTP, for rollout controllers.

Needs the ``serve`` extra (FastAPI, uvicorn, prometheus-client); nothing here is
imported by ``gatekeeper check``.
"""

from __future__ import annotations

from gatekeeper.serve._app import ServeOptions, create_app
from gatekeeper.serve._auth import TokenTable, load_tokens
from gatekeeper.serve._decider import Decider
from gatekeeper.serve._live import RolloutsConfig, build_live_input, load_rollouts
from gatekeeper.serve._outcomes import FLAGGER_HOOKS, Outcome, outcome_of

__all__ = [
    "FLAGGER_HOOKS",
    "Decider",
    "Outcome",
    "RolloutsConfig",
    "ServeOptions",
    "TokenTable",
    "build_live_input",
    "create_app",
    "load_rollouts",
    "load_tokens",
    "outcome_of",
]
