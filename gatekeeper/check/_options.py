"""The typed options of every decision driver, built once by the command line.

:class:`CheckOptions` says which policy, data, engine, log, report and limits a
run uses; :class:`RuleSet` says which rules decide an input (the gate when the
input names none, the rollout profile and the environment). Both are frozen
``NamedTuple`` records, like every record on the path of a cold check (declaring
them as dataclasses costs each check about 16 ms: README, "Performance"); ``serve``
and ``replay`` derive theirs with ``_replace``; nothing below the command line
reads command-line arguments.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from gatekeeper.engines import DEFAULT_ENGINE, EngineOptions

DEFAULT_MAX_INPUT_BYTES = 8 * 1024 * 1024
"""The largest input read before it is refused (``--max-input-bytes``)."""

DEFAULT_MAX_ENGINE_FAILURES = 3
"""``--batch`` stops asking the engine after this many failures in a row."""


class RuleSet(NamedTuple):
    """The caller's choice of rules: an input's own fields may only confirm it.

    ``gate`` applies when the input names no gate; ``profile`` is the rollout
    profile (``decision-matrix`` when ``None``); ``environment`` is the environment
    of the ``environment`` profile.
    """

    gate: str | None = None
    profile: str | None = None
    environment: str | None = None


class CheckOptions(NamedTuple):
    """Everything a decision run needs besides its inputs."""

    policy_dir: Path | None = None
    data_files: tuple[Path, ...] = ()
    policy_data: Path | None = None
    engine: str = DEFAULT_ENGINE
    engine_options: EngineOptions = EngineOptions()
    rule_set: RuleSet = RuleSet()
    decision_log: str | None = None
    log_store: str = "file"
    """``file`` (``decision_log``) or ``postgresql`` (the URL from ``database_url_file``)."""
    database_url_file: str | None = None
    log_key: str | None = None
    redact: tuple[str, ...] = ()
    output: str | None = None
    report_format: str | None = None
    max_input_bytes: int | None = DEFAULT_MAX_INPUT_BYTES
    max_engine_failures: int = DEFAULT_MAX_ENGINE_FAILURES

    @property
    def timeout_seconds(self) -> float:
        """The deadline of each decision."""
        return self.engine_options.timeout_seconds
