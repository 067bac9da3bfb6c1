"""The ASGI application: decisions, controller endpoints, health, metrics, OpenAPI.

Routes (every one but ``/healthz`` and ``/readyz`` needs a bearer token when a
token file is configured, ``/openapi.json`` included)::

    POST /v1/decisions                  an input -> 200 decision | 400 invalid | 503 undecided
                                        (?profile=P&environment=E: the caller's rule set;
                                        ?namespace=N&name=M&revision=R: a live rollout)
    GET  /v1/argo/{namespace}/{name}    Argo Rollouts web metric: 200 decision | 503 undecided
    POST /v1/flagger/{hook}             Flagger webhooks, every type Flagger documents:
                                        2xx or 412 by the decision's outcome | 503 undecided
    GET  /v1/pending                    open pending manual decisions
    POST /v1/pending/{namespace}/{name}/decision
                                        a person decides: 200 approved | 202 partial |
                                        403 refused | 409 nothing pending | 401 no identity
    GET  /healthz  /readyz  /metrics  /openapi.json

In a live rollout (the controller routes, and ``/v1/decisions`` with a rollout's
namespace and name) serve holds the clock of manual decisions (``_clock``) and
people answer them through the approval gate (``_approvals``); docs/controllers.md,
"Manual decisions in a live rollout".

The POST routes take ``Content-Type: application/json`` only (415 otherwise). Each
request has one deadline (``--request-timeout``) from its arrival; bodies are
parsed and validated on worker threads, never on the event loop.

The caller chooses the rollout rule set, as ``check --profile/--environment``
does: the query of ``/v1/decisions`` (``decision-matrix`` when it names none),
the rollouts config's entry for the controller routes. An input's own
``profile``/``environment`` may only confirm that choice (else 400). Query
parameters a route does not take are refused, never ignored.

No route changes the policy: it is loaded once, when the server starts.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.types import ASGIApp, Receive, Scope, Send

from gatekeeper import __version__
from gatekeeper.check._input import unwrap
from gatekeeper.models._contract import DEFAULT_ROLLOUT_PROFILE
from gatekeeper.models._exceptions import (
    DecisionLogError,
    EngineError,
    GatekeeperError,
    InputError,
    MetricsError,
    PolicyError,
)
from gatekeeper.models._jsontext import parse_json
from gatekeeper.serve._approvals import Judged, NotPending, decide_approval, decision_of, listing
from gatekeeper.serve._auth import TokenTable, bearer_token
from gatekeeper.serve._clock import Clock, Settlement
from gatekeeper.serve._decider import Answer, DeadlineExpired, Decider, Prepared, Ticket
from gatekeeper.serve._live import RolloutsConfig, build_live_input, check_name
from gatekeeper.serve._metrics import ServeMetrics
from gatekeeper.serve._models import (
    ApprovalResponse,
    DecisionBody,
    DecisionResponse,
    ErrorResponse,
    FlaggerPayload,
    Health,
    HookResponse,
    PendingList,
)
from gatekeeper.serve._outcomes import (
    FLAGGER_HOOKS,
    READINESS_HOOKS,
    RECORD_HOOKS,
    Outcome,
    check_revision,
    flagger_status,
    outcome_of,
)
from gatekeeper.state import RolloutKey, StateStoreError

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")
_CAUSES: tuple[tuple[type[GatekeeperError], int, str], ...] = (
    (InputError, 400, "input"),
    (DeadlineExpired, 503, "timeout"),
    (StateStoreError, 503, "state"),
    (NotPending, 409, "not_pending"),
    (DecisionLogError, 503, "decision_log"),
    (PolicyError, 503, "policy"),
    (EngineError, 503, "engine"),
    (MetricsError, 503, "metrics"),
)


@dataclass(frozen=True)
class ServeOptions:
    """What the server needs besides the check pipeline's own options."""

    tokens: TokenTable | None = None
    rollouts: RolloutsConfig | None = None
    max_body_bytes: int = 1 << 20
    request_timeout: float = 10.0
    threads: int = 4
    clock: Clock | None = None
    """The live loop's state (pending decisions); None: the controller routes hold no clock."""


def rollout_revision(value: str | None, where: str) -> str:
    """A rollout revision (pod-template hash, checksum), or "" when none was sent."""
    return "" if value is None else check_revision(where, value)


class Refused(Exception):
    """A request refused before any decision (auth, body size, shape)."""

    def __init__(self, status: int, cause: str, message: str) -> None:
        super().__init__(message)
        self.status, self.cause = status, cause


