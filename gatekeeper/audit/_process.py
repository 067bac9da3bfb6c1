"""Run the tools the audit reads (``opa``, ``git``); a tool that cannot run is a ``PolicyError``."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from gatekeeper.models._exceptions import PolicyError


def run_tool(
    command: Sequence[str],
    what: str,
    *,
    cwd: Path | str | None = None,
    timeout: float = 60,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``command``, capturing its text; ``PolicyError`` ``"<what>: <cause>"`` if it cannot."""
    try:
        return subprocess.run(
            list(command),
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PolicyError(f"{what}: {exc}") from exc


def git(top: Path, args: Sequence[str], what: str) -> str:
    """The output of ``git -C top args``; ``PolicyError`` ``"<what>: <stderr>"`` on refusal."""
    completed = run_tool(["git", "-C", str(top), *args], what)
    if completed.returncode != 0:
        raise PolicyError(f"{what}: {completed.stderr.strip()[:500]}")
    return completed.stdout
