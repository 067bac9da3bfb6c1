"""Rego engines behind one protocol: ``embedded`` (OPA's Wasm compiler, in-process),
``opa-server``, ``opa-cli``.

:func:`open_engine` imports only the engine asked for, so the embedded engine
never loads an HTTP client, and ``opa-server`` never loads wasmtime.
"""

from __future__ import annotations

import importlib

from gatekeeper.engines._compare import canonical_decision, decision_differences
from gatekeeper.engines._protocol import Engine, EngineOptions
from gatekeeper.models._contract import DECISION_KEYS
from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._files import PolicySet

ENGINE_NAMES = ("embedded", "opa-server", "opa-cli")
DEFAULT_ENGINE = "embedded"

_IMPLEMENTATIONS = {
    "embedded": ("gatekeeper.engines._embedded", "EmbeddedEngine", None),
    "opa-server": ("gatekeeper.engines._opa_server", "OpaServerEngine", "server"),
    "opa-cli": ("gatekeeper.engines._opa_cli", "OpaCliEngine", None),
}
"""Engine name -> its module, its class, and the extra it needs (checked before import)."""


def open_engine(name: str, policy: PolicySet, options: EngineOptions | None = None) -> Engine:
    """Open engine ``name`` on ``policy``; the caller must ``close()`` it."""
    try:
        module_name, class_name, extra = _IMPLEMENTATIONS[name]
    except KeyError:
        raise EngineError(
            f"unknown engine {name!r}: choose one of {', '.join(ENGINE_NAMES)}"
        ) from None
    if extra is not None:
        from gatekeeper.models._extras import require

        require(extra, f"--engine {name}")
    engine_class = getattr(importlib.import_module(module_name), class_name)
    engine: Engine = engine_class(policy, options or EngineOptions())
    return engine


__all__ = [
    "DECISION_KEYS",
    "DEFAULT_ENGINE",
    "ENGINE_NAMES",
    "Engine",
    "EngineOptions",
    "canonical_decision",
    "decision_differences",
    "open_engine",
]