def _error(status: int, cause: str, message: str, **extra: Any) -> JSONResponse:
    body = ErrorResponse(error=cause, message=message, **extra).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status)


def _field_of(message: str) -> str | None:
    head, sep, _ = message.partition(": ")
    return head if sep and " " not in head else None


class Service:
    """Everything the routes share: the decider, auth, Prometheus client, metrics."""

    def __init__(self, decider: Decider, options: ServeOptions) -> None:
        self.decider = decider
        self.options = options
        self.metrics = ServeMetrics()
        self.pool = ThreadPoolExecutor(options.threads, thread_name_prefix="gatekeeper-decide")
        # request bodies are parsed and validated here, never on the event loop
        self.parsers = ThreadPoolExecutor(options.threads, thread_name_prefix="gatekeeper-parse")
        self.http: httpx.Client | None = None  # Prometheus, for the controller routes
        if options.rollouts is not None:
            from gatekeeper.limits._http import deadline_client

            self.http = deadline_client()  # every query ends by its request's deadline

    def close(self) -> None:
        """After the last request: finish the workers, release the engine."""
        self.parsers.shutdown(wait=True)
        self.pool.shutdown(wait=True)
        if self.http is not None:
            self.http.close()
        self.decider.close()
        if self.options.clock is not None:
            self.options.clock.store.shutdown()

    def require_clock(self) -> Clock:
        """The live loop's state; ``Refused`` (404) when serve keeps none."""
        if self.options.clock is None:
            raise Refused(404, "not_configured", "no state store: serve holds no clock")
        return self.options.clock

    def require_rollouts(self) -> RolloutsConfig:
        """The rollouts config; ``Refused`` (404) when serve loaded none."""
        if self.options.rollouts is None:
            raise Refused(404, "not_configured", "no rollouts config (--rollouts) is loaded")
        return self.options.rollouts

    async def on_pool(self, work: Callable[[], T]) -> T:
        """``work()`` on a worker thread (a probe, a read of the state store)."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, work)

    def undecided(self, exc: Exception) -> JSONResponse:
        """The answer to a request that got no decision (``TimeoutError``: its deadline)."""
        return _undecided(self.expired() if isinstance(exc, TimeoutError) else exc)

    def probe(self) -> list[str]:
        """Readiness problems: the decider's, and the state store's."""
        problems = self.decider.probe()
        if self.options.clock is not None:
            try:
                self.options.clock.store.ping()
            except StateStoreError as exc:
                problems.append(f"state: {exc}")
        return problems

    def ticket(self) -> Ticket:
        """A request's ticket, its deadline ``--request-timeout`` from now (its arrival)."""
        return Ticket(time.monotonic() + self.options.request_timeout)

    def identity(self, request: Request, fallback: str | None = None) -> str | None:
        """The caller's identity; ``Refused`` (401) when tokens are required and missing."""
        if self.options.tokens is None:
            return None
        token = bearer_token(request.headers.get("authorization")) or fallback
        identity = self.options.tokens.identify(token) if token else None
        if identity is None:
            raise Refused(401, "auth", "a valid bearer token is required")
        return identity

    async def body(self, request: Request) -> bytes:
        """The request's body, within the size limit; ``Refused`` (415) unless it is JSON."""
        require_json(request)
        limit = self.options.max_body_bytes
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise Refused(413, "body_too_large", f"request body over {limit} bytes")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise Refused(413, "body_too_large", f"request body over {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def off_loop(self, ticket: Ticket, work: Callable[[], T]) -> T:
        """``work()`` on a parser thread (skipped when the deadline passed while it waited)."""
        return await _submit(self.parsers, ticket, work)

    async def run(self, route: str, ticket: Ticket, work: Callable[[Ticket], Answer]) -> Answer:
        """Run ``work`` on a worker within the request's deadline; count and time it."""

        async def on_worker() -> Answer:
            waiting = _submit(self.pool, ticket, lambda: work(ticket))
            try:
                return await asyncio.wait_for(asyncio.shield(waiting), ticket.remaining())
            except TimeoutError:
                if ticket.abandon():
                    raise self.expired() from None
                return await waiting  # already being logged: its answer stands

        return await self._measured(route, on_worker())

    async def run_native(
        self,
        route: str,
        ticket: Ticket,
        work: Callable[[Callable[[], None]], Awaitable[Answer]],
    ) -> Answer:
        """Run ``work`` on the event loop within the request's deadline; count and time it.

        ``work`` gets a ``claim`` callable to call when its decision is made, before
        logging it: it raises ``DeadlineExpired`` when the deadline has passed (the
        decision is not logged); from then on the time-out no longer applies.
        """

        async def on_loop() -> Answer:
            try:
                async with asyncio.timeout(ticket.remaining()) as scope:

                    def claim() -> None:
                        if not ticket.claim():
                            raise self.expired()
                        scope.reschedule(None)

                    return await work(claim)
            except TimeoutError:
                ticket.abandon()
                raise self.expired() from None

        return await self._measured(route, on_loop())

    def expired(self) -> DeadlineExpired:
        return DeadlineExpired(f"time-out: no decision within {self.options.request_timeout:g} s")

    async def _measured(self, route: str, running: Awaitable[Answer]) -> Answer:
        started = time.perf_counter()
        try:
            answer = await running
        except Refused:
            raise
        except GatekeeperError as exc:
            self.metrics.errors.labels(_cause(exc)[1]).inc()
            raise
        except Exception as exc:
            self.metrics.errors.labels("internal").inc()
            raise EngineError(f"internal error: {type(exc).__name__}: {exc}") from exc
        finally:
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)
        self.metrics.decisions.labels(answer.gate, answer.action).inc()
        return answer

    def live(
        self, namespace: str, name: str, weight: float | None, source: str, revision: str = ""
    ) -> Callable[[Ticket], Answer]:
        """Work that builds a rollout input from Prometheus, then decides it.

        The Prometheus queries are bounded by the request's deadline (each read and
        the whole of each response), so a Prometheus that drips bytes holds a
        worker thread no longer than the request it serves.
        """
        rollouts, http = self.require_rollouts(), self.http
        assert http is not None  # opened with the rollouts config
        check_name("namespace", namespace)
        check_name("name", name)
        entry = rollouts.entry(namespace, name)  # its profile/environment: the caller's choice
        key = RolloutKey(namespace, name, revision)

        def work(ticket: Ticket) -> Answer:
            document = build_live_input(
                rollouts, namespace, name, weight, http, deadline=ticket.deadline
            )
            prepared, settle = self.prepare_live(
                key, document, source, entry.profile, entry.environment
            )
            return self.decider.decide(prepared, ticket, settle=settle)

        return work

    async def decide(
        self,
        ticket: Ticket,
        request: Request,
        prepare: Callable[[bytes], tuple[Prepared, Settlement | None]],
        body: bytes | None = None,
    ) -> Answer:
        """Decide what ``prepare`` makes of the body (``body``, else the request's).

        A native engine decides on the event loop, the body prepared (and the state
        store written) on a parser thread; any other on a worker thread.
        """
        decider = self.decider
        if not decider.native:
            if body is None:
                async with asyncio.timeout(ticket.remaining()):
                    body = await self.body(request)
            read = body

            def work(held: Ticket) -> Answer:
                prepared, settle = prepare(read)
                return decider.decide(prepared, held, settle=settle)

            return await self.run("decisions", ticket, work)

        async def native(claim: Callable[[], None]) -> Answer:
            read = body if body is not None else await self.body(request)
            prepared, settle = await self.off_loop(ticket, lambda: prepare(read))

            async def settled(record: dict[str, Any]) -> Mapping[str, Any]:
                assert settle is not None
                if not settle.writes(record):
                    return settle(record)  # nothing to start or close: no store call
                return await self.off_loop(ticket, lambda: settle(record))

            return await decider.decide_async(prepared, claim, settled if settle else None)

        return await self.run_native("decisions", ticket, native)

    def prepare_live(
        self,
        key: RolloutKey,
        document: dict[str, Any],
        source: str,
        profile: str | None,
        environment: str | None,
    ) -> tuple[Prepared, Settlement | None]:
        """A live rollout input prepared with serve's ``pending_decision`` (one read of
        the state store), and the ``settle`` that starts or closes it once decided."""
        clock = self.options.clock
        if clock is None:
            return self.decider.prepare(document, source, profile, environment), None
        filled, measured = clock.fill(key, document, f"rollout {key.namespace}/{key.name}")
        prepared = self.decider.prepare(filled, source, profile, environment)
        judged = prepared.checked.document
        chosen = str(judged.get("profile") or profile or DEFAULT_ROLLOUT_PROFILE)
        phase = judged.get("phase_percent")
        phase_percent = float(phase) if isinstance(phase, int | float) else None
        return prepared, clock.settlement(measured, chosen, phase_percent)


