"""Calling a running ``gatekeeper serve`` for the on-call commands (``pending``, ``decide``).

The bearer token comes from ``--token-file`` or ``$GATEKEEPER_TOKEN``, never from
the command line (a process listing would show it). ``--ca-file`` trusts a
private CA for an HTTPS server. Needs httpx (the ``server`` extra).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gatekeeper.models._exceptions import InputError

TOKEN_ENV = "GATEKEEPER_TOKEN"
MAX_TOKEN_BYTES = 4096


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    """``--server``, ``--token-file``, ``--ca-file``, ``--timeout``."""
    parser.add_argument("--server", metavar="URL", required=True, help="gatekeeper serve's URL")
    parser.add_argument(
        "--token-file",
        metavar="FILE",
        help=f"a file holding your bearer token (default ${TOKEN_ENV})",
    )
    parser.add_argument("--ca-file", metavar="PEM", help="trust this CA for an HTTPS server")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="default 30")


@dataclass(frozen=True)
class ServerClient:
    """Where the server is and how to authenticate (typed, built once from the options)."""

    url: str
    token: str | None
    ca_file: str | None
    timeout: float

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """``(status, JSON body)``; an ``InputError`` when the server cannot be reached."""
        try:
            import httpx
        except ImportError as exc:
            raise InputError(
                f"needs httpx (pip install 'gatekeeper-policy-gate[server]'): {exc}"
            ) from exc
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        verify: Any = True
        if self.ca_file:
            import ssl

            try:
                verify = ssl.create_default_context(cafile=self.ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise InputError(f"--ca-file {self.ca_file}: {exc}") from exc
        try:
            response = httpx.request(
                method,
                self.url.rstrip("/") + path,
                json=body,
                headers=headers,
                timeout=self.timeout,
                verify=verify,
            )
        except httpx.HTTPError as exc:
            raise InputError(f"--server {self.url}: {type(exc).__name__}: {exc}") from exc
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, {"message": response.text[:500]}


def server_client(args: argparse.Namespace) -> ServerClient:
    """The client of the parsed options (token from the file or the environment)."""
    token: str | None
    if args.token_file:
        path = Path(args.token_file)
        try:
            raw = path.read_bytes()[: MAX_TOKEN_BYTES + 1]
        except OSError as exc:
            raise InputError(f"--token-file {path}: {exc.strerror or exc}") from exc
        if len(raw) > MAX_TOKEN_BYTES:
            raise InputError(f"--token-file {path}: over {MAX_TOKEN_BYTES} bytes")
        token = raw.decode("utf-8", errors="replace").strip() or None
        if token is None:
            raise InputError(f"--token-file {path}: empty")
    else:
        token = os.environ.get(TOKEN_ENV) or None
    if not args.server.startswith(("http://", "https://")):
        raise InputError(f"--server {args.server}: an http:// or https:// URL")
    return ServerClient(args.server, token, args.ca_file, args.timeout)


def failure(status: int, body: Any) -> str:
    """The server's reason for an answer that is not a decision."""
    if isinstance(body, dict):
        return f"HTTP {status}: {body.get('error', 'error')}: {body.get('message', '')}".rstrip()
    return f"HTTP {status}"
