"""Decisions for the server: ``gatekeeper check``'s pipeline behind a lock and a deadline.

One :class:`gatekeeper._checker.Checker` (one policy set, one engine, one decision
log) serves every request. Input validation, the engine call, the decision model,
the exit semantics and the log record are the ones of ``gatekeeper check``; only
the concurrency is added here. The engine and the log are used by one thread at a
time. A decision is in the log before its answer is returned, and a request whose
time-out passed before its record was written is never logged: the caller gets
"undecided" and the log never holds a decision nobody received.
"""

from __future__ import annotations

import argparse
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gatekeeper._checker import Checker, prepare_input
from gatekeeper._examples import SPEC_ROLLOUT, example
from gatekeeper._exceptions import DecisionLogError, GatekeeperError
from gatekeeper.models import parse_decision


class DeadlineExpired(GatekeeperError):
    """The request's time-out passed before its decision was logged."""


@dataclass(frozen=True)
class Answer:
    """A logged decision: its JSON body (SPEC 5 keys, ``decision_id``...) and exit code."""

    body: dict[str, Any]
    exit_code: int
    gate: str
    action: str
    notes: tuple[str, ...]


class Ticket:
    """Who gets to finish a request: the worker (logs it) or the time-out (abandons it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = "open"

    def claim(self) -> bool:
        """Worker: True when the decision may be logged (the request was not abandoned)."""
        with self._lock:
            if self._state == "abandoned":
                return False
            self._state = "claimed"
            return True

    def abandon(self) -> bool:
        """Time-out: True when the worker has not claimed the request (it will not log)."""
        with self._lock:
            if self._state == "claimed":
                return False
            self._state = "abandoned"
            return True


class Decider:
    """The check pipeline shared by every request of one server."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.checker = Checker(args)
        self._lock = threading.Lock()

    @property
    def engine_name(self) -> str:
        """The engine that decides (``embedded``, ``opa-server``, ``opa-cli``)."""
        return self.checker.engine.name

    def close(self) -> None:
        """Release the engine (after the last request)."""
        with self._lock:
            self.checker.close()

    def decide(
        self,
        document: Mapping[str, Any],
        source: str,
        ticket: Ticket,
    ) -> Answer:
        """Validate, decide and log one input; raise ``GatekeeperError`` when undecided."""
        checked = prepare_input(document, self.args)
        with self._lock:
            outcome = self.checker.decide(checked, source)
            if not ticket.claim():
                raise DeadlineExpired("time-out: no decision was logged")
            self.checker.log.append(outcome.record)
        report = outcome.report
        return Answer(
            body=report.as_json_object(),
            exit_code=outcome.exit_code,
            gate=checked.gate,
            action=report.decision.action,
            notes=checked.notes,
        )

    def probe(self) -> list[str]:
        """Readiness problems: engine answer to a known input, decision log writable."""
        problems: list[str] = []
        probe = example(SPEC_ROLLOUT)
        try:
            with self._lock:
                raw = self.checker.engine.evaluate(probe)
            parse_decision(raw, expected_gate="rollout")
        except GatekeeperError as exc:
            problems.append(f"engine: {exc}")
        problems.extend(log_problems(str(self.checker.log.path)))
        return problems


def log_problems(path: str) -> list[str]:
    """Why the decision log could not be appended to right now (empty when it can)."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.exists(path):
        if not os.access(path, os.W_OK):
            return [f"decision log {path}: not writable"]
        return []
    if not os.path.isdir(folder):
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            return [f"decision log {path}: cannot create its folder: {exc.strerror or exc}"]
    if not os.access(folder, os.W_OK):
        return [f"decision log {path}: folder not writable"]
    return []


__all__ = ["Answer", "DeadlineExpired", "Decider", "DecisionLogError", "Ticket", "log_problems"]
