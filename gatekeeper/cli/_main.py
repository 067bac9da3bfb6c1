"""The ``gatekeeper`` command line: parses arguments and hands over to a sub-command.

Start-up is part of every decision's cost (README, "Performance"): ``--version``
is answered before anything else is imported, a command line naming its
sub-command builds that sub-command's parser only, and the cyclic garbage
collector waits while the command line is parsed (start-up allocates thousands of
objects and frees almost none; every command runs with the collector on).
"""

from __future__ import annotations

import gc
import sys

from gatekeeper import __version__, cli

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing for --version
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The top-level parser with every sub-command of ``gatekeeper.cli`` (or ``only`` one)."""
    import importlib

    from gatekeeper.cli._suggest import SuggestingParser

    parser = SuggestingParser(
        prog="gatekeeper",
        description="Policy-as-code gate for promoting and rolling back versions.",
    )
    parser.add_argument("--version", action="version", version=f"gatekeeper {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in cli.COMMANDS if only is None else (only,):
        importlib.import_module(f"gatekeeper.cli.{name}").register(subparsers)
    return parser


def _command_named(arguments: Sequence[str]) -> str | None:
    """The sub-command module the first argument names, or None (help, an unknown name)."""
    if not arguments or "_" in arguments[0]:
        return None
    name = arguments[0].replace("-", "_")  # build-input is the module build_input
    return name if name in cli.COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (0 go, 1 blocked, 2 undecided)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == ["--version"]:  # answered before the sub-commands' parsers are built
        print(f"gatekeeper {__version__}")
        return 0
    from gatekeeper.models._exceptions import EXIT_UNDECIDED, GatekeeperError

    gc.disable()
    try:
        parser = build_parser(_command_named(arguments))
        args = parser.parse_args(arguments)
    finally:
        gc.enable()
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_UNDECIDED
    try:
        return int(handler(args))
    except GatekeeperError as exc:
        print(f"gatekeeper: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("gatekeeper: interrupted", file=sys.stderr)
        return EXIT_UNDECIDED
    except Exception as exc:  # an unexpected failure is still "no decision"
        print(f"gatekeeper: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_UNDECIDED


def console_main() -> None:
    """Entry point of the console script."""
    sys.exit(main())


if __name__ == "__main__":
    console_main()
