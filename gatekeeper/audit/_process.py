"""Run the tools the audit reads (``opa``, ``git``); a tool that cannot run is a ``PolicyError``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._opa_tool import run_tool

__all__ = ["git", "run_tool"]


def git(top: Path, args: Sequence[str], what: str) -> str:
    """The output of ``git -C top args``; ``PolicyError`` ``"<what>: <stderr>"`` on refusal."""
    completed = run_tool(["git", "-C", str(top), *args], what)
    if completed.returncode != 0:
        raise PolicyError(f"{what}: {completed.stderr.strip()[:500]}")
    return completed.stdout
