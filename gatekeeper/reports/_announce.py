"""Where a report goes: stdout or ``-o FILE``, with the verdict on stderr when it is a file.

When no decision could be made the chosen format still gets a report (an error
test case, a SARIF notification, an annotation), so a CI publisher shows the cause.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from gatekeeper.models._exceptions import EXIT_UNDECIDED, InputError
from gatekeeper.reports import ErrorReport, Report, render_error, verdict_line

TEXT = "text"


def goes_to_file(target: str | None) -> bool:
    """Whether ``-o`` names a file (not absent, not ``-``)."""
    return bool(target) and target != "-"


def write_text(text: str, target: str | None) -> None:
    """Write ``text`` to ``target`` (a path) or to stdout."""
    if not goes_to_file(target):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    assert target is not None
    try:
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError(f"-o {target}: cannot write: {exc.strerror or exc}") from exc


def announce_verdict(report: Report, target: str | None) -> None:
    """Print the one-line verdict to stderr when the report went to a file."""
    if goes_to_file(target):
        print(f"{verdict_line(report)}; report in {target}", file=sys.stderr)


def announce_batch(counts: list[int], target: str | None) -> None:
    """The verdict of a batch on stderr when its JSON lines went to a file."""
    if goes_to_file(target):
        go, blocked, undecided = counts
        print(
            f"gatekeeper: batch: {go + blocked + undecided} lines: {go} go, {blocked} blocked, "
            f"{undecided} undecided; report in {target}",
            file=sys.stderr,
        )


def deliver_error(report_format: str, message: str, source: str, target: str | None) -> None:
    """Write the error report of ``report_format`` (the caller still prints the cause, exit 2).

    Plain text on the console needs none: the cause is already on stderr.
    """
    if report_format == TEXT and not goes_to_file(target):
        return
    now = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    error = ErrorReport(message=message, source=source, time=now, exit_code=EXIT_UNDECIDED)
    try:
        write_text(render_error(report_format, error), target)
    except InputError as exc:
        print(f"gatekeeper: {exc}", file=sys.stderr)
