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
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from gatekeeper._exceptions import (
    EXIT_BLOCKED,
    EXIT_GO,
    EXIT_UNDECIDED,
    InputError,
)
from gatekeeper._input import (
    EVALUATION_TIME,
    apply_overrides,
    choose_rule_set,
    stamp_evaluation_time,
)
from gatekeeper._jsontext import Encoded
from gatekeeper._log_keys import signer_from
from gatekeeper._output import open_destination
from gatekeeper._redaction import redaction_paths
from gatekeeper._report_output import announce_verdict
from gatekeeper._rule_docs import rule_docs
from gatekeeper.decision_log import DecisionLog, log_path, new_record
from gatekeeper.engines import Engine, EngineOptions, open_engine
from gatekeeper.engines._deadline import paused
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


@dataclass(frozen=True)
class Outcome:
    """One decision, ready to be logged and reported."""

    report: Report
    record: dict[str, Any]

    @property
    def exit_code(self) -> int:
        """0 go, 1 blocked, 2 undecided (``INVALID_INPUT``)."""
        return self.report.exit_code


def encode_input(checked: CheckedInput) -> tuple[Encoded, Encoded]:
    """The input as text written once (engine input, digest, record), and it stamped.

    The second is what the engine judges: the input plus its evaluation time.
    """
    try:
        document = Encoded(checked.document)
    except (TypeError, ValueError) as exc:
        raise InputError(f"input is not JSON: {exc}") from exc
    stamp = stamp_evaluation_time({})[EVALUATION_TIME]
    return document, document.with_field(EVALUATION_TIME, stamp)


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


DEFAULT_TIMEOUT_SECONDS = 10.0
"""The deadline of one decision when ``--timeout`` is not given."""


def decision_timeout(args: argparse.Namespace) -> float:
    """The deadline of one decision, in seconds (``--timeout``)."""
    return float(getattr(args, "timeout", None) or DEFAULT_TIMEOUT_SECONDS)


def engine_options(args: argparse.Namespace) -> EngineOptions:
    """Engine settings from the command-line options."""
    return EngineOptions(
        opa_url=getattr(args, "opa_url", None),
        opa_token=getattr(args, "opa_token", None),
        opa_binary=getattr(args, "opa_binary", None),
        ca_file=getattr(args, "opa_ca_file", None),
        timeout_seconds=decision_timeout(args),
        load_policy=bool(getattr(args, "opa_upload", False)),
    )


class Checker:
    """One policy set, one engine instance and one decision log, for many decisions."""

    def __init__(self, args: argparse.Namespace) -> None:
        from gatekeeper._policy_files import load_policy_set

        policy_dir = getattr(args, "policy_dir", None)
        data_files = [Path(p) for p in (getattr(args, "data", None) or [])]
        self.policy = load_policy_set(Path(policy_dir) if policy_dir else None, data_files)
        self.log = DecisionLog(
            log_path(getattr(args, "decision_log", None)),
            signer_from(getattr(args, "log_key", None)),
        )
        self.redact_paths = redaction_paths(getattr(args, "redact", None))
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
        document, judged = encode_input(checked)
        return self.conclude(checked, judged, self.engine.evaluate(judged), source, document)

    def conclude(
        self,
        checked: CheckedInput,
        judged: Mapping[str, Any],
        raw: Any,
        source: str,
        document: Mapping[str, Any] | None = None,
    ) -> Outcome:
        """The outcome of the engine's answer ``raw`` for ``judged`` (``checked``, stamped).

        ``document`` is the input as recorded (``checked.document`` unless given, for
        example as the :class:`Encoded` text :func:`encode_input` made).
        """
        decision = parse_decision(raw, expected_gate=checked.gate)
        code = exit_code_of(decision)
        record = new_record(
            gate=checked.gate,
            document=checked.document if document is None else document,
            decision=raw,
            policy_digest=self.policy.digest,
            policy_revision=self.policy.revision,
            engine=self.engine.name,
            engine_version=self.engine_version,
            exit_code=code,
            source=source,
            redact_paths=self.redact_paths,
        )
        record[EVALUATION_TIME] = judged[EVALUATION_TIME]  # a replay judges waivers at this time
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
    """A :class:`Checker` that is closed on exit.

    Starting the engine is not part of a decision's deadline (it has its own time-outs).
    """
    with paused():
        checker = Checker(args)
    try:
        yield checker
    finally:
        checker.close()


def report_format(args: argparse.Namespace, default: str) -> str:
    """The ``--format`` asked for (or ``default``), refusing an unknown one."""
    name = getattr(args, "format", None) or default
    if name not in FORMATS:
        raise InputError(f"--format {name}: unknown format (expected one of {', '.join(FORMATS)})")
    return str(name)


def run_check(document: Mapping[str, Any], args: argparse.Namespace, source: str = "-") -> int:
    """Decide one already-built input document; log, report, and return the exit code.

    ``document`` is the bare input object (unwrapped). ``args`` holds the options of
    ``gatekeeper check`` (see ``gatekeeper.commands.check``); missing attributes take
    their defaults. This is the entry point for callers that build inputs themselves
    (``--from-metrics``). The output destination is checked before the engine runs;
    the record is appended and the report written as one step: when the report
    cannot be written, the record is taken back and the exit code is 2.
    """
    chosen_format = report_format(args, "text")
    checked = prepare_input(document, args)
    for note in checked.notes:
        print(f"gatekeeper: note: {note}", file=sys.stderr)
    with (
        open_destination(getattr(args, "output", None), stream=False) as out,
        open_checker(args) as checker,
    ):
        outcome = checker.decide(checked, source)
        report = outcome.report
        if chosen_format == "sarif":
            report = replace(report, rules=rule_docs(checker.policy, checked.gate))
        text = render(chosen_format, report)
        checker.log.append(outcome.record, publish=lambda: out.publish(text))
    announce_verdict(report, getattr(args, "output", None))
    return outcome.exit_code


def run_batch(source: str, args: argparse.Namespace) -> int:
    """Decide every line of a JSON-lines file (see ``gatekeeper._batch``)."""
    from gatekeeper._batch import run_batch as stream_batch

    return stream_batch(source, args)