def _submit(pool: ThreadPoolExecutor, ticket: Ticket, work: Callable[[], T]) -> asyncio.Future[T]:
    """``work()`` on a thread of ``pool``, skipped when the request's deadline passed
    while it waited."""

    def guarded() -> T:
        ticket.check()
        return work()

    future = pool.submit(guarded)
    future.add_done_callback(_consume)
    return asyncio.wrap_future(future)


def require_json(request: Request) -> None:
    """Refuse (415) a body whose Content-Type is not ``application/json`` (UTF-8).

    A browser may post ``text/plain``, form or multipart bodies to any origin without
    a preflight; requiring JSON keeps a page from deciding (or approving) through a
    server that runs without tokens. See docs/security.md, cross-site posts.
    """
    header = request.headers.get("content-type") or ""
    media, _, params = header.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip().strip('"').lower()
    if media.strip().lower() != "application/json" or charset not in ("", "utf-8", "utf8"):
        shown = header or "none"
        raise Refused(415, "media_type", f"Content-Type: application/json is required, got {shown}")


def parse_body(body: bytes) -> Any:
    """The JSON value of a request body, duplicate keys refused (``Refused`` 400)."""
    try:
        return parse_json(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(400, "input", f"body: not valid JSON: {exc}") from exc


def _consume(future: Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


def _cause(exc: GatekeeperError) -> tuple[int, str]:
    for kind, status, cause in _CAUSES:
        if isinstance(exc, kind):
            return status, cause
    return 503, "undecided"


def _undecided(exc: Exception) -> JSONResponse:
    if isinstance(exc, Refused):
        return _error(exc.status, exc.cause, str(exc))
    if isinstance(exc, GatekeeperError):
        status, cause = _cause(exc)
        message = str(exc)
        return _error(status, cause, message, field=_field_of(message) if status == 400 else None)
    return _error(503, "internal", f"internal error: {type(exc).__name__}")


def _decision_response(answer: Answer) -> JSONResponse:
    if answer.exit_code == 2:
        return _error(
            400,
            "input",
            "the policy judged the input invalid (INVALID_INPUT)",
            decision=answer.body,
        )
    body = dict(answer.body)
    if answer.notes:
        body["notes"] = list(answer.notes)
    return JSONResponse(body, status_code=200)


_STATUS_OF = {"approved": 200, "partial": 202, "refused": 403}


def _approval_response(key: RolloutKey, decision: str, judged: Judged, answer: Answer) -> Response:
    """A person's answer: approved 200, partial 202 (who else is needed), refused 403."""
    approval = {k: v for k, v in answer.body.items() if k not in ("rollout", "pending")}
    body: dict[str, Any] = {
        "outcome": judged.outcome,
        "decision": decision,
        "rollout": {"namespace": key.namespace, "name": key.name, "revision": key.revision},
        "approvers": judged.approvers,
        "decision_id": answer.body["decision_id"],
        "approval": approval,
    }
    if judged.outcome == "approved":
        body["message"] = f"{decision} approved: the next measurement applies it"
    elif judged.outcome == "partial":
        body["needed"] = judged.needed
        body["message"] = (
            f"{decision} recorded for {', '.join(judged.approvers)}: a different person "
            f"holding {' or '.join(judged.needed)} must also decide {decision}"
        )
    else:
        body["reasons"] = answer.body.get("violations", [])
        body["message"] = "refused by the approval gate: nothing changed"
    return JSONResponse(body, status_code=_STATUS_OF[judged.outcome])


def _query(request: Request, *names: str) -> None:
    """Refuse a query parameter other than ``names``, one given twice, or one left empty."""
    params = request.query_params
    unknown = sorted(set(params.keys()) - set(names))
    if unknown:
        expected = f"expected {', '.join(names)}" if names else "this route takes none"
        raise InputError(f"{unknown[0]}: not a query parameter of this route ({expected})")
    for name in names:
        values = params.getlist(name)
        if len(values) > 1:
            raise InputError(f"{name}: given {len(values)} times in the query")
        if values and not values[0]:
            raise InputError(f"{name}: empty in the query")


def _weight(raw: str | None, where: str) -> float | None:
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{where}: not a number: {raw!r}") from None
    if not 0 <= value <= 100:
        raise InputError(f"{where}: a traffic weight in [0, 100], got {raw}")
    return value


_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "invalid input (the field is named)"},
    401: {"model": ErrorResponse, "description": "no valid bearer token"},
    413: {"model": ErrorResponse, "description": "request body too large"},
    415: {"model": ErrorResponse, "description": "Content-Type is not application/json"},
    503: {"model": ErrorResponse, "description": "no decision could be made: treat as blocked"},
}


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI request body of a route that takes JSON of ``schema``."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


