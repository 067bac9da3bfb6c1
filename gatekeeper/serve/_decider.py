"""Decisions for the server: ``gatekeeper check``'s pipeline behind a lock and a deadline.

One :class:`gatekeeper.check._pipeline.Pipeline` (one policy set, one engine, one decision
log) serves every request. Input validation, the engine call, the decision model,
the exit semantics and the log record are the ones of ``gatekeeper check``; only
the concurrency is added here. Validation (:meth:`Decider.prepare`) runs on a
worker thread. Decisions run on the event loop: the embedded
engine evaluates on a thread of its own (``_engine_thread``), ``opa-server`` asks
OPA with its asynchronous client; ``opa-cli`` runs on worker threads, in parallel.
Records are written by group commit. A decision is in the log before its
answer is returned, and a request whose time-out passed before its record was
written is never logged: the caller gets "undecided" and the log never holds a
decision nobody received, nor one made after its request's deadline
(:class:`Ticket`).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from gatekeeper.check._options import CheckOptions
from gatekeeper.check._pipeline import Outcome, Pipeline, Prepared, prepare
from gatekeeper.log._writer import DecisionLogWriter
from gatekeeper.models import parse_decision
from gatekeeper.models._examples import ROLLOUT_EXAMPLE, example
from gatekeeper.models._exceptions import DecisionLogError, GatekeeperError
from gatekeeper.serve._engine_thread import EngineThread
from gatekeeper.serve._groups import GroupWorker, Settled, settle

PARALLEL_ENGINES = frozenset({"opa-server", "opa-cli"})
"""Engines that answer out of process and keep no state per call: called in parallel."""


class DeadlineExpired(GatekeeperError):
    """The request's time-out passed before its decision was logged."""


@dataclass(frozen=True)
class Answer:
    """A logged decision: its JSON body (the decision's keys, ``decision_id``...), exit code."""

    body: dict[str, Any]
    exit_code: int
    gate: str
    action: str
    notes: tuple[str, ...]


class Ticket:
    """Who gets to finish a request: the worker (logs it) or the time-out (abandons it).

    ``deadline`` (``time.monotonic()`` seconds) is the request's: the decision may be
    claimed, and so logged, only before it. A decision made later is never logged,
    whatever the thread or coroutine that made it.
    """

    def __init__(self, deadline: float | None = None) -> None:
        self._lock = threading.Lock()
        self._state = "open"
        self.deadline = deadline

    def remaining(self) -> float:
        """Seconds left before the deadline (never negative; infinite without one)."""
        if self.deadline is None:
            return float("inf")
        return max(0.0, self.deadline - time.monotonic())

    def check(self) -> None:
        """Raise ``DeadlineExpired`` when the request is past its deadline (a stage's gate)."""
        with self._lock:
            over = self._over()
        if over:
            raise DeadlineExpired("time-out: no decision within the request's deadline")

    def claim(self) -> bool:
        """Worker: True when the decision may be logged (not abandoned, deadline not past)."""
        with self._lock:
            if self._over():
                self._state = "abandoned"
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

    def _over(self) -> bool:
        """Abandoned, or not claimed by its deadline (asked under the lock)."""
        if self._state != "open":
            return self._state == "abandoned"
        return self.deadline is not None and time.monotonic() >= self.deadline


_Slot = tuple[Mapping[str, Any], "Future[None] | asyncio.Future[None]"]
"""One record waiting for the log writer, and what its thread or coroutine waits on."""


class GroupLog:
    """Group commit: records of concurrent requests go to the log in one append.

    ``append`` returns once its record is written and synced (or raises
    ``DecisionLogError``); the writer thread takes every record waiting, appends
    them with ``DecisionLog.append_many`` (one lock, one fsync, all or nothing) and
    wakes their requests. Under load one fsync covers many decisions.
    """

    def __init__(self, log: DecisionLogWriter) -> None:
        self.log = log
        self._writer = GroupWorker(
            "gatekeeper-log",
            self._write,
            lambda: DecisionLogError("decision log: the server is stopping"),
        )

    def append(self, record: Mapping[str, Any]) -> None:
        """Write ``record``; return when it is in the log."""
        written: Future[None] = Future()
        self._writer.put((record, written))
        written.result()

    async def append_async(self, record: Mapping[str, Any]) -> None:
        """:meth:`append` for a coroutine: the event loop, not a thread, waits."""
        written: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._writer.put((record, written))
        await asyncio.shield(written)  # a cancelled request's record is still written

    def close(self) -> None:
        """Write what is waiting, then stop the writer."""
        self._writer.close()

    def _write(self, batch: list[_Slot]) -> None:
        """Append ``batch`` in one step, then wake its requests (with the error, if any)."""
        error: DecisionLogError | None = None
        try:
            self.log.append_many([record for record, _ in batch])
        except DecisionLogError as exc:
            error = exc
        except Exception as exc:  # never leave a request waiting
            error = DecisionLogError(f"decision log: {type(exc).__name__}: {exc}")
        waiting: list[Settled] = []
        for _, written in batch:
            if isinstance(written, asyncio.Future):  # a cancelled request's: written all the same
                waiting.append((written, None, error))
            elif error is not None:
                written.set_exception(error)
            else:
                written.set_result(None)
        settle(waiting)


