"""Find the ``opa`` binary: option, ``$GATEKEEPER_OPA``, ``PATH``, then Go's bin folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from gatekeeper._exceptions import EngineError

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
