"""Shared fixtures: the real ``opa`` binary, real OPA servers on loopback, the policy set.

Tests that need ``opa`` carry ``@pytest.mark.opa`` (or use a fixture below). When
``opa`` is missing they are skipped - except under ``CI=true``, where they fail:
CI must never go green because the tool it checks with was absent.
"""

from __future__ import annotations

import os
import pty
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, Protocol

import pytest

from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._files import PolicySet, default_policy_dir, load_policy_set
from gatekeeper.policy._opa_tool import find_opa_binary
from tests.postgres_cluster import postgres_cluster, postgres_url  # noqa: F401 (fixtures)

REPO_ROOT = Path(__file__).resolve().parent.parent


def in_ci() -> bool:
    """Whether this run is CI (``CI=true``), where a missing real component fails."""
    return os.environ.get("CI", "").lower() == "true"


def missing(reason: str) -> NoReturn:
    """Skip, or fail under ``CI=true``: a test that needs a real component never passes
    without it in CI."""
    if in_ci():
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


def needed_tool(tool: str) -> str:
    """The path of ``tool`` on ``PATH``; :func:`missing` when it is not installed."""
    return shutil.which(tool) or missing(f"{tool} is missing")


def _locate_opa() -> str | None:
    try:
        return find_opa_binary()
    except EngineError:
        return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked ``opa`` skips (fails under CI=true) when the binary is missing."""
    if item.get_closest_marker("opa") is not None and _locate_opa() is None:
        missing("opa is missing: install opa v1.22.2 or set GATEKEEPER_OPA")


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled policies go to this session's own cache folder, never the user's."""
    previous = os.environ.get("GATEKEEPER_CACHE_DIR")
    folder = tmp_path_factory.mktemp("gatekeeper-cache")
    os.environ["GATEKEEPER_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("GATEKEEPER_CACHE_DIR", None)
    else:
        os.environ["GATEKEEPER_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def opa_binary() -> str:
    """Path of the real ``opa`` binary (GATEKEEPER_OPA, PATH, or the Go bin folder)."""
    found = _locate_opa()
    if found is None:
        missing("opa is missing: install opa v1.22.2 or set GATEKEEPER_OPA")
    assert found is not None
    return found


def die_with_parent() -> None:
    """``preexec_fn``: the child gets SIGTERM when the test process dies (Linux), so a
    killed pytest never leaves an OPA server behind."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


AUTHZ_POLICY = """package system.authz

default allow := false

allow if input.identity == "{token}"
"""


@dataclass
class OpaServer:
    """One real ``opa run --server`` process on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path
    token: str | None = None
    args: tuple[str, ...] = field(default=())
    scheme: str = "http"
    ca_file: str | None = None

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        """Terminate the server and wait until its port is closed."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class OpaServerFactory(Protocol):
    def __call__(
        self,
        *paths: str | Path,
        token: str | None = None,
        extra_args: Sequence[str] = (),
        scheme: str = "http",
        ca_file: str | None = None,
    ) -> OpaServer: ...


def _wait_healthy(server: OpaServer, timeout: float = 15.0) -> None:
    import httpx

    headers = {"Authorization": f"Bearer {server.token}"} if server.token else {}
    verify: ssl.SSLContext | bool = (
        ssl.create_default_context(cafile=server.ca_file) if server.ca_file else True
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"opa server exited ({server.process.returncode}): {server.log()}")
        try:
            response = httpx.get(
                f"{server.url}/health",
                headers=headers,
                timeout=1.0,
                verify=verify,
            )
            if response.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"opa server not healthy after {timeout}s: {server.log()}")


class _ServerPool:
    """Starts real OPA servers and terminates every one of them on ``stop_all``."""

    def __init__(self, opa_binary: str, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.opa_binary = opa_binary
        self.tmp_path_factory = tmp_path_factory
        self.servers: list[OpaServer] = []

    def start(
        self,
        *paths: str | Path,
        token: str | None = None,
        extra_args: Sequence[str] = (),
        scheme: str = "http",
        ca_file: str | None = None,
    ) -> OpaServer:
        workdir = self.tmp_path_factory.mktemp("opa-server")
        port = free_port()
        args = [self.opa_binary, "run", "--server", "--addr", f"127.0.0.1:{port}"]
        args += ["--log-level", "error", *extra_args]
        if token is not None:
            authz = workdir / "authz.rego"
            authz.write_text(AUTHZ_POLICY.replace("{token}", token))
            args += ["--authentication=token", "--authorization=basic", str(authz)]
        args += [str(p) for p in paths]
        log_path = workdir / "opa.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                args, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent
            )
        server = OpaServer(process, port, log_path, token, tuple(args), scheme, ca_file)
        self.servers.append(server)
        try:
            _wait_healthy(server)
        except RuntimeError as exc:
            server.stop()
            pytest.fail(str(exc))
        return server

    def stop_all(self) -> None:
        for server in self.servers:
            server.stop()


@pytest.fixture
def opa_server(
    opa_binary: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OpaServerFactory]:
    """Factory: start a real OPA server (optionally loading ``paths``; ``token`` turns on
    ``--authentication=token --authorization=basic`` with a ``system.authz`` policy that
    accepts only that token; ``scheme="https"`` with TLS ``extra_args`` and the
    ``ca_file`` to trust). Every server is terminated at teardown."""
    pool = _ServerPool(opa_binary, tmp_path_factory)
    yield pool.start
    pool.stop_all()


@pytest.fixture(scope="module")
def module_opa_server(
    opa_binary: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OpaServerFactory]:
    """Like ``opa_server``, but the servers live for the whole test module."""
    pool = _ServerPool(opa_binary, tmp_path_factory)
    yield pool.start
    pool.stop_all()


@pytest.fixture(scope="session")
def policy_dir() -> Path:
    """The rule set in force (``$GATEKEEPER_POLICY_DIR`` or the repository's ``rego/``)."""
    return default_policy_dir()


@pytest.fixture(scope="session")
def policy_set(policy_dir: Path) -> PolicySet:
    """gatekeeper's real rule set, read once per session."""
    return load_policy_set(policy_dir)


def run_on_terminal(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[int, bytes, bytes]:
    """Run ``command`` with stderr on a pseudo-terminal: exit code, stdout, and the terminal."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=terminal
        )
        os.close(terminal)
        out, _ = process.communicate(timeout=300)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the other end is closed
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    return process.returncode, out, shown


@contextmanager
def loopback_server(
    on_connection: Callable[[socket.socket, threading.Event], None],
) -> Iterator[str]:
    """A TCP server on 127.0.0.1 (its URL), each connection handed to ``on_connection``
    in a thread of its own; stopped (the event set, the listener closed) on exit."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=on_connection, args=(connection, stop), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()


@pytest.fixture
def bundle_dir(tmp_path: Path) -> Path:
    """The policy staged as a bundle folder with the local revision."""
    from gatekeeper.policy._bundle import default_revision, stage_bundle

    policy = load_policy_set(default_policy_dir())
    folder = tmp_path / "bundle"
    stage_bundle(policy, folder, default_revision(policy))
    return folder


def hiding_modules(folder: Path, *modules: str) -> Path:
    """A folder for ``PYTHONPATH`` that hides ``modules`` from a Python process started on it.

    Its ``sitecustomize`` makes ``importlib.util.find_spec`` answer None for them (what
    gatekeeper asks before an extra's import), and each module itself fails to import.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for module in modules:
        (folder / f"{module}.py").write_text("raise ImportError('hidden by the test')\n")
    (folder / "sitecustomize.py").write_text(
        "import importlib.util\n"
        "_real = importlib.util.find_spec\n"
        f"_HIDDEN = {set(modules)!r}\n"
        "def _find(name, package=None):\n"
        "    return None if name in _HIDDEN else _real(name, package)\n"
        "importlib.util.find_spec = _find\n"
    )
    return folder


def sample_record(document: Mapping[str, Any], **fields: Any) -> dict[str, Any]:
    """A decision-log record of an allowed decision on ``document`` (its ``gate``).

    Policy and engine fields are fixed placeholders; ``fields`` replaces any keyword
    of :func:`gatekeeper.log._decision_log.new_record` (``source``, ``decision_id``...).
    """
    from gatekeeper.log._decision_log import new_record

    gate = str(document.get("gate", "promotion"))
    action = "promote" if gate == "promotion" else "continue"
    settings: dict[str, Any] = {
        "gate": gate,
        "document": document,
        "decision": {"gate": gate, "allow": True, "action": action},
        "policy_digest": "0" * 64,
        "policy_revision": "sha256:000000000000",
        "engine": "embedded",
        "engine_version": "x",
        "exit_code": 0,
    }
    return new_record(**{**settings, **fields})