class Decider:
    """The check pipeline shared by every request of one server."""

    def __init__(self, options: CheckOptions) -> None:
        self.options = options
        self.pipeline = Pipeline(options)
        self.group_log = GroupLog(self.pipeline.log)
        self._lock = threading.Lock()
        engine = self.pipeline.engine
        self._parallel = engine.name in PARALLEL_ENGINES
        self._engine_thread: EngineThread | None = None
        self._evaluate_async: Callable[[Mapping[str, Any]], Awaitable[dict[str, Any]]] | None
        if callable(getattr(engine, "evaluate_async", None)):
            self._evaluate_async = engine.evaluate_async  # type: ignore[attr-defined]
        elif not self._parallel:  # in process: evaluated on a thread beside the event loop
            self._engine_thread = EngineThread(engine)
            self._evaluate_async = self._engine_thread.evaluate
        else:
            self._evaluate_async = None
        self.native = self._evaluate_async is not None  # decide_async serves the requests

    @property
    def engine_name(self) -> str:
        """The engine that decides (``embedded``, ``opa-server``, ``opa-cli``)."""
        return self.pipeline.engine.name

    def close(self) -> None:
        """Release the engine (after the last request)."""
        self.group_log.close()
        if self._engine_thread is not None:
            self._engine_thread.close()
        with self._lock:
            self.pipeline.close()

    def prepare(
        self,
        document: Mapping[str, Any],
        source: str,
        profile: str | None = None,
        environment: str | None = None,
    ) -> Prepared:
        """Validate ``document`` and encode it for the engine (no engine call, no log).

        ``profile`` and ``environment`` are the caller's choice of rollout rule set
        (``check --profile/--environment``; ``decision-matrix`` when none): the
        input's own fields may only confirm it. CPU work on a large input: the
        server runs it on a worker thread, never on the event loop.
        """
        rule_set = self.options.rule_set._replace(profile=profile, environment=environment)
        return prepare(document, rule_set, source)

    def decide(
        self,
        prepared: Prepared,
        ticket: Ticket,
        settle: Callable[[dict[str, Any]], Mapping[str, Any]] | None = None,
    ) -> Answer:
        """Decide and log one prepared input; raise ``GatekeeperError`` when undecided.

        The decision is logged only when ``ticket`` is claimed before its deadline.
        ``settle`` (the live loop's state) gets the decision's record before it is
        logged and returns keys added to the record and the answer (``rollout``,
        ``pending``); when it raises, nothing is logged.
        """
        ticket.check()
        if self._parallel:
            raw = self.pipeline.evaluate(prepared)
        else:
            with self._lock:
                ticket.check()
                raw = self.pipeline.evaluate(prepared)
        outcome = self.pipeline.finish(prepared, raw)
        extra = settle(outcome.record) if settle is not None else {}
        outcome.record.update(extra)
        if not ticket.claim():
            raise DeadlineExpired("time-out: no decision was logged")
        self.group_log.append(outcome.record)
        return _answer(prepared, outcome, extra)

    async def decide_async(
        self,
        prepared: Prepared,
        claim: Callable[[], None],
        settle: Callable[[dict[str, Any]], Awaitable[Mapping[str, Any]]] | None = None,
    ) -> Answer:
        """:meth:`decide` on the event loop (when :attr:`native`).

        ``claim`` is called once the decision is made, before it is logged: it raises
        ``DeadlineExpired`` when the request's deadline has passed (nothing is
        logged); from then on the request's time-out no longer applies. ``settle``
        is :meth:`decide`'s, awaited (the state store's work runs off the loop).
        """
        assert self._evaluate_async is not None
        raw = await self._evaluate_async(prepared.judged)
        outcome = self.pipeline.finish(prepared, raw)
        extra = await settle(outcome.record) if settle is not None else {}
        outcome.record.update(extra)
        claim()
        await self.group_log.append_async(outcome.record)
        return _answer(prepared, outcome, extra)

    def probe(self) -> list[str]:
        """Readiness problems: engine answer to a known input, decision log writable."""
        problems: list[str] = []
        probe = example(ROLLOUT_EXAMPLE)
        try:
            with self._lock:
                raw = self.pipeline.engine.evaluate(probe)
            parse_decision(raw, expected_gate="rollout")
        except GatekeeperError as exc:
            problems.append(f"engine: {exc}")
        problems.extend(self.pipeline.log.problems())
        return problems


def _answer(prepared: Prepared, outcome: Outcome, extra: Mapping[str, Any] | None = None) -> Answer:
    report = outcome.report
    return Answer(
        body={**report.as_json_object(), **(extra or {})},
        exit_code=outcome.exit_code,
        gate=prepared.gate,
        action=report.decision.action,
        notes=prepared.notes,
    )


__all__ = [
    "Answer",
    "DeadlineExpired",
    "Decider",
    "DecisionLogError",
    "Prepared",
    "Ticket",
]
