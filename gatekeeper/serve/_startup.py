"""What ``gatekeeper serve`` says about itself: its start-up line and its request log.

The start-up line is one line on standard error once the server listens::

    gatekeeper serve: listening on http://127.0.0.1:8787 engine=embedded
    policy_revision=sha256:... state_store=none decision_log=/var/lib/gatekeeper/decisions.jsonl
    workers=1

(all on one line; values never hold a token or a key, only names and paths).

``--access-log json`` adds one JSON line per request on standard error:
``time``, ``method``, ``path`` (never the query string), ``status``,
``duration_ms`` and, when the answer carries a decision, its ``decision_id``.
Neither a header (so no bearer token) nor a request body is ever written
(docs/security.md, "Request logs").
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACCESS_LOG_ENV = "GATEKEEPER_SERVE_ACCESS_LOG"
"""How ``--access-log`` reaches the worker processes of ``--workers N``."""
MAX_SCANNED_BODY = 1 << 20
"""A response body larger than this is not read for its decision_id."""


@dataclass(frozen=True)
class StartupFacts:
    """What the start-up line reports."""

    address: str
    engine: str
    policy_revision: str
    decision_log: str
    state_store: str = "none"
    workers: int = 1


def announce(facts: StartupFacts, stream: TextIO | None = None) -> None:
    """Write the start-up line (standard error unless ``stream``)."""
    out = stream or sys.stderr
    out.write(
        f"gatekeeper serve: listening on {facts.address} engine={facts.engine} "
        f"policy_revision={facts.policy_revision} state_store={facts.state_store} "
        f"decision_log={facts.decision_log} workers={facts.workers}\n"
    )
    out.flush()


class AnnouncingServer(uvicorn.Server):
    """uvicorn's server, writing the start-up line once its socket listens."""

    def __init__(self, config: uvicorn.Config, facts: StartupFacts) -> None:
        super().__init__(config)
        self.facts = facts

    async def startup(self, sockets: Any = None) -> None:
        """Start as uvicorn does; then, if it listens, announce it."""
        await super().startup(sockets)
        if self.started:
            announce(self.facts)


def _decision_id(content_type: str, body: bytes) -> str | None:
    """The ``decision_id`` of a JSON answer (top level, or of the refused ``decision``)."""
    if not content_type.startswith("application/json") or not body:
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    for holder in (document, document.get("decision")):
        if isinstance(holder, dict) and isinstance(holder.get("decision_id"), str):
            found: str = holder["decision_id"]
            return found
    return None


class JsonAccessLog:
    """ASGI middleware: one JSON line per HTTP request, written after its answer."""

    def __init__(
        self,
        app: ASGIApp,
        write: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.app = app
        self.write = write or _stderr_line
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = self.clock()
        seen: dict[str, Any] = {"status": 500, "type": "", "body": bytearray(), "more": True}

        async def watching(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = int(message["status"])
                for key, value in message.get("headers", []):
                    if key.lower() == b"content-type":
                        seen["type"] = value.decode("latin-1").lower()
            elif message["type"] == "http.response.body" and seen["more"]:
                body: bytearray = seen["body"]
                body.extend(message.get("body", b""))
                if len(body) > MAX_SCANNED_BODY:
                    seen["more"], seen["body"] = False, bytearray()
            await send(message)

        try:
            await self.app(scope, receive, watching)
        finally:
            record: dict[str, Any] = {
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "method": scope.get("method", ""),
                "path": scope.get("path", ""),
                "status": seen["status"],
                "duration_ms": round((self.clock() - started) * 1000, 3),
            }
            decision_id = _decision_id(seen["type"], bytes(seen["body"]))
            if decision_id is not None:
                record["decision_id"] = decision_id
            self.write(json.dumps(record, separators=(",", ":")))


def _stderr_line(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def with_access_log(app: ASGIApp, access_log: str) -> ASGIApp:
    """``app`` behind the request log ``access_log`` asks for (``off``: unchanged)."""
    return JsonAccessLog(app) if access_log == "json" else app


def app_from_environment() -> ASGIApp:
    """uvicorn's factory in a worker process of ``--workers N``, with its request log."""
    from gatekeeper.serve._factory import app_from_environment as plain

    return with_access_log(plain(), os.environ.get(ACCESS_LOG_ENV, "off"))
