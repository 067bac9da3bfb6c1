"""gatekeeper: a policy-as-code gate for promoting and rolling back versions."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