_INPUT_BODY = _json_body(
    {
        "type": "object",
        "description": (
            'A gate input (bare, or OPA\'s {"input": {...}} form); see '
            "`gatekeeper schema GATE`. For the approval gate, approvers are "
            "the authenticated caller and must not be in the body."
        ),
    }
)


def _flagger_payload(body: bytes) -> FlaggerPayload:
    """A Flagger webhook's payload (on a parser thread), read as Flagger sends it.

    Fields Flagger may add are kept; a missing or mistyped field is an
    ``InputError`` naming it in words; names and the checksum are checked.
    """
    raw = parse_body(body)
    if not isinstance(raw, dict):
        raise InputError("payload: a JSON object is required (Flagger's CanaryWebhookPayload)")
    try:
        payload = FlaggerPayload.model_validate(raw)
    except ValidationError as exc:
        raise InputError(_payload_problem(exc)) from None
    check_name("namespace", payload.namespace)
    check_name("name", payload.name)
    if payload.checksum:
        check_revision("checksum", payload.checksum)
    return payload


def _payload_problem(exc: ValidationError) -> str:
    """The first problem of a Flagger payload, in words, its field first."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "payload"
    if error["type"] == "missing":
        return f"{where}: missing from the Flagger payload (it is required)"
    return f"{where}: {str(error['msg']).lower()} in the Flagger payload"


_EVENTS = logging.getLogger("gatekeeper.serve.flagger")


def _event_log() -> logging.Logger:
    """The server log of Flagger's informational hooks: one JSON line each, on stderr."""
    if not _EVENTS.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        _EVENTS.addHandler(handler)
        _EVENTS.setLevel(logging.INFO)
        _EVENTS.propagate = False
    return _EVENTS


