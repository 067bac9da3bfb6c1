"""The ASGI application: decisions, controller endpoints, health, metrics, OpenAPI.

Routes (every one but ``/healthz`` and ``/readyz`` needs a bearer token when a
token file is configured)::

    POST /v1/decisions                  an input -> 200 decision | 400 invalid | 503 undecided
                                        (?profile=P&environment=E: the caller's rule set)
    GET  /v1/argo/{namespace}/{name}    Argo Rollouts web metric: 200 decision | 503 undecided
    POST /v1/flagger/{hook}             Flagger webhooks: 2xx go, 412 blocked, 503 undecided
    GET  /healthz  /readyz  /metrics  /openapi.json

The caller chooses the rollout rule set, as ``check --profile/--environment``
does: the query of ``/v1/decisions`` (``decision-matrix`` when it names none),
the rollouts config's entry for the controller routes. An input's own
``profile``/``environment`` may only confirm that choice (else 400). Query
parameters a route does not take are refused, never ignored.

No route changes the policy: it is loaded once, when the server starts.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from gatekeeper import __version__
from gatekeeper.check._input import unwrap
from gatekeeper.models._exceptions import (
    DecisionLogError,
    EngineError,
    GatekeeperError,
    InputError,
    MetricsError,
    PolicyError,
)
from gatekeeper.models._jsontext import parse_json
from gatekeeper.serve._auth import TokenTable, bearer_token
from gatekeeper.serve._decider import Answer, DeadlineExpired, Decider, Ticket
from gatekeeper.serve._live import RolloutsConfig, build_live_input, check_name
from gatekeeper.serve._metrics import ServeMetrics
from gatekeeper.serve._models import DecisionResponse, ErrorResponse, FlaggerPayload, Health

if TYPE_CHECKING:
    import httpx

FLAGGER_HOOKS = ("confirm-rollout", "rollout", "confirm-promotion", "rollback")
ROLLBACK_ACTIONS = frozenset({"auto_rollback", "abort", "abort_and_quarantine"})
_CAUSES: tuple[tuple[type[GatekeeperError], int, str], ...] = (
    (InputError, 400, "input"),
    (DeadlineExpired, 503, "timeout"),
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
        self.http: httpx.Client | None = None  # Prometheus, for the controller routes
        if options.rollouts is not None:
            import httpx

            self.http = httpx.Client()

    def close(self) -> None:
        """After the last request: finish the workers, release the engine."""
        self.pool.shutdown(wait=True)
        if self.http is not None:
            self.http.close()
        self.decider.close()

    def identity(self, request: Request, fallback: str | None = None) -> str | None:
        """The caller's identity; ``Refused`` (401) when tokens are required and missing."""
        if self.options.tokens is None:
            return None
        token = bearer_token(request.headers.get("authorization")) or fallback
        identity = self.options.tokens.identify(token) if token else None
        if identity is None:
            raise Refused(401, "auth", "a valid bearer token is required")
        return identity

    async def body(self, request: Request) -> Any:
        """The request's JSON body, within the size limit, duplicate keys refused."""
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
        try:
            return parse_json(b"".join(chunks).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise Refused(400, "input", f"body: not valid JSON: {exc}") from exc

    async def run(self, route: str, work: Callable[[Ticket], Answer]) -> Answer:
        """Run ``work`` on a worker within the request time-out; count and time it."""

        async def on_worker() -> Answer:
            ticket = Ticket()
            future: Future[Answer] = self.pool.submit(work, ticket)
            future.add_done_callback(_consume)
            waiting = asyncio.wrap_future(future)
            try:
                return await asyncio.wait_for(asyncio.shield(waiting), self.options.request_timeout)
            except TimeoutError:
                if ticket.abandon():
                    raise self._expired() from None
                return await waiting  # already being logged: its answer stands

        return await self._measured(route, on_worker())

    async def run_native(
        self, route: str, work: Callable[[Callable[[], None]], Awaitable[Answer]]
    ) -> Answer:
        """Run ``work`` on the event loop within the request time-out; count and time it.

        ``work`` gets a ``claim`` callable to call when its decision is made, before
        logging it: from then on the time-out no longer applies (as a worker's claim).
        """

        async def on_loop() -> Answer:
            try:
                async with asyncio.timeout(self.options.request_timeout) as scope:
                    return await work(lambda: scope.reschedule(None))
            except TimeoutError:
                raise self._expired() from None

        return await self._measured(route, on_loop())

    def _expired(self) -> DeadlineExpired:
        return DeadlineExpired(f"time-out: no decision within {self.options.request_timeout:g} s")

    async def _measured(self, route: str, running: Awaitable[Answer]) -> Answer:
        started = time.perf_counter()
        try:
            answer = await running
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
        self, namespace: str, name: str, weight: float | None, source: str
    ) -> Callable[[Ticket], Answer]:
        """Work that builds a rollout input from Prometheus, then decides it."""
        rollouts, http = self.options.rollouts, self.http
        if rollouts is None or http is None:
            raise Refused(404, "not_configured", "no rollouts config (--rollouts) is loaded")
        check_name("namespace", namespace)
        check_name("name", name)
        entry = rollouts.entry(namespace, name)  # its profile/environment: the caller's choice

        def work(ticket: Ticket) -> Answer:
            document = build_live_input(rollouts, namespace, name, weight, http)
            return self.decider.decide(
                document, source, ticket, profile=entry.profile, environment=entry.environment
            )

        return work


