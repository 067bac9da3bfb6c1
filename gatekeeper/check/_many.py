"""``gatekeeper check A.json B.yaml inputs/``: several inputs, one engine, one report.

Folders are searched for ``*.json``, ``*.yaml`` and ``*.yml`` (sorted, recursively).
Each input is decided within its own deadline; an input that cannot be read or decided
is that input's "no decision" (exit 2) and the others are still decided. Every record
is appended to the decision log in one step with the report's publication, and the
exit code is the worst of all inputs (2 > 1 > 0).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gatekeeper.check._input import load_document
from gatekeeper.check._options import CheckOptions
from gatekeeper.check._pipeline import open_pipeline, prepare, report_format
from gatekeeper.limits import decision_deadline
from gatekeeper.models._exceptions import EXIT_UNDECIDED, GatekeeperError, InputError
from gatekeeper.reports import ErrorReport, Report
from gatekeeper.reports._destination import open_destination

INPUT_SUFFIXES = (".json", ".yaml", ".yml")


def input_files(arguments: Sequence[str]) -> list[str]:
    """The input files ``arguments`` name: files as given, folders expanded (sorted)."""
    found: list[str] = []
    for argument in arguments:
        if argument == "-":
            raise InputError("check: - (stdin) cannot be one of several inputs")
        path = Path(argument)
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*") if p.suffix in INPUT_SUFFIXES and p.is_file()
            )
            if not inside:
                raise InputError(f"check: {argument}: no .json, .yaml or .yml input in it")
            found += [str(p) for p in inside]
        elif path.exists():
            found.append(argument)
        else:
            raise InputError(f"check: {argument}: no such file or folder")
    return found


def run_many(sources: Sequence[str], options: CheckOptions) -> int:
    """Decide every input of ``sources``; write one report; return the worst exit code."""
    from gatekeeper.reports._many import render_many, summary_line

    chosen = report_format(options, "text")
    items: list[Report | ErrorReport] = []
    records: list[dict[str, Any]] = []
    with (
        open_destination(options.output, stream=False) as out,
        open_pipeline(options) as pipeline,
    ):
        docs: dict[str, Any] = {}
        for source in sources:
            try:
                with decision_deadline(options.timeout_seconds):
                    prepared = prepare(
                        load_document(source, options.max_input_bytes), options.rule_set, source
                    )
                    outcome = pipeline.decide(prepared)
            except GatekeeperError as exc:
                items.append(_undecided(source, str(exc)))
                continue
            report = outcome.report
            if chosen == "sarif":
                from gatekeeper.policy._rule_docs import rule_docs

                gate = prepared.gate
                if gate not in docs:
                    docs[gate] = rule_docs(pipeline.policy, gate)
                report = report._replace(rules=docs[gate])
            items.append(report)
            records.append(outcome.record)
        text = render_many(chosen, items)
        pipeline.log.append_many(records, publish=lambda: out.publish(text))
    if options.output and options.output != "-":
        print(f"gatekeeper: {summary_line(items)}; report in {options.output}", file=sys.stderr)
    return max(item.exit_code for item in items)


def _undecided(source: str, message: str) -> ErrorReport:
    now = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    return ErrorReport(message=message, source=source, time=now, exit_code=EXIT_UNDECIDED)