def _record_hook(hook: str, payload: FlaggerPayload, source: str) -> Response:
    """``post-rollout``, ``event``: a JSON line in the server log (no token), then 200."""
    metadata = {k: v for k, v in (payload.metadata or {}).items() if k != "token"}
    line = {
        "flagger_hook": hook,
        "namespace": payload.namespace,
        "name": payload.name,
        "phase": payload.phase,
        "checksum": payload.checksum,
        "metadata": metadata,
        "source": source,
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    _event_log().info(json.dumps(line, sort_keys=True, ensure_ascii=True))
    return _hook_answer(hook, payload, recorded=True)


def _hook_answer(hook: str, payload: FlaggerPayload, **answer: Any) -> Response:
    """A Flagger hook answered 200 without a decision."""
    about = {"name": payload.name, "namespace": payload.namespace, "checksum": payload.checksum}
    body = HookResponse(hook=hook, **about, **answer)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=200)


async def _readiness_hook(
    service: Service, hook: str, payload: FlaggerPayload, ticket: Ticket
) -> Response:
    """``confirm-rollout``, ``pre-rollout``: go when the gate can decide this canary.

    They run before the canary takes traffic, so no canary metrics are asked for:
    the canary must have an entry in the rollouts config (else 400) and the server
    must be ready as ``/readyz`` says (policy loaded, engine answering, decision log
    writable; else 503).
    """
    service.require_rollouts().entry(payload.namespace, payload.name)
    problems = await asyncio.wait_for(service.on_pool(service.decider.probe), ticket.remaining())
    if problems:
        return _error(503, "not_ready", "; ".join(problems))
    return _hook_answer(hook, payload, outcome="go")


def _controller_answer(answer: Answer, status_of: Callable[[Outcome], int]) -> Response:
    """A decision on a controller route, with its ``outcome`` (docs/controllers.md)."""
    if answer.exit_code == 2:
        return _decision_response(answer)
    try:
        outcome = outcome_of(answer.action)
    except PolicyError as exc:
        return _undecided(exc)
    body = {**answer.body, "outcome": outcome.value}
    return JSONResponse(body, status_code=status_of(outcome))


def _decision_document(body: bytes, identity: str | None) -> dict[str, Any]:
    """The gate input of a ``/v1/decisions`` body (on a parser thread: CPU work)."""
    try:
        document = unwrap(parse_body(body))
    except InputError as exc:
        raise Refused(400, "input", str(exc)) from exc
    if document.get("gate") == "approval":
        if "approvers" in document:
            raise InputError("approvers: taken from the authenticated caller, never from the body")
        if identity is None:
            raise Refused(401, "auth", "the approval gate needs an authenticated caller")
        document = {**document, "approvers": [identity]}
    return document


