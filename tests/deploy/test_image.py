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
from typing import Any

import httpx
import pytest

from gatekeeper.models._examples import PROMOTION_EXAMPLE, example
from tests.conftest import REPO_ROOT, free_port, missing

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


@dataclass(frozen=True)
class Unpacked:
    """The image unpacked as a runtime bundle, and its command after the entry point."""

    image: str
    bundle: Path
    command: tuple[str, ...]


@pytest.fixture(scope="module")
def unpacked(image: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Unpacked]:
    bundle = tmp_path_factory.mktemp("image") / "bundle"
    try:
        yield Unpacked(image, bundle, tuple(_image_command(image, bundle)))
    finally:
        subprocess.run(["rm", "-rf", str(bundle)], check=False)


def _volumes(folder: Path, tokens_mode: int = 0o600, tokens_owner: int = USER) -> tuple[Path, Path]:
    """A fresh data volume (the image user's) and a secrets folder with a tokens file."""
    data, secrets = folder / "data", folder / "secrets"
    data.mkdir(mode=0o700)
    secrets.mkdir()
    os.chown(data, USER, USER)
    tokens = secrets / "tokens.yaml"
    tokens.write_text(f'"{TOKEN}": ci-pipeline\n')
    tokens.chmod(tokens_mode)
    os.chown(tokens, tokens_owner, USER)
    return data, secrets


def _start(
    unpacked: Unpacked,
    folder: Path,
    data: Path,
    secrets: Path,
    args: list[str],
    port: int,
    *,
    entrypoint: bool = False,
) -> Container:
    """Run ``deploy/image/start.sh`` on the unpacked image (its output in ``folder``)."""
    output = folder / "serve.log"
    argv = [
        "bash",
        str(REPO_ROOT / "deploy/image/start.sh"),
        unpacked.image,
        str(unpacked.bundle),
        str(data),
        str(secrets),
    ]
    if entrypoint:
        argv.append("--entrypoint")
    with output.open("wb") as out:
        process = subprocess.Popen(
            [*argv, "--", *args], stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Container(process, port, data, output, unpacked.bundle / "rootfs")


def _stop(container: Container) -> None:
    process = container.process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def container(unpacked: Unpacked, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """The image started with its own command (a free port), a tokens file, a fresh volume."""
    folder = tmp_path_factory.mktemp("container")
    data, secrets = _volumes(folder)
    port = free_port()
    args = list(unpacked.command)
    args[args.index("--port") + 1] = str(port)
    running = _start(unpacked, folder, data, secrets, args, port)
    try:
        _wait_healthy(running)
        yield running
    finally:
        _stop(running)


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
    body = example(PROMOTION_EXAMPLE)
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
        json=example(PROMOTION_EXAMPLE),
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert decided.status_code == 200
    owners = {path.stat().st_uid for path in container.data.iterdir()}
    assert owners == {USER}  # the log on the volume is written by the image's user


def test_a_secret_file_as_the_kubelet_lays_it_is_copied_to_0400_then_served(
    unpacked: Unpacked, tmp_path: Path
) -> None:
    """The chart's init step: a Secret file with fsGroup is 0440 root:10001, refused as is."""
    data, secrets = _volumes(tmp_path, tokens_mode=0o440, tokens_owner=0)
    port = free_port()
    serve = [
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--decision-log",
        "/var/lib/gatekeeper/decisions.jsonl",
    ]
    refused = _start(
        unpacked,
        tmp_path,
        data,
        secrets,
        [*serve, "--tokens-file", "/etc/gatekeeper/tokens/tokens.yaml"],
        port,
    )
    assert refused.process.wait(timeout=120) == 2
    assert "readable by group or others" in refused.output.read_text()
    copied = _start(
        unpacked,
        tmp_path,
        data,
        secrets,
        [
            "/bin/sh",
            "-ec",
            "install -m 0400 /etc/gatekeeper/tokens/tokens.yaml /tmp/tokens.yaml; "
            'exec gatekeeper serve --tokens-file /tmp/tokens.yaml "$@"',
            "sh",
            *serve,
        ],
        port,
        entrypoint=True,
    )
    try:
        _wait_healthy(copied)
        decided = httpx.post(
            f"{copied.url}/v1/decisions",
            json=example(PROMOTION_EXAMPLE),
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert decided.status_code == 200, decided.text
        # the server is the namespace's PID 1, as in a pod: SIGTERM still drains and exits 0
        (pid,) = [
            pid
            for pid in _server_pids(copied.rootfs)
            if str(port) in Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        ]
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        assert next(x for x in status if x.startswith("NSpid:")).split()[-1] == "1"
        os.kill(pid, signal.SIGTERM)
        assert copied.process.wait(timeout=60) == 0, copied.output.read_text()
    finally:
        _stop(copied)


def _blob(layout: Path, digest: str) -> dict[str, Any]:
    algorithm, _, value = digest.partition(":")
    loaded: dict[str, Any] = json.loads((layout / "blobs" / algorithm / value).read_text())
    return loaded


def test_the_image_config_names_its_user_port_volume_and_probes(image: str) -> None:
    layout_name, _, tag = image.rpartition(":")
    layout = Path(layout_name)
    index = json.loads((layout / "index.json").read_text())
    ref = "org.opencontainers.image.ref.name"
    (manifest,) = [m for m in index["manifests"] if m["annotations"][ref] == tag]
    config = _blob(layout, _blob(layout, manifest["digest"])["config"]["digest"])["config"]
    assert config["User"] == f"{USER}:{USER}"
    assert config["Entrypoint"] == ["/opt/gatekeeper/bin/gatekeeper", "serve"]
    assert config["ExposedPorts"] == {"8787/tcp": {}}
    assert config["Volumes"] == {"/var/lib/gatekeeper": {}}
    assert "GATEKEEPER_CACHE_DIR=/tmp/gatekeeper-cache" in config["Env"]
    description = config["Labels"]["org.opencontainers.image.description"]
    assert "GET /healthz" in description and "GET /readyz" in description
