"""The one protocol every Rego engine implements.

An engine evaluates gatekeeper's entrypoint (``data.gatekeeper.main.decision``)
for one input document and returns the raw decision object (README, "The decision") as
plain JSON values. It raises :class:`gatekeeper.models._exceptions.EngineError` (or
``PolicyError`` for a policy that does not load) whenever it cannot give one:
an undefined result, a result of the wrong type, a server or binary failure.
It never returns a default or partial decision. Engines never import the input
builder, and reports never import engines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple, Protocol, runtime_checkable


class EngineOptions(NamedTuple):
    """Settings shared by the engines; each engine reads the ones it needs.

    ``None`` means "use the environment, then the default": ``opa_url`` from
    ``GATEKEEPER_OPA_URL`` (else ``http://127.0.0.1:8181``), ``opa_token`` from
    ``GATEKEEPER_OPA_TOKEN``, ``opa_binary`` from ``GATEKEEPER_OPA``, ``PATH``, then
    the Go bin folder. ``connect_retries`` retries only a failed connection, never a
    request that was sent. ``strict_builtin_errors`` makes a built-in error (say, a
    division by zero) an engine error instead of an undefined value in ``opa-server``
    and ``opa-cli``; OPA's Wasm (``embedded``) has no strict mode: there the
    expression is undefined, as in OPA without the flag (the input models keep
    wrong types away from every engine; see docs/engines.md).
    ``timeout_seconds`` bounds each decision (embedded), request (opa-server) or
    process (opa-cli).
    """

    opa_url: str | None = None
    opa_token: str | None = None
    opa_binary: str | None = None
    ca_file: str | None = None
    timeout_seconds: float = 10.0
    connect_retries: int = 2
    upload_policy: bool = True
    strict_builtin_errors: bool = True


@runtime_checkable
class Engine(Protocol):
    """Evaluates gatekeeper's decision entrypoint for one input at a time."""

    name: str

    def version(self) -> str:
        """The engine and its version, for the decision log (``opa 1.22.2``)."""
        ...

    def evaluate(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """Return the raw decision object for ``document`` (the bare input object)."""
        ...

    def close(self) -> None:
        """Release processes, connections and compiled state."""
        ...
