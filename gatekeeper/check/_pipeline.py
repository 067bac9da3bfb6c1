"""The one decision pipeline: prepare an input, ask the engine, finish the answer.

:func:`prepare` validates a document for a :class:`RuleSet` and encodes it once
(the text the engine judges, digests and records); an engine evaluates
``prepared.judged`` (``Pipeline.evaluate``, or a driver's own asynchronous call);
:meth:`Pipeline.finish` turns the engine's answer into an :class:`Outcome`: the
decision, its exit code, its log record and its report. ``gatekeeper check``,
``--batch``, ``serve`` and ``replay`` are thin drivers of these three steps. Every
input is validated before any engine runs, every decision is appended to the
decision log before it is reported, and anything that goes wrong is a
``GatekeeperError`` (exit 2), never a pass.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple

from gatekeeper.check._input import (
    EVALUATION_TIME,
    apply_overrides,
    choose_rule_set,
    stamp_evaluation_time,
)
from gatekeeper.check._options import CheckOptions, RuleSet
from gatekeeper.engines import Engine, open_engine
from gatekeeper.limits import paused
from gatekeeper.log import DecisionLogWriter, new_record, open_log, redaction_paths, signer_from
from gatekeeper.models import (
    DEFAULT_ROLLOUT_PROFILE,
    CheckedInput,
    Decision,
    parse_decision,
    resolve_gate,
    resolve_profile,
    validate_input,
)
from gatekeeper.models._exceptions import (
    EXIT_BLOCKED,
    EXIT_GO,
    EXIT_UNDECIDED,
    InputError,
)
from gatekeeper.models._jsontext import Encoded
from gatekeeper.policy import load_policy_set
from gatekeeper.reports import FORMATS, Report, render
from gatekeeper.reports._announce import announce_verdict
from gatekeeper.reports._destination import open_destination


class Outcome(NamedTuple):
    """One decision, ready to be logged and reported."""

    report: Report
    record: dict[str, Any]

    @property
    def exit_code(self) -> int:
        """0 go, 1 blocked, 2 undecided (``INVALID_INPUT``)."""
        return self.report.exit_code


class Prepared(NamedTuple):
    """A validated input, encoded once: as recorded, and as the engine judges it."""

    checked: CheckedInput
    recorded: Encoded
    judged: Encoded
    source: str

    @property
    def gate(self) -> str:
        """The gate that decides it."""
        return self.checked.gate

    @property
    def notes(self) -> tuple[str, ...]:
        """What validation noted about the input (never a reason to refuse it)."""
        return self.checked.notes


def exit_code_of(decision: Decision) -> int:
    """The exit code of a decision (``INVALID_INPUT`` from the policy is 2)."""
    if decision.is_invalid_input:
        return EXIT_UNDECIDED
    return EXIT_GO if decision.allow else EXIT_BLOCKED


def validate_for(document: Mapping[str, Any], rule_set: RuleSet) -> CheckedInput:
    """Apply the rule set's gate, profile and environment to ``document``, then validate.

    A rollout input is decided with the profile the caller chose (``decision-matrix``
    when the caller says nothing), never with one the input names for itself.
    """
    if not isinstance(document, Mapping):
        return validate_input(document)  # raises InputError naming the type
    filled = apply_overrides(document, gate=rule_set.gate)
    if resolve_gate(filled) != "rollout":
        return validate_input(
            apply_overrides(filled, profile=rule_set.profile, environment=rule_set.environment)
        )
    chosen = resolve_profile({"profile": rule_set.profile or DEFAULT_ROLLOUT_PROFILE})
    if "profile" in filled:
        resolve_profile(filled)  # an unknown profile is named as such
    return validate_input(choose_rule_set(filled, chosen, rule_set.environment))


def prepare(
    document: Mapping[str, Any],
    rule_set: RuleSet,
    source: str = "-",
    evaluated_at: datetime | None = None,
) -> Prepared:
    """Validate ``document`` for ``rule_set`` and encode it once, stamped with the time.

    The time is now, or ``evaluated_at`` for a replay (the time of the logged decision).
    """
    checked = validate_for(document, rule_set)
    try:
        recorded = Encoded(checked.document)
    except (TypeError, ValueError) as exc:
        raise InputError(f"input is not JSON: {exc}") from exc
    stamp = stamp_evaluation_time({}, evaluated_at)[EVALUATION_TIME]
    return Prepared(checked, recorded, recorded.with_field(EVALUATION_TIME, stamp), source)


def _minutes_pending(document: Mapping[str, Any]) -> float | None:
    pending = document.get("pending_decision")
    if isinstance(pending, Mapping):
        minutes = pending.get("minutes_pending")
        if isinstance(minutes, int | float | Decimal) and not isinstance(minutes, bool):
            return float(minutes)
    return None


class Pipeline:
    """One policy set, one engine and one decision log, for many decisions."""

    def __init__(self, options: CheckOptions) -> None:
        self.options = options
        self.policy = load_policy_set(options.policy_dir, options.data_files, options.policy_data)
        self.log: DecisionLogWriter = open_log(
            options.log_store,
            options.decision_log,
            options.database_url_file,
            signer_from(options.log_key),
        )
        self.redact_paths = redaction_paths(options.redact)
        try:
            self.engine: Engine = open_engine(options.engine, self.policy, options.engine_options)
        except BaseException:
            self.log.close()
            raise
        try:
            self.engine_version = self.engine.version()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Release the engine and the log's connections."""
        try:
            self.engine.close()
        finally:
            self.log.close()

    def evaluate(self, prepared: Prepared) -> Any:
        """The engine's raw answer for a prepared input."""
        return self.engine.evaluate(prepared.judged)

    def decide(self, prepared: Prepared) -> Outcome:
        """Evaluate and finish one prepared input; nothing is logged yet."""
        return self.finish(prepared, self.evaluate(prepared))

    def finish(self, prepared: Prepared, raw: Any) -> Outcome:
        """The outcome of the engine's answer ``raw`` for ``prepared``."""
        checked = prepared.checked
        decision = parse_decision(raw, expected_gate=checked.gate)
        code = exit_code_of(decision)
        record = new_record(
            gate=checked.gate,
            document=prepared.recorded,
            decision=raw,
            policy_digest=self.policy.digest,
            policy_revision=self.policy.revision,
            data_digests=self.policy.data_digests,
            engine=self.engine.name,
            engine_version=self.engine_version,
            exit_code=code,
            source=prepared.source,
            redact_paths=self.redact_paths,
        )
        record[EVALUATION_TIME] = prepared.judged[EVALUATION_TIME]  # replays judge waivers then
        report = Report(
            decision=decision,
            raw=raw,
            decision_id=record["decision_id"],
            time=record["time"],
            exit_code=code,
            source=prepared.source,
            engine=self.engine.name,
            engine_version=self.engine_version,
            policy_revision=self.policy.revision,
            policy_digest=self.policy.digest,
            minutes_pending=_minutes_pending(checked.document),
        )
        return Outcome(report=report, record=record)


