"""A real OPA server on 127.0.0.1 for the scenarios, when no shared one is given.

Started once per test session on a free port and stopped at the end; the
``opa-server`` engine then uploads the policy set under test to it.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request

from gatekeeper.models._exceptions import EngineError


class OpaProcess:
    """``opa run --server`` on a free loopback port."""

    def __init__(self, binary: str, startup_timeout: float = 20.0) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process = subprocess.Popen(
            [binary, "run", "--server", "--addr", f"127.0.0.1:{self.port}", "--log-level=error"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_healthy(startup_timeout)

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                stderr = self._process.stderr.read().decode() if self._process.stderr else ""
                raise EngineError(f"opa server exited at start: {stderr.strip()[:300]}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        self.stop()
        raise EngineError(f"opa server on {self.url} not healthy after {timeout:.0f} s")

    def stop(self) -> None:
        """Stop the server and wait for it."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process.stderr:
            self._process.stderr.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
