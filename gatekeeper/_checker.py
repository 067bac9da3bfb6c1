"""The work behind ``gatekeeper check``: input -> engine -> decision -> log -> report.

The command module only parses options; this module wires the stages. Every input
is validated before any engine runs, every decision is appended to the decision
log before it is reported, and anything that goes wrong is a ``GatekeeperError``
(exit 2), never a pass.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from gatekeeper._exceptions import (
    EXIT_BLOCKED,
    EXIT_GO,
    EXIT_UNDECIDED,
    GatekeeperError,
    InputError,
)
from gatekeeper._input import apply_overrides, choose_rule_set, iter_batch
from gatekeeper.decision_log import DecisionLog, log_path, new_record
from gatekeeper.engines import Engine, EngineOptions, open_engine
from gatekeeper.models import (
    DEFAULT_ROLLOUT_PROFILE,
    CheckedInput,
    Decision,
    parse_decision,
    resolve_gate,
    resolve_profile,
    validate_input,
)
from gatekeeper.reports import FORMATS, Report, render

BATCH_CHUNK = 256
"""Decisions of a batch logged (one lock, one fsync) and printed together."""


@dataclass(frozen=True)
class Outcome:
    """One decision, ready to be logged and reported."""

    report: Report
    record: dict[str, Any]

    @property
    def exit_code(self) -> int:
        """0 go, 1 blocked, 2 undecided (``INVALID_INPUT``)."""
        return self.report.exit_code


def exit_code_of(decision: Decision) -> int:
    """The exit code of a decision (SPEC 5; ``INVALID_INPUT`` from the policy is 2)."""
    if decision.is_invalid_input:
        return EXIT_UNDECIDED
    return EXIT_GO if decision.allow else EXIT_BLOCKED


def prepare_input(document: Mapping[str, Any], args: argparse.Namespace) -> CheckedInput:
    """Apply ``--gate`` and the caller's rule set (``--profile/--environment``), then validate.

    A rollout input is decided with the profile the caller chose (``decision-matrix``
    when the caller says nothing), never with one the input names for itself.
    """
    if not isinstance(document, Mapping):
        return validate_input(document)  # raises InputError naming the type
    profile = getattr(args, "profile", None)
    environment = getattr(args, "environment", None)
    filled = apply_overrides(document, gate=getattr(args, "gate", None))
    if resolve_gate(filled) != "rollout":
        return validate_input(apply_overrides(filled, profile=profile, environment=environment))
    chosen = resolve_profile({"profile": profile or DEFAULT_ROLLOUT_PROFILE})
    if "profile" in filled:
        resolve_profile(filled)  # an unknown profile is named as such
    return validate_input(choose_rule_set(filled, chosen, environment))


def _minutes_pending(document: Mapping[str, Any]) -> float | None:
    pending = document.get("pending_decision")
    if isinstance(pending, Mapping):
        minutes = pending.get("minutes_pending")
        if isinstance(minutes, int | float | Decimal) and not isinstance(minutes, bool):
            return float(minutes)
    return None


def engine_options(args: argparse.Namespace) -> EngineOptions:
    """Engine settings from the command-line options."""
    return EngineOptions(
        opa_url=getattr(args, "opa_url", None),
        opa_token=getattr(args, "opa_token", None),
        opa_binary=getattr(args, "opa_binary", None),
        ca_file=getattr(args, "opa_ca_file", None),
        timeout_seconds=getattr(args, "timeout", None) or 10.0,
        load_policy=bool(getattr(args, "opa_upload", False)),
    )


class Checker:
    """One policy set, one engine instance and one decision log, for many decisions."""

    def __init__(self, args: argparse.Namespace) -> None:
        from gatekeeper._policy_files import load_policy_set

        policy_dir = getattr(args, "policy_dir", None)
        data_files = [Path(p) for p in (getattr(args, "data", None) or [])]
        self.policy = load_policy_set(Path(policy_dir) if policy_dir else None, data_files)
        self.log = DecisionLog(log_path(getattr(args, "decision_log", None)))
        self.engine: Engine = open_engine(
            getattr(args, "engine", None) or "embedded", self.policy, engine_options(args)
        )
        try:
            self.engine_version = self.engine.version()
        except BaseException:
            self.engine.close()
            raise

    def close(self) -> None:
        """Release the engine."""
        self.engine.close()

    def decide(self, checked: CheckedInput, source: str) -> Outcome:
        """Ask the engine about one validated input; nothing is logged yet."""
        raw = self.engine.evaluate(checked.document)
        decision = parse_decision(raw, expected_gate=checked.gate)
        code = exit_code_of(decision)
        record = new_record(
            gate=checked.gate,
            document=checked.document,
            decision=raw,
            policy_digest=self.policy.digest,
            policy_revision=self.policy.revision,
            engine=self.engine.name,
            engine_version=self.engine_version,
            exit_code=code,
            source=source,
        )
        report = Report(
            decision=decision,
            raw=raw,
            decision_id=record["decision_id"],
            time=record["time"],
            exit_code=code,
            source=source,
            engine=self.engine.name,
            engine_version=self.engine_version,
            policy_revision=self.policy.revision,
            policy_digest=self.policy.digest,
            minutes_pending=_minutes_pending(checked.document),
        )
        return Outcome(report=report, record=record)


@contextmanager
def open_checker(args: argparse.Namespace) -> Iterator[Checker]:
    """A :class:`Checker` that is closed on exit."""
    checker = Checker(args)
    try:
        yield checker
    finally:
        checker.close()


@contextmanager
def _output(args: argparse.Namespace) -> Iterator[IO[str]]:
    target = getattr(args, "output", None)
    if not target or target == "-":
        yield sys.stdout
        return
    try:
        handle = open(target, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(f"-o {target}: cannot write: {exc.strerror or exc}") from exc
    try:
        yield handle
    finally:
        handle.close()


def _report_format(args: argparse.Namespace, default: str) -> str:
    name = getattr(args, "format", None) or default
    if name not in FORMATS:
        raise InputError(f"--format {name}: unknown format (expected one of {', '.join(FORMATS)})")
    return str(name)


def run_check(document: Mapping[str, Any], args: argparse.Namespace, source: str = "-") -> int:
    """Decide one already-built input document; log, report, and return the exit code.

    ``document`` is the bare input object (unwrapped). ``args`` holds the options of
    ``gatekeeper check`` (see ``gatekeeper.commands.check``); missing attributes take
    their defaults. This is the entry point for callers that build inputs themselves
    (``--from-metrics``).
    """
    report_format = _report_format(args, "text")
    checked = prepare_input(document, args)
    for note in checked.notes:
        print(f"gatekeeper: note: {note}", file=sys.stderr)
    with open_checker(args) as checker:
        outcome = checker.decide(checked, source)
        checker.log.append(outcome.record)
    text = render(report_format, outcome.report)
    with _output(args) as out:
        out.write(text)
    return outcome.exit_code


def _error_line(number: int, message: str) -> dict[str, Any]:
    return {"line": number, "error": message, "exit_code": EXIT_UNDECIDED}


def run_batch(source: str, args: argparse.Namespace) -> int:
    """Decide every line of a JSON-lines file with one engine; one JSON line out per input.

    A bad line gives an error record (and exit 2) but the other lines are still
    decided. The exit code is the worst of all lines (2 > 1 > 0).
    """
    import json

    if _report_format(args, "json") != "json":
        raise InputError("--batch writes JSON lines: use --format json")
    lines = list(iter_batch(source))
    if not lines:
        raise InputError(f"{source}: no input lines")
    worst = EXIT_GO
    with open_checker(args) as checker, _output(args) as out:
        for start in range(0, len(lines), BATCH_CHUNK):
            results: list[dict[str, Any]] = []
            records: list[dict[str, Any]] = []
            for line in lines[start : start + BATCH_CHUNK]:
                if line.document is None:
                    results.append(_error_line(line.number, line.error or "unusable line"))
                    continue
                try:
                    checked = prepare_input(line.document, args)
                    outcome = checker.decide(checked, f"{source}:{line.number}")
                except GatekeeperError as exc:
                    results.append(_error_line(line.number, str(exc)))
                    continue
                records.append(outcome.record)
                result = {"line": line.number, **outcome.report.as_json_object()}
                result["exit_code"] = outcome.exit_code
                if checked.notes:
                    result["notes"] = list(checked.notes)
                results.append(result)
            checker.log.append_many(records)
            for result in results:
                worst = max(worst, int(result["exit_code"]))
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
    return worst
