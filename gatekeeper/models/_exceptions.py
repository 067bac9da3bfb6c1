"""Exceptions raised by gatekeeper, and the exit codes they map to.

The tree::

    GatekeeperError              could not decide: exit 2
    ├── InputError               the input file or one of its fields is invalid
    ├── PolicyError              the policy or its data could not be loaded or compiled
    ├── EngineError              the engine failed to answer (down, time-out, bad answer)
    │   └── EngineDisagreement   two engines gave different decisions for one input
    ├── DecisionLogError         a decision could not be written to the decision log
    ├── DeadlineError            the decision was not made within its deadline (--timeout)
    └── MetricsError             measurements could not be turned into a gate input

Every one of them means "no decision": the command line maps them all to exit 2,
which a pipeline must treat as blocked. None of them is ever a pass.

``ShapeRefused`` stands outside the tree: the compiled input schemas
(``gatekeeper/models/_shapes``) raise it when they do not vouch for an input, and it
never leaves ``gatekeeper.models`` (the pydantic models then decide and name the field).
"""

from __future__ import annotations

EXIT_GO = 0
EXIT_BLOCKED = 1
EXIT_UNDECIDED = 2


class GatekeeperError(Exception):
    """Base class: gatekeeper could not reach a decision."""

    exit_code = EXIT_UNDECIDED


class InputError(GatekeeperError):
    """The input is unreadable or invalid; the message names the field."""


class PolicyError(GatekeeperError):
    """The policy or its data could not be loaded, merged or compiled."""


class EngineError(GatekeeperError):
    """The Rego engine did not give a usable decision."""


class EngineDisagreement(EngineError):
    """Two engines gave different decisions for the same input."""


class DecisionLogError(GatekeeperError):
    """A decision could not be appended to the decision log."""


class DeadlineError(GatekeeperError):
    """The whole decision did not finish within its deadline (``--timeout``)."""


class MetricsError(GatekeeperError):
    """Measurements could not be read or aggregated into a gate input."""


class ShapeRefused(ValueError):
    """A compiled input schema does not vouch for an input (caught by the fast check)."""