def _consume(future: Future[Answer]) -> None:
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
    503: {"model": ErrorResponse, "description": "no decision could be made: treat as blocked"},
}
_INPUT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": (
                        'A gate input (bare, or OPA\'s {"input": {...}} form); see '
                        "`gatekeeper schema GATE`. For the approval gate, approvers are "
                        "the authenticated caller and must not be in the body."
                    ),
                }
            }
        },
    }
}


async def decide_request(service: Service, request: Request) -> Response:
    """``POST /v1/decisions``: one input from the body, decided as ``gatekeeper check`` does."""
    try:
        identity = service.identity(request)
        _query(request, "profile", "environment")
        try:
            document = unwrap(await service.body(request))
        except InputError as exc:
            raise Refused(400, "input", str(exc)) from exc
        if document.get("gate") == "approval":
            if "approvers" in document:
                raise InputError(
                    "approvers: taken from the authenticated caller, never from the body"
                )
            if identity is None:
                raise Refused(401, "auth", "the approval gate needs an authenticated caller")
            document = {**document, "approvers": [identity]}
        source = f"http:{identity or 'anonymous'}"
        params = request.query_params
        profile, environment = params.get("profile"), params.get("environment")
        decider = service.decider
        if decider.native:
            answer = await service.run_native(
                "decisions",
                lambda claim: decider.decide_async(
                    document, source, claim, profile=profile, environment=environment
                ),
            )
        else:
            answer = await service.run(
                "decisions",
                lambda ticket: decider.decide(
                    document, source, ticket, profile=profile, environment=environment
                ),
            )
    except Exception as exc:
        return _undecided(exc)
    return _decision_response(answer)


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
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service

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
            "200 with the decision (conditions: `result.allow == true` succeeds, "
            "`result.allow == false` fails); any other status is an Error measurement, "
            "counted against consecutiveErrorLimit. `weight` is the canary weight; "
            "without it the rollout's weight_query is used. The rule set (profile, "
            "environment) is the rollout's entry in the rollouts config."
        ),
    )
    async def argo(
        request: Request, namespace: str, name: str, weight: str | None = None
    ) -> Response:
        try:
            identity = service.identity(request)
            _query(request, "weight")
            work = service.live(
                namespace,
                name,
                _weight(weight, "weight"),
                f"argo:{namespace}/{name}:{identity or 'anonymous'}",
            )
            answer = await service.run("argo", work)
        except Exception as exc:
            return _undecided(exc)
        if answer.exit_code == 2:
            return _decision_response(answer)
        return JSONResponse(answer.body, status_code=200)

    @app.post(
        "/v1/flagger/{hook}",
        response_model=DecisionResponse,
        responses={**_RESPONSES, 412: {"model": ErrorResponse, "description": "blocked"}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": FlaggerPayload.model_json_schema()}},
            }
        },
        summary="Flagger webhooks: confirm-rollout, rollout, confirm-promotion, rollback",
        description=(
            "2xx is go (for `rollback`: roll back now); blocked is 412, undecided 503. "
            "The weight is metadata.weight or the rollout's weight_query; the rule set "
            "(profile, environment) is the rollout's entry in the rollouts config. Flagger "
            "sends no headers: with a token file, metadata.token carries the bearer token."
        ),
    )
    async def flagger(request: Request, hook: str) -> Response:
        try:
            if hook not in FLAGGER_HOOKS:
                raise Refused(404, "not_found", f"hook: one of {', '.join(FLAGGER_HOOKS)}")
            _query(request)
            raw = await service.body(request)
            try:
                payload = FlaggerPayload.model_validate(raw)
            except ValueError as exc:
                raise Refused(400, "input", f"flagger payload: {exc}") from exc
            metadata = payload.metadata or {}
            identity = service.identity(request, fallback=metadata.get("token"))
            work = service.live(
                payload.namespace,
                payload.name,
                _weight(metadata.get("weight"), "metadata.weight"),
                f"flagger:{hook}:{payload.namespace}/{payload.name}:{identity or 'anonymous'}",
            )
            answer = await service.run(f"flagger-{hook}", work)
        except Exception as exc:
            return _undecided(exc)
        if answer.exit_code == 2:
            return _decision_response(answer)
        go = answer.action in ROLLBACK_ACTIONS if hook == "rollback" else answer.exit_code == 0
        return JSONResponse(answer.body, status_code=200 if go else 412)

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
        loop = asyncio.get_running_loop()
        problems = await loop.run_in_executor(service.pool, decider.probe)
        health = Health(
            status="not ready" if problems else "ready",
            problems=problems,
            engine=decider.engine_name,
            policy_revision=decider.pipeline.policy.revision,
        )
        return JSONResponse(health.model_dump(), status_code=503 if problems else 200)

    @app.get("/metrics", summary="Prometheus metrics", response_class=Response)
    async def metrics(request: Request) -> Response:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        try:
            service.identity(request)
        except Refused as exc:
            return _undecided(exc)
        return Response(generate_latest(service.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return app
