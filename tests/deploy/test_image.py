"""The container image starts as a runtime would start it and answers.

deploy/image/build.sh builds the OCI image from Debian packages and the wheel
(cached by the digest of its inputs; .ci/run builds it first), then
deploy/image/start.sh unpacks it and runs its entry point as the image's user
(uid 10001) on its root filesystem mounted read-only. The server answers
``/healthz``, ``/readyz`` and one decision, and logs it on the mounted volume.
Needs root, mmdebstrap, umoci and unshare: without them the test skips, except
under ``CI=true``: fail.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from gatekeeper.models._examples import SPEC_PROMOTION, example
from tests.conftest import REPO_ROOT, free_port
from tests.deploy.conftest import missing

IMAGE_DIR = Path(os.environ.get("GATEKEEPER_IMAGE_DIR") or Path.home() / ".cache/gatekeeper/image")
TOKEN = "image-token-0123456789abcdef"
USER = 10001


@dataclass
class Container:
    process: subprocess.Popen[bytes]
    port: int
    data: Path
    output: Path
    rootfs: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _needs() -> None:
    if os.geteuid() != 0:
        missing("building and starting the image needs root")
    for tool in ("mmdebstrap", "umoci", "unshare", "chroot"):
        if not shutil.which(tool):
            missing(f"{tool} is not installed")


@pytest.fixture(scope="module")
def image() -> str:
    """``OCI_LAYOUT:TAG`` of the image (built, or found up to date)."""
    _needs()
    done = subprocess.run(
        ["bash", str(REPO_ROOT / "deploy/image/build.sh"), "--out", str(IMAGE_DIR)],
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return f"{IMAGE_DIR / 'oci'}:{(IMAGE_DIR / 'tag').read_text().strip()}"


@pytest.fixture(scope="module")
def container(image: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """The image started with a tokens file and a fresh volume, on a free port (once)."""
    tmp_path = tmp_path_factory.mktemp("image")
    data, secrets = tmp_path / "data", tmp_path / "secrets"
    data.mkdir(mode=0o700)
    secrets.mkdir()
    tokens = secrets / "tokens.yaml"
    tokens.write_text(f'"{TOKEN}": ci-pipeline\n')
    tokens.chmod(0o600)
    for path in (data, tokens):
        os.chown(path, USER, USER)
    port = free_port()
    output = tmp_path / "serve.log"
    bundle = tmp_path / "bundle"
    config = _image_command(image, bundle)
    args = list(config)
    args[args.index("--port") + 1] = str(port)
    with output.open("wb") as out:
        process = subprocess.Popen(
            [
                "bash",
                str(REPO_ROOT / "deploy/image/start.sh"),
                image,
                str(bundle),
                str(data),
                str(secrets),
                "--",
                *args,
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Container(process, port, data, output, bundle / "rootfs")
    try:
        _wait_healthy(running)
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        subprocess.run(["rm", "-rf", str(bundle)], check=False)


def _image_command(image: str, bundle: Path) -> list[str]:
    """The image's command (after the entry point), from the unpacked runtime config."""
    subprocess.run(
        ["umoci", "unpack", "--image", image, str(bundle)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    process = json.loads((bundle / "config.json").read_text())["process"]
    assert process["args"][:2] == ["/opt/gatekeeper/bin/gatekeeper", "serve"]
    assert process["user"]["uid"] == USER and process["user"]["gid"] == USER
    command: list[str] = process["args"][2:]
    return command


def _wait_healthy(container: Container, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if container.process.poll() is not None:
            pytest.fail(f"the image exited: {container.output.read_text(errors='replace')}")
        try:
            if httpx.get(f"{container.url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"no /healthz after {timeout}s: {container.output.read_text(errors='replace')}")


def _server_pids(rootfs: Path) -> list[int]:
    """Processes whose root directory is the image's root filesystem."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if Path(os.readlink(entry / "root")) == rootfs:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_the_image_answers_health_readiness_and_a_decision(container: Container) -> None:
    assert httpx.get(f"{container.url}/healthz").json()["status"] == "ok"
    ready = httpx.get(f"{container.url}/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["policy_revision"].startswith("sha256:")
    body = example(SPEC_PROMOTION)
    assert httpx.post(f"{container.url}/v1/decisions", json=body).status_code == 401
    decided = httpx.post(
        f"{container.url}/v1/decisions", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["action"] == "promote"
    records = (container.data / "decisions.jsonl").read_text().splitlines()
    assert decided.json()["decision_id"] in [json.loads(line)["decision_id"] for line in records]
    output = container.output.read_text()
    assert "gatekeeper serve: listening on http://0.0.0.0:" in output
    assert f"policy_revision={ready.json()['policy_revision']}" in output
    assert "decision_log=/var/lib/gatekeeper/decisions.jsonl" in output


def test_the_server_runs_as_the_image_user_on_a_read_only_root(container: Container) -> None:
    pids = _server_pids(container.rootfs)
    assert pids, "no process found in the image's root filesystem"
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        uids = next(line for line in status.splitlines() if line.startswith("Uid:"))
        assert uids.split()[1:] == [str(USER)] * 4, uids
        mounts = Path(f"/proc/{pid}/mountinfo").read_text().splitlines()
        root = next(line.split() for line in mounts if line.split()[4] == "/")
        assert "ro" in root[5].split(","), root
    decided = httpx.post(
        f"{container.url}/v1/decisions",
        json=example(SPEC_PROMOTION),
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert decided.status_code == 200
    owners = {path.stat().st_uid for path in container.data.iterdir()}
    assert owners == {USER}  # the log on the volume is written by the image's user
