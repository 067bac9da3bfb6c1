"""``gatekeeper serve``: the check pipeline over HTTP, for rollout controllers."""

from __future__ import annotations

import argparse
import ipaddress
import os
import signal
from typing import TYPE_CHECKING, Any

from gatekeeper.cli._engine_args import add_engine_arguments, engine_part
from gatekeeper.cli.log import add_log_store_arguments

if TYPE_CHECKING:
    from gatekeeper.serve._factory import ServeSettings
    from gatekeeper.serve._startup import StartupFacts

DESCRIPTION = """\
Serve decisions over HTTP with the same policy, --data, engines and decision log as
`gatekeeper check`: POST /v1/decisions, the Argo Rollouts web metric
(GET /v1/argo/NAMESPACE/NAME) and Flagger webhooks (POST /v1/flagger/HOOK),
/healthz, /readyz, /metrics and /openapi.json.

The caller chooses the rollout rule set, as --profile and --environment do for
`check`: POST /v1/decisions?profile=PROFILE&environment=ENV (default profile
decision-matrix), and the rollouts config's entry for the controller endpoints.
An input's own profile or environment may only confirm that choice (else 400).

Binds 127.0.0.1 unless told otherwise; a non-loopback address needs --tokens-file.
Bearer tokens are read from a file (token -> identity), never from the command
line. SIGTERM stops accepting, finishes the requests in flight, then exits.

In a live rollout serve holds the clock of manual decisions: pending decisions
live in SQLite (--state sqlite, a file beside the decision log, shared by
--workers) or PostgreSQL (--state postgresql, several replicas; the URL from
--database-url-file or $GATEKEEPER_DATABASE_URL, never the command line). People
decide over POST /v1/pending/NAMESPACE/NAME/decision (`gatekeeper decide`);
GET /v1/pending lists what waits (`gatekeeper pending`).
Needs the `serve` extra."""


