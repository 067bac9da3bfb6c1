"""Find the ``opa`` binary: option, ``$GATEKEEPER_OPA``, ``PATH``, then Go's bin folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from gatekeeper.models._exceptions import EngineError, PolicyError

OPA_BINARY_ENV = "GATEKEEPER_OPA"


def go_bin_dirs() -> list[Path]:
    """``$GOPATH/bin`` (from the environment, without running ``go``) and ``~/go/bin``."""
    dirs: list[Path] = []
    gopath = os.environ.get("GOPATH")
    if gopath:
        dirs.extend(Path(part) / "bin" for part in gopath.split(os.pathsep) if part)
    dirs.append(Path.home() / "go" / "bin")
    return dirs


def find_opa_binary(configured: str | None = None) -> str:
    """The path of the ``opa`` binary to run, or ``EngineError`` naming where it looked."""
    explicit = configured or os.environ.get(OPA_BINARY_ENV)
    if explicit:
        found = shutil.which(explicit)
        if found is None:
            source = "--opa-binary" if configured else f"${OPA_BINARY_ENV}"
            raise EngineError(f"opa binary not found: {explicit} (from {source})")
        return found
    on_path = shutil.which("opa")
    if on_path:
        return on_path
    looked = [str(d / "opa") for d in go_bin_dirs()]
    for candidate in looked:
        if os.access(candidate, os.X_OK) and Path(candidate).is_file():
            return candidate
    raise EngineError(
        "opa binary not found: not on PATH, nor in "
        + ", ".join(looked)
        + f"; install opa or set --opa-binary / ${OPA_BINARY_ENV}"
    )


def opa_version(binary: str, timeout: float = 10.0) -> str:
    """``opa <version>`` as ``opa version`` prints it."""
    try:
        completed = subprocess.run(
            [binary, "version"], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineError(f"opa binary {binary} cannot run: {exc}") from exc
    if completed.returncode != 0:
        raise EngineError(
            f"opa binary {binary} failed (exit {completed.returncode}): "
            f"{completed.stderr.strip()[:300]}"
        )
    for line in completed.stdout.splitlines():
        if line.startswith("Version:"):
            return f"opa {line.split(':', 1)[1].strip()}"
    return "opa (unknown version)"


OPA_TOOL_TIMEOUT_SECONDS = 120.0
"""How long an ``opa build`` or ``opa sign`` may take before it counts as failed."""


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


def run_opa_tool(command: list[str], cwd: Path, what: str, refused: str) -> None:
    """Run an opa sub-command (``build``, ``sign``) in ``cwd``; ``PolicyError`` when it fails.

    ``what`` names the step when opa cannot run or times out; ``refused`` starts the
    message when opa ran and refused (its own message follows, on one line).
    """
    completed = run_tool(command, f"{what} failed", cwd=cwd, timeout=OPA_TOOL_TIMEOUT_SECONDS)
    if completed.returncode != 0:
        detail = " ".join((completed.stderr or completed.stdout).split())
        raise PolicyError(f"{refused}: {detail[:2000]}")
