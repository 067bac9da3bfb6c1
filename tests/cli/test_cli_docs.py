"""docs/cli.md lists every command and option of the argument parsers, generated from them."""

from __future__ import annotations

import argparse
from pathlib import Path

from gatekeeper.cli._main import build_parser
from tools.cli_docs import BEGIN, END, render_reference, update

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "cli.md"


def _commands(
    parser: argparse.ArgumentParser, prefix: str
) -> list[tuple[str, argparse.ArgumentParser]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((f"{prefix} {name}", sub))
                found += _commands(sub, f"{prefix} {name}")
    return found


def test_success_docs_cli_md_is_in_step_with_the_parsers() -> None:
    written = DOC.read_text(encoding="utf-8")
    assert written == update(written), "docs/cli.md is stale: python -m tools.cli_docs"


def test_success_every_command_and_option_is_documented() -> None:
    written = DOC.read_text(encoding="utf-8")
    reference = written[written.index(BEGIN) : written.index(END)]
    commands = _commands(build_parser(), "gatekeeper")
    assert len(commands) >= 10
    for name, parser in commands:
        assert f"### `{name}`" in reference, name
        section = reference.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        for action in parser._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert f"`{flag}`" in section, f"{name} {flag}"


def test_success_the_generator_is_generic() -> None:
    """A command added later (by any module) shows up with its options, nested or not."""
    parser = argparse.ArgumentParser(prog="gatekeeper")
    commands = parser.add_subparsers()
    serve = commands.add_parser("serve", help="serve decisions over HTTP")
    serve.add_argument("--port", type=int, default=8080, help="TCP port")
    log = commands.add_parser("log", help="inspect the decision log")
    actions = log.add_subparsers()
    show = actions.add_parser("show", help="print records", description="Print records.")
    show.add_argument("--last", metavar="N", help="only the last N records")
    text = render_reference(parser)
    assert "| [`gatekeeper serve`](#gatekeeper-serve) | serve decisions over HTTP |" in text
    assert "| `--port` | `PORT` | TCP port (default: `8080`) |" in text
    assert (
        "### `gatekeeper log show`" in text
        and "| `--last` | `N` | only the last N records |" in text
    )
    assert text.startswith(BEGIN) and text.endswith(END)


def test_success_command_registry_names_every_command_module() -> None:
    import pkgutil

    from gatekeeper import cli as commands

    found = sorted(
        info.name
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    )
    assert sorted(commands.COMMANDS) == found