@contextmanager
def open_pipeline(options: CheckOptions) -> Iterator[Pipeline]:
    """A :class:`Pipeline` that is closed on exit.

    Starting the engine is not part of a decision's deadline (it has its own time-outs).
    """
    with paused():
        pipeline = Pipeline(options)
    try:
        yield pipeline
    finally:
        pipeline.close()


def report_format(options: CheckOptions, default: str) -> str:
    """The report format asked for (or ``default``), refusing an unknown one."""
    name = options.report_format or default
    if name not in FORMATS:
        raise InputError(f"--format {name}: unknown format (expected one of {', '.join(FORMATS)})")
    return name


def run_check(document: Mapping[str, Any], options: CheckOptions, source: str = "-") -> int:
    """Decide one already-built input document; log, report, and return the exit code.

    ``document`` is the bare input object (unwrapped). This is the entry point for
    callers that build inputs themselves (``--from-metrics``). The output destination
    is checked before the engine runs; the record is appended and the report written
    as one step: when the report cannot be written, the record is taken back and the
    exit code is 2.
    """
    chosen_format = report_format(options, "text")
    prepared = prepare(document, options.rule_set, source)
    for note in prepared.notes:
        print(f"gatekeeper: note: {note}", file=sys.stderr)
    with (
        open_destination(options.output, stream=False) as out,
        open_pipeline(options) as pipeline,
    ):
        outcome = pipeline.decide(prepared)
        report = outcome.report
        if chosen_format == "sarif":  # rule titles are read only for the report that shows them
            from gatekeeper.policy._rule_docs import rule_docs

            report = report._replace(rules=rule_docs(pipeline.policy, prepared.gate))
        text = render(chosen_format, report)
        pipeline.log.append(outcome.record, publish=lambda: out.publish(text))
    announce_verdict(report, options.output)
    return outcome.exit_code


__all__ = [
    "Outcome",
    "Pipeline",
    "Prepared",
    "exit_code_of",
    "open_pipeline",
    "prepare",
    "report_format",
    "run_check",
    "validate_for",
]