def register(subparsers: Any) -> None:
    """Add ``serve`` to the command line."""
    parser = subparsers.add_parser(
        "serve",
        help="serve decisions over HTTP (Argo Rollouts, Flagger, any client)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8787, help="port (default 8787)")
    parser.add_argument("--tokens-file", metavar="FILE", help="YAML token -> identity (mode 600)")
    parser.add_argument(
        "--insecure-no-auth",
        action="store_true",
        help="allow a non-loopback address without --tokens-file",
    )
    parser.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate")
    parser.add_argument("--tls-key", metavar="PEM", help="the certificate's private key")
    parser.add_argument("--tls-client-ca", metavar="PEM", help="require client certificates")
    parser.add_argument(
        "--rollouts", metavar="FILE", help="rollouts config (YAML) for the controller endpoints"
    )
    parser.add_argument(
        "--max-body-bytes", type=int, default=1 << 20, help="request body limit (default 1 MiB)"
    )
    parser.add_argument(
        "--request-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="per-request time-out: past it the answer is 503, nothing logged (default 10)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="worker threads for the controller routes and opa-cli (default 4)",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes, one engine each (default 1)"
    )
    parser.add_argument(
        "--graceful-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="on SIGTERM, wait this long for requests in flight (default 30)",
    )
    add_engine_arguments(parser, token_option=False)
    parser.add_argument("--decision-log", metavar="PATH", help="decision log (JSON lines)")
    add_log_store_arguments(parser)
    parser.add_argument(
        "--state",
        choices=("sqlite", "postgresql"),
        default=None,
        help=(
            "where pending manual decisions live (default sqlite, or postgresql with "
            "--log-store postgresql)"
        ),
    )
    parser.add_argument(
        "--state-file",
        metavar="PATH",
        help="SQLite state file (default: gatekeeper-state.sqlite3 beside the decision log)",
    )
    parser.add_argument("--log-level", default="warning", help="server log level (default warning)")
    parser.add_argument(
        "--access-log",
        choices=("off", "json"),
        default="off",
        help="request log on standard error: json is one line per request (method, path, "
        "status, duration_ms, decision_id; never a header or a body) (default off)",
    )
    parser.set_defaults(handler=handle)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_numbers(args: argparse.Namespace) -> None:
    from gatekeeper.models._exceptions import InputError

    if not 0 < args.port < 65536:
        raise InputError(f"--port {args.port}: must be 1..65535")
    if args.max_body_bytes <= 0:
        raise InputError("--max-body-bytes: must be positive")
    if args.request_timeout <= 0 or args.graceful_timeout < 0:
        raise InputError("--request-timeout must be positive, --graceful-timeout not negative")
    if args.threads <= 0 or args.workers <= 0:
        raise InputError("--threads and --workers: must be positive")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise InputError("--tls-cert and --tls-key go together")
    if args.tls_client_ca and not args.tls_cert:
        raise InputError("--tls-client-ca needs --tls-cert and --tls-key")
    if args.state is None:  # the state lives where the log lives, unless told otherwise
        args.state = "postgresql" if args.log_store == "postgresql" else "sqlite"
    if args.state_file and args.state != "sqlite":
        raise InputError("--state-file: only with --state sqlite")
    if args.database_url_file and "postgresql" not in (args.state, args.log_store):
        raise InputError(
            "--database-url-file: only with --state postgresql or --log-store postgresql"
        )


def serve_settings(args: argparse.Namespace) -> ServeSettings:
    """The typed settings of ``serve``, built once from its parsed arguments."""
    from gatekeeper.serve._factory import ServeSettings
    from gatekeeper.state import StateSettings

    return ServeSettings(
        state=StateSettings(args.state, args.state_file, args.database_url_file),
        check=engine_part(args)._replace(
            decision_log=args.decision_log,
            log_store=args.log_store,
            database_url_file=args.database_url_file,
        ),
        tokens_file=args.tokens_file,
        rollouts_file=args.rollouts,
        max_body_bytes=args.max_body_bytes,
        request_timeout=args.request_timeout,
        threads=args.threads,
    )


def handle(args: argparse.Namespace) -> int:
    """Run the server until SIGTERM or SIGINT; 0 after a clean stop."""
    from gatekeeper.models._exceptions import InputError

    _check_numbers(args)
    if not _is_loopback(args.host) and not args.tokens_file and not args.insecure_no_auth:
        raise InputError(
            f"--host {args.host}: not a loopback address; give --tokens-file "
            "(or --insecure-no-auth to serve anyone who can connect)"
        )
    try:
        import uvicorn

        from gatekeeper.serve._app import served
        from gatekeeper.serve._factory import build_app, export_settings
        from gatekeeper.serve._startup import (
            ACCESS_LOG_ENV,
            AnnouncingServer,
            announce,
            with_access_log,
        )
    except ImportError as exc:
        raise InputError(
            f"serve needs the serve extra (pip install 'gatekeeper-policy-gate[serve]'): {exc}"
        ) from exc
    settings = serve_settings(args)
    app = build_app(settings)  # with workers: checks the options and the policy once, here
    common: dict[str, Any] = dict(
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=False,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        ssl_ca_certs=args.tls_client_ca,
        ssl_cert_reqs=2 if args.tls_client_ca else 0,  # ssl.CERT_REQUIRED / CERT_NONE
        timeout_graceful_shutdown=args.graceful_timeout,
        server_header=False,
    )
    facts = startup_facts(args, app)
    if args.workers > 1:
        app.state.service.close()
        export_settings(settings)
        os.environ[ACCESS_LOG_ENV] = args.access_log
        announce(facts)  # the workers bind the socket uvicorn opens here
        uvicorn.run(
            "gatekeeper.serve._startup:app_from_environment",
            factory=True,
            workers=args.workers,
            **common,
        )
        return 0
    config = uvicorn.Config(with_access_log(served(app), args.access_log), **common)
    # uvicorn drains on SIGTERM, then re-raises it to the handler it found: make that
    # handler a no-op so a drained server exits 0 instead of dying by the signal.
    signal.signal(signal.SIGTERM, _drained)
    AnnouncingServer(config, facts).run()
    return 0


def startup_facts(args: argparse.Namespace, app: Any) -> StartupFacts:
    """What the start-up line says about the server ``args`` asked for and ``app`` runs."""
    from gatekeeper.serve._startup import StartupFacts

    service = app.state.service
    decider = service.decider
    scheme = "https" if args.tls_cert else "http"
    host = f"[{args.host}]" if ":" in args.host else args.host
    log = decider.pipeline.log
    return StartupFacts(
        address=f"{scheme}://{host}:{args.port}",
        engine=decider.engine_name,
        policy_revision=decider.pipeline.policy.revision,
        state_store=_where(clock.store) if (clock := service.options.clock) else "none",
        decision_log=str(log.path) if log.path is not None else _where(log),
        workers=args.workers,
    )


def _where(component: Any) -> str:
    """A store's or log's place for people: a file path, or a database URL without password."""
    where = getattr(component, "where", None) or getattr(component, "path", None)
    return str(where) if where is not None else type(component).__name__


def _drained(signum: int, frame: Any) -> None:
    """SIGTERM after uvicorn's graceful shutdown: the requests in flight are answered."""
