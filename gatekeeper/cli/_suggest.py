"""An argument parser that answers a mistyped option or command with the likely one.

``gatekeeper check x.json --fromat json`` says ``did you mean --format?`` (argparse's
own ``suggest_on_error`` exists only from Python 3.14). Sub-command parsers are of the
same class, so every command suggests alike; the exit code stays 2.

Help is laid out for the terminal's width as argparse does it, read from ``os``:
argparse asks ``shutil``, whose import (with its compression modules) is about
2 ms of every start-up.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, NoReturn

_UNRECOGNIZED = "unrecognized arguments: "
_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)'")


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: ``$COLUMNS``, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _sized(formatter: Any) -> Any:
    """``formatter`` made as argparse makes it, with the width read when it is made."""

    def make(prog: str) -> argparse.HelpFormatter:
        help_formatter: argparse.HelpFormatter = formatter(prog, width=terminal_columns() - 2)
        return help_formatter

    return make


class SuggestingParser(argparse.ArgumentParser):
    """:class:`argparse.ArgumentParser` whose errors name the closest known spelling."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["formatter_class"] = _sized(kwargs.get("formatter_class", argparse.HelpFormatter))
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        hint = self._suggestion(message)
        super().error(f"{message}{hint}")

    def _suggestion(self, message: str) -> str:
        import difflib  # only on a usage error: start-up stays lean

        if message.startswith(_UNRECOGNIZED):
            known = sorted(set(_option_strings(self)))
            hints = []
            for word in message[len(_UNRECOGNIZED) :].split():
                if not word.startswith("-"):
                    continue
                option = word.split("=", 1)[0]
                close = difflib.get_close_matches(option, known, n=1, cutoff=0.7)
                if close:
                    hints.append(close[0])
            return f" (did you mean {', '.join(hints)}?)" if hints else ""
        match = _INVALID_CHOICE.search(message)
        if match:
            choices = re.findall(r"'([^']*)'", message[match.end() :])
            close = difflib.get_close_matches(match.group(1), choices, n=1, cutoff=0.6)
            return f" (did you mean {close[0]}?)" if close else ""
        return ""


def _option_strings(parser: argparse.ArgumentParser) -> Iterator[str]:
    """Every ``--option`` of ``parser`` and of its sub-command parsers."""
    for action in parser._actions:
        yield from (s for s in action.option_strings if s.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _option_strings(sub)
