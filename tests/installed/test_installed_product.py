"""The product as a user installs it (``.ci/installed-product.sh``): the wheel and sdist
built, the wheel installed with its extras into a fresh virtual environment outside the
checkout, and every command run from an empty folder.

It takes minutes (a fresh environment with every extra), so it is marked ``slow``:
``.ci/run`` runs the script once as its own step, and ``pytest -m slow`` runs it here.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import REPO_ROOT

SCRIPT = REPO_ROOT / ".ci" / "installed-product.sh"


@pytest.mark.slow
@pytest.mark.opa
def test_success_every_command_works_from_the_installed_wheel() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEKEEPER_")}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        ["bash", str(SCRIPT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=3600,
        check=False,
    )
    tail = (done.stdout + done.stderr)[-4000:]
    assert done.returncode == 0, tail
    assert "installed product: every command ran" in done.stdout, tail
