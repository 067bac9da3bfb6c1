"""The deployment artefacts' tools: helm (built by .ci/run) and the Kubernetes decoder harness.

Without them the tests skip, except under ``CI=true``: fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import missing


@pytest.fixture(scope="session")
def helm() -> str:
    """The helm binary (``$HELM`` or ``PATH``)."""
    found = os.environ.get("HELM") or shutil.which("helm")
    if not found:
        missing("helm is not installed (.ci/run builds the pinned one)")
    return str(found)


@pytest.fixture(scope="session")
def k8s_decoder() -> str:
    """The strict Kubernetes decoder harness (``harness/build.sh``)."""
    folder = Path(
        os.environ.get("GATEKEEPER_HARNESS_DIR") or Path.home() / ".cache/gatekeeper/harness"
    )
    binary = folder / "k8s-harness"
    if not binary.exists():
        missing(f"{binary} is not built (bash harness/build.sh)")
    return str(binary)
