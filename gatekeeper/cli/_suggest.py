"""An argument parser that answers a mistyped option or command with the likely one.

``gatekeeper check x.json --fromat json`` says ``did you mean --format?`` (argparse's
own ``suggest_on_error`` exists only from Python 3.14). Sub-command parsers are of the
same class, so every command suggests alike; the exit code stays 2.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from typing import NoReturn

_UNRECOGNIZED = "unrecognized arguments: "
_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)'")


class SuggestingParser(argparse.ArgumentParser):
    """:class:`argparse.ArgumentParser` whose errors name the closest known spelling."""

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