async def decide_request(service: Service, request: Request) -> Response:
    """``POST /v1/decisions``: one input from the body, decided as ``gatekeeper check`` does.

    The request's deadline (``--request-timeout``) starts when it arrives and covers
    reading, parsing and validating the body, the engine and the log: a decision
    not claimed before it is 503 and never logged. Parsing and validation run on a
    parser thread, so a large body never holds the event loop (docs/security.md).
    """
    ticket = service.ticket()
    try:
        identity = service.identity(request)
        _query(request, "profile", "environment", *LIVE_PARAMS)
        params = request.query_params
        profile, environment = params.get("profile"), params.get("environment")
        if any(name in params for name in LIVE_PARAMS):
            live = await _decide_live(service, request, ticket, identity, profile, environment)
            return _decision_response(live)
        source = f"http:{identity or 'anonymous'}"

        def prepare(body: bytes) -> tuple[Prepared, None]:
            document = _decision_document(body, identity)
            return service.decider.prepare(document, source, profile, environment), None

        answer = await service.decide(ticket, request, prepare)
    except Exception as exc:
        return service.undecided(exc)
    return _decision_response(answer)


LIVE_PARAMS = ("namespace", "name", "revision")


def _live_key(request: Request) -> RolloutKey:
    """The rollout of ``POST /v1/decisions?namespace=N&name=M&revision=R``."""
    params = request.query_params
    namespace, name = params.get("namespace"), params.get("name")
    if namespace is None or name is None:
        missing = "namespace" if namespace is None else "name"
        raise InputError(f"{missing}: a live rollout is named by namespace and name (and revision)")
    return RolloutKey(
        check_name("namespace", namespace),
        check_name("name", name),
        rollout_revision(params.get("revision"), "revision"),
    )


async def _decide_live(
    service: Service,
    request: Request,
    ticket: Ticket,
    identity: str | None,
    profile: str | None,
    environment: str | None,
) -> Answer:
    """``POST /v1/decisions?namespace=N&name=M&revision=R``: one measurement of a live
    rollout, decided with serve's clock (docs/controllers.md, manual decisions)."""
    key = _live_key(request)
    service.require_clock()
    source = f"http:{key.namespace}/{key.name}:{identity or 'anonymous'}"
    async with asyncio.timeout(ticket.remaining()):
        body = await service.body(request)

    def prepare(body: bytes) -> tuple[Prepared, Settlement | None]:
        document = _decision_document(body, identity)
        if document.get("gate", "rollout") != "rollout":
            raise InputError("gate: namespace and name name a live rollout: a rollout input")
        document.setdefault("gate", "rollout")
        return service.prepare_live(key, document, source, profile, environment)

    return await service.decide(ticket, request, prepare, body)


class DecisionsFastPath:
    """ASGI: ``POST /v1/decisions`` straight to :func:`decide_request`, the rest to ``app``.

    The route stays declared on the application (OpenAPI, the same handler); this
    path only skips the framework's middleware and per-request dependency
    resolution: about a seventh of a decision's Python work on this route.
    """

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"] == "/v1/decisions"
        ):
            response = await decide_request(self.service, Request(scope, receive))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def served(app: FastAPI) -> ASGIApp:
    """What the server runs: ``app`` (from :func:`create_app`) behind the decisions path."""
    return DecisionsFastPath(app, app.state.service)


def create_app(decider: Decider, options: ServeOptions | None = None) -> FastAPI:
    """The application serving ``decider``; it closes the decider when it shuts down."""
    service = Service(decider, options or ServeOptions())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            service.close()

    app = FastAPI(
        title="gatekeeper",
        version=__version__,
        description="Promotion, rollout and approval decisions over HTTP (the `check` pipeline).",
        lifespan=lifespan,
        docs_url=None,  # no /docs, no /redoc: pages that load scripts from elsewhere
        redoc_url=None,
        openapi_url=None,  # served below, behind the token like every route but health
    )
    app.state.service = service

    _decision_routes(app, service)
    _pending_routes(app, service)
    _health_routes(app, service)
    return app


