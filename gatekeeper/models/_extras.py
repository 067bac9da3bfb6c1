"""Optional dependencies: which extra brings each, and one message when one is missing.

The core install (``pip install gatekeeper``) runs ``gatekeeper check`` on the
embedded engine. Building inputs from measurements, the OPA server engine and the
scenario suites need extras; a missing one is "no decision" (exit 2) with the
``pip install`` line that fixes it, never an ``ImportError`` trace.
"""

from __future__ import annotations

import importlib.util

from gatekeeper.models._exceptions import GatekeeperError

EXTRAS: dict[str, tuple[str, ...]] = {
    "metrics": ("numpy", "scipy", "pyarrow", "httpx", "httpcore"),
    "server": ("httpx", "httpcore"),
    "bdd": ("pytest", "pytest_bdd"),
    "postgres": ("psycopg",),
}
"""Extra name -> the modules it provides (import names)."""


class MissingDependency(GatekeeperError):
    """An optional dependency needed for the requested work is not installed."""


def install_hint(extra: str) -> str:
    """The command that installs ``extra``."""
    return f"pip install 'gatekeeper-policy-gate[{extra}]'"


def is_installed(module: str) -> bool:
    """Whether ``module`` can be imported (without importing it)."""
    return importlib.util.find_spec(module) is not None


def require(extra: str, purpose: str) -> None:
    """Raise :class:`MissingDependency` naming what is missing for ``purpose``."""
    missing = [module for module in EXTRAS[extra] if not is_installed(module)]
    if missing:
        raise MissingDependency(
            f"{purpose} needs {', '.join(missing)}, not installed: {install_hint(extra)}"
        )
