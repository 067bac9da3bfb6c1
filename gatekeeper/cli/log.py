"""``gatekeeper log verify|show|keygen``: check, read and anchor the decision log."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gatekeeper.log._postgres_log import PostgresDecisionLog

LOG_HELP = "log file (default: $GATEKEEPER_DECISION_LOG or .gatekeeper/decisions.jsonl)"


def add_log_store_arguments(parser: argparse.ArgumentParser) -> None:
    """``--log-store`` and ``--database-url-file``: where the decision log lives."""
    parser.add_argument(
        "--log-store",
        choices=("file", "postgresql"),
        default="file",
        help="where the decision log lives: file (default) or postgresql (one chain in the "
        "database, shared by replicas; same records)",
    )
    parser.add_argument(
        "--database-url-file",
        metavar="FILE",
        help="PostgreSQL: a file (mode 600) holding the connection URL "
        "(default: $GATEKEEPER_DATABASE_URL); the URL itself is never an argument",
    )


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """Options that select records: time range, gate, action, version id."""
    parser.add_argument("--since", metavar="TIME", help="records at or after TIME (RFC 3339/date)")
    parser.add_argument("--until", metavar="TIME", help="records before TIME (RFC 3339 or date)")
    parser.add_argument("--gate", action="append", metavar="GATE", help="only this gate")
    parser.add_argument("--action", action="append", metavar="ACTION", help="only this action")
    parser.add_argument(
        "--version", action="append", metavar="ID", help="only inputs with this version.id"
    )


def register(subparsers: Any) -> None:
    """Add ``log`` (with ``verify``, ``show`` and ``keygen``) to the command line."""
    parser = subparsers.add_parser(
        "log",
        help="inspect the decision log",
        description="Inspect the decision log written by `gatekeeper check` and `serve`: "
        "a file, or with --log-store postgresql the log in the database.",
    )
    actions = parser.add_subparsers(dest="log_command", metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="check every line, the hash chain and (with --key) the signatures",
        description="Check that every line of the decision log is a complete record and "
        "that the hash chain and the head are intact. With --key, every record and the "
        "head must also carry a valid signature by that key, which detects a rewritten "
        "chain and forged records. Exit 0: intact; 1: edited, removed, reordered, torn, "
        "forged or corrupt (the first bad line is named); 2: the log or key cannot be read.",
    )
    verify.add_argument("path", nargs="?", metavar="PATH", help=LOG_HELP)
    add_log_store_arguments(verify)
    verify.add_argument(
        "--key",
        metavar="FILE",
        help="Ed25519 public key (PEM) the records must be signed with "
        "(default: the file named by $GATEKEEPER_LOG_VERIFY_KEY)",
    )
    verify.set_defaults(handler=handle_verify)
    show = actions.add_parser(
        "show",
        help="list the records, filtered by time, gate, action and version",
        description="List decision records. Filters combine (all must hold); a repeated "
        "filter option accepts any of its values.",
    )
    show.add_argument("path", nargs="?", metavar="PATH", help=LOG_HELP)
    add_log_store_arguments(show)
    add_filter_arguments(show)
    show.add_argument(
        "--format", choices=("text", "json"), default="text", help="json: the records as lines"
    )
    show.set_defaults(handler=handle_show)
    keygen = actions.add_parser(
        "keygen",
        help="create an Ed25519 key pair for signing the log",
        description="Write a new Ed25519 private key (mode 0600; give it to the writers "
        "with --log-key or $GATEKEEPER_LOG_KEY, keep it out of the log's folder) and its "
        "public key (give it to whoever verifies).",
    )
    keygen.add_argument("private", metavar="PRIVATE.pem", help="private key file to create")
    keygen.add_argument("public", metavar="PUBLIC.pem", help="public key file to write")
    keygen.set_defaults(handler=handle_keygen)
    parser.set_defaults(handler=_missing_action(parser))


def _missing_action(parser: argparse.ArgumentParser) -> Any:
    def handler(args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return handler


def postgres_log(args: argparse.Namespace) -> PostgresDecisionLog | None:
    """The PostgreSQL log ``--log-store postgresql`` names, or ``None`` for a file log."""
    from gatekeeper.models._exceptions import InputError

    if args.log_store != "postgresql":
        if args.database_url_file:
            raise InputError("--database-url-file: only with --log-store postgresql")
        return None
    if args.path:
        raise InputError(
            f"{args.path}: with --log-store postgresql the log is in the database, not a file"
        )
    from gatekeeper.models._extras import require

    require("postgres", "--log-store postgresql")
    from pathlib import Path

    from gatekeeper.log._postgres_log import PostgresDecisionLog
    from gatekeeper.state._url import database_url

    url_file = Path(args.database_url_file) if args.database_url_file else None
    return PostgresDecisionLog(database_url(url_file))


def handle_verify(args: argparse.Namespace) -> int:
    """Run ``log verify``: 0 intact, 1 tampered or corrupt, 2 unreadable."""
    from gatekeeper.log._decision_log import log_path, verify_log
    from gatekeeper.log._keys import verifier_from

    verifier = verifier_from(args.key)
    database = postgres_log(args)
    if database is None:
        path: Any = log_path(args.path)
        result = verify_log(path, verifier)
    else:
        try:
            result = database.verify(verifier)
        finally:
            database.close()
        path = result.path
    if result.ok:
        signed = f", signatures valid (key {verifier.key_id})" if verifier else ""
        print(f"{path}: OK, {result.records} record(s), hash chain intact{signed}")
        for note in result.notes:
            print(f"note: {note}")
        return 0
    where = f"line {result.problem_line}: " if result.problem_line is not None else ""
    print(f"{path}: FAILED: {where}{result.problem}")
    return 1


def record_filter(args: argparse.Namespace) -> Any:
    """The :class:`RecordFilter` of the filter options."""
    from gatekeeper.log._query import RecordFilter, parse_time

    return RecordFilter(
        since=parse_time(args.since, "--since") if args.since else None,
        until=parse_time(args.until, "--until") if args.until else None,
        gates=frozenset(args.gate or ()),
        actions=frozenset(args.action or ()),
        versions=frozenset(args.version or ()),
    )


def handle_show(args: argparse.Namespace) -> int:
    """Run ``log show``: print the selected records; 2 when the log cannot be read."""
    from gatekeeper.log._decision_log import canonical_json
    from gatekeeper.log._query import action_of, version_id

    selected = record_filter(args).select(_records(args))
    count = 0
    for number, record in selected:
        count += 1
        if args.format == "json":
            print(canonical_json(record).decode("utf-8"))
            continue
        print(
            f"{number:>6}  {record['time']}  {record['gate']:<9}  "
            f"{action_of(record) or '?':<20}  exit {record['exit_code']}  "
            f"{version_id(record) or '-'}  {record['decision_id']}"
        )
    if args.format == "text":
        print(f"{count} record(s)")
    return 0


def _records(args: argparse.Namespace) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, record)`` of the log the options name, in order."""
    from gatekeeper.log._decision_log import iter_records, log_path

    database = postgres_log(args)
    if database is None:
        yield from iter_records(log_path(args.path))
        return
    try:
        yield from database.records()
    finally:
        database.close()


def handle_keygen(args: argparse.Namespace) -> int:
    """Run ``log keygen``: write a key pair and print its key id."""
    from pathlib import Path

    from gatekeeper.log._keys import generate_key_pair

    key_id = generate_key_pair(Path(args.private), Path(args.public))
    print(f"key {key_id}: private key {args.private}, public key {args.public}")
    return 0