def _decision_routes(app: FastAPI, service: Service) -> None:
    """``POST /v1/decisions`` and the controllers' routes (Argo Rollouts, Flagger)."""

    @app.post(
        "/v1/decisions",
        response_model=DecisionResponse,
        responses=_RESPONSES,
        openapi_extra=_INPUT_BODY,
        summary="Decide one input, as `gatekeeper check` does",
        description=(
            "The caller chooses the rollout rule set with `profile` (default "
            "decision-matrix) and, for the environment profile, `environment`, as "
            "`gatekeeper check --profile/--environment` do. The input's own `profile` "
            "or `environment` may only confirm that choice: a different value is 400."
        ),
    )
    async def decisions(
        request: Request,
        profile: str | None = Query(None, description="rollout profile (default decision-matrix)"),
        environment: str | None = Query(None, description="environment (environment profile)"),
    ) -> Response:
        return await decide_request(service, request)

    @app.get(
        "/v1/argo/{namespace}/{name}",
        response_model=DecisionResponse,
        responses=_RESPONSES,
        summary="Argo Rollouts web metric: the rollout gate on live Prometheus data",
        description=(
            "200 with the decision and its `outcome` (docs/controllers.md): the "
            'AnalysisTemplate\'s `successCondition: result.outcome == "go"` and '
            '`failureCondition: result.outcome == "rollback"` make not_yet and '
            "awaiting_decision Inconclusive measurements. Any other status is "
            "undecided, an Error measurement counted against consecutiveErrorLimit, "
            "never a go. `weight` is the canary weight (without it the rollout's "
            "weight_query is used); `revision` the pod-template hash of the canary "
            "(`valueFrom: podTemplateHashValue: Latest`). The rule set (profile, "
            "environment) is the rollout's entry in the rollouts config."
        ),
    )
    async def argo(
        request: Request,
        namespace: str,
        name: str,
        weight: str | None = Query(None, description="the canary's traffic weight, 0-100"),
        revision: str | None = Query(
            None,
            description=(
                "the canary's pod-template hash (a Kubernetes label value): each revision "
                "has its own clock of manual decisions"
            ),
        ),
    ) -> Response:
        ticket = service.ticket()
        try:
            identity = service.identity(request)
            _query(request, "weight", "revision")
            work = service.live(
                namespace,
                name,
                _weight(weight, "weight"),
                f"argo:{namespace}/{name}:{identity or 'anonymous'}",
                rollout_revision(revision, "revision"),
            )
            answer = await service.run("argo", ticket, work)
        except Exception as exc:
            return service.undecided(exc)
        return _controller_answer(answer, lambda _: 200)

    @app.post(
        "/v1/flagger/{hook}",
        response_model=DecisionResponse | HookResponse,
        responses={
            **_RESPONSES,
            412: {"model": DecisionResponse, "description": "the decision, not a go for this hook"},
        },
        openapi_extra=_json_body(FlaggerPayload.model_json_schema()),
        summary="Flagger webhooks: every hook type Flagger documents",
        description=(
            "`rollout`: 2xx for the outcomes go, not_yet and awaiting_decision (waiting is "
            "not a failed check), 412 for rollback. `confirm-traffic-increase`, "
            "`confirm-promotion`: 2xx for go only, else 412 (Flagger halts without "
            "counting a failure). `rollback`: 2xx for rollback only (roll back now), else "
            "412. These answer the decision with its `outcome`; undecided is 503. "
            "`confirm-rollout`, `pre-rollout`: no canary metrics (the canary takes no "
            "traffic yet): 2xx when the canary has a rollouts-config entry and the server "
            "is ready, else 400/503. `post-rollout`, `event`: accepted (2xx) and written "
            "to the server log as one JSON line. The payload is Flagger's "
            "CanaryWebhookPayload (other fields are kept; `checksum` is the canary's "
            "revision). The weight is metadata.weight or the rollout's weight_query; the "
            "rule set is the rollout's entry in the rollouts config. Flagger sends no "
            "headers: with a token file, metadata.token carries the bearer token."
        ),
    )
    async def flagger(request: Request, hook: str) -> Response:
        ticket = service.ticket()
        try:
            if hook not in FLAGGER_HOOKS:
                raise Refused(404, "not_found", f"hook: one of {', '.join(FLAGGER_HOOKS)}")
            _query(request)
            async with asyncio.timeout(ticket.remaining()):
                body = await service.body(request)
                payload = await service.off_loop(ticket, lambda: _flagger_payload(body))
            metadata = payload.metadata or {}
            identity = service.identity(request, fallback=metadata.get("token"))
            source = f"flagger:{hook}:{payload.namespace}/{payload.name}:{identity or 'anonymous'}"
            if hook in RECORD_HOOKS:
                return _record_hook(hook, payload, source)
            if hook in READINESS_HOOKS:
                return await _readiness_hook(service, hook, payload, ticket)
            work = service.live(
                payload.namespace,
                payload.name,
                _weight(metadata.get("weight"), "metadata.weight"),
                source,
                rollout_revision(payload.checksum or None, "checksum"),
            )
            answer = await service.run(f"flagger-{hook}", ticket, work)
        except Exception as exc:
            return service.undecided(exc)
        return _controller_answer(answer, lambda outcome: flagger_status(hook, outcome))


