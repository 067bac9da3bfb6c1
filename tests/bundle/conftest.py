"""Fixtures for the bundle tests: an RSA key pair, a loopback file server, OPA servers."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from _fleet import KeyPair, OpaServer


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _need(tool: str, found: str | None) -> str:
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{tool} is required under CI=true but was not found")
    pytest.skip(f"{tool} not installed")


@pytest.fixture(scope="session")
def bundle_opa(opa_binary: str) -> str:
    """The real opa binary (the shared fixture: fails under CI=true when missing)."""
    return opa_binary


@pytest.fixture(scope="session")
def rsa_keys(tmp_path_factory: pytest.TempPathFactory) -> KeyPair:
    """A fresh 2048-bit RSA key pair made with the openssl CLI."""
    openssl = _need("openssl", shutil.which("openssl"))
    folder = tmp_path_factory.mktemp("keys")
    private, public = folder / "private.pem", folder / "public.pem"
    subprocess.run(
        [
            openssl,
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            str(private),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [openssl, "rsa", "-in", str(private), "-pubout", "-out", str(public)],
        check=True,
        capture_output=True,
    )
    return KeyPair(private, public)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture()
def bundle_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A loopback HTTP server (thread) serving files from a folder: (base URL, folder)."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture()
def start_opa(bundle_opa: str, tmp_path: Path) -> Iterator[Callable[[dict[str, Any]], OpaServer]]:
    """Start real OPA servers on free loopback ports; every one is stopped at teardown."""
    started: list[OpaServer] = []

    def start(config: dict[str, Any]) -> OpaServer:
        index = len(started)
        config_file = tmp_path / f"opa-config-{index}.json"
        config_file.write_text(json.dumps(config), "utf-8")
        log = tmp_path / f"opa-{index}.log"
        port = _free_port()
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [
                    bundle_opa,
                    "run",
                    "--server",
                    "--addr",
                    f"127.0.0.1:{port}",
                    "--log-level",
                    "error",
                    "-c",
                    str(config_file),
                ],
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        server = OpaServer(f"http://127.0.0.1:{port}", process, log)
        started.append(server)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"opa exited early ({process.returncode}): {log.read_text()}")
            try:
                httpx.get(f"{server.url}/health", timeout=1)
                return server
            except httpx.TransportError:
                time.sleep(0.1)
        pytest.fail(f"opa did not listen on {server.url}: {log.read_text()}")

    try:
        yield start
    finally:
        for server in started:
            server.process.terminate()
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait(timeout=10)