def _pending_routes(app: FastAPI, service: Service) -> None:
    """People's manual decisions: the open ones, and a person's answer to one."""
    decider = service.decider

    @app.get(
        "/v1/pending",
        response_model=PendingList,
        responses={401: _RESPONSES[401], 503: _RESPONSES[503]},
        summary="Open pending manual decisions: who may decide, by when, what happens otherwise",
    )
    async def pending_list(request: Request) -> Response:
        try:
            service.identity(request)
            _query(request)
            clock = service.require_clock()
            data = decider.pipeline.policy.data
            entries = await service.on_pool(lambda: listing(clock, data))
        except Exception as exc:
            return service.undecided(exc)
        return JSONResponse({"pending": entries})

    @app.post(
        "/v1/pending/{namespace}/{name}/decision",
        response_model=ApprovalResponse,
        responses={
            **_RESPONSES,
            202: {"model": ApprovalResponse, "description": "partial: another person is needed"},
            403: {"model": ApprovalResponse, "description": "refused by the approval gate"},
            409: {"model": ErrorResponse, "description": "nothing pending, decided or expired"},
        },
        openapi_extra=_json_body(DecisionBody.model_json_schema()),
        summary="A person decides a pending manual decision (continue or rollback)",
        description=(
            "The caller is the bearer token's identity (a token file is required: 401 "
            "without one); its roles come from the roster. The approval gate judges the "
            "answer through the same pipeline and decision log as every decision: 200 "
            "approved (the next measurement applies it), 202 partial (a joint cell waits "
            "for a second, different person), 403 refused (nothing changes), 409 when "
            "nothing is pending for the revision, it was decided, or its window ended."
        ),
    )
    async def pending_decision(request: Request, namespace: str, name: str) -> Response:
        ticket = service.ticket()
        try:
            identity = service.identity(request)
            if identity is None:
                raise Refused(
                    401, "auth", "deciding needs an authenticated caller: serve with --tokens-file"
                )
            _query(request)
            clock = service.require_clock()
            check_name("namespace", namespace)
            check_name("name", name)
            async with asyncio.timeout(ticket.remaining()):
                body = await service.body(request)
            decision, revision = await service.off_loop(
                ticket, lambda: decision_of(parse_body(body))
            )
            key = RolloutKey(namespace, name, rollout_revision(revision, "revision"))
            judged = Judged()
            answer = await service.run(
                "pending",
                ticket,
                lambda held: decide_approval(decider, clock, key, decision, identity, held, judged),
            )
        except Exception as exc:
            return service.undecided(exc)
        if answer.exit_code == 2:
            return _decision_response(answer)
        return _approval_response(key, decision, judged, answer)


def _health_routes(app: FastAPI, service: Service) -> None:
    """Liveness, readiness, the OpenAPI document and the metrics."""
    decider = service.decider

    @app.get("/healthz", response_model=Health, summary="The process is up")
    async def healthz() -> Health:
        return Health(status="ok")

    @app.get(
        "/readyz",
        response_model=Health,
        responses={503: {"model": Health}},
        summary="Policy loaded, engine answered a probe, decision log writable",
    )
    async def readyz() -> Response:
        problems = await service.on_pool(service.probe)
        health = Health(
            status="not ready" if problems else "ready",
            problems=problems,
            engine=decider.engine_name,
            policy_revision=decider.pipeline.policy.revision,
        )
        return JSONResponse(health.model_dump(), status_code=503 if problems else 200)

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi(request: Request) -> Response:
        try:
            service.identity(request)
        except Refused as exc:
            return _undecided(exc)
        return JSONResponse(app.openapi())

    @app.get("/metrics", summary="Prometheus metrics", response_class=Response)
    async def metrics(request: Request) -> Response:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        try:
            service.identity(request)
        except Refused as exc:
            return _undecided(exc)
        return Response(generate_latest(service.metrics.registry), media_type=CONTENT_TYPE_LATEST)
