"""``gatekeeper check --batch``: stream a JSON-lines file through one engine.

Lines are read one at a time (``_input.iter_batch``, on a reader thread) and
decided in groups. A group's records are appended to the decision log with one
``fsync`` and its results printed only after that (the log's ``publish`` step),
so a crash can lose unprinted work, never a printed decision's record. Groups
start at one line and double up to ``max_group``; a group is also printed once
``group_seconds`` have passed since its first line, even while the input is
silent, so the first result appears at once and a slow input still streams.

A bad line is that line's error (exit 2 for it); the others are still decided.
After ``max_engine_failures`` engine failures in a row the engine is not asked
again: every remaining line is reported undecided at once. On a terminal, a
progress line goes to stderr.
"""

from __future__ import annotations

import itertools
import json
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gatekeeper.check._input import InputLine, iter_batch
from gatekeeper.check._options import CheckOptions
from gatekeeper.check._pipeline import Pipeline, open_pipeline, prepare, report_format
from gatekeeper.models._exceptions import (
    EXIT_GO,
    EXIT_UNDECIDED,
    EngineError,
    GatekeeperError,
    InputError,
    PolicyError,
)
from gatekeeper.reports._announce import announce_batch
from gatekeeper.reports._destination import Destination, open_destination
from gatekeeper.reports._progress import Progress


@dataclass(frozen=True)
class BatchSettings:
    """How a batch is grouped and when it stops asking the engine."""

    max_engine_failures: int
    first_group: int = 1
    max_group: int = 256
    group_seconds: float = 0.25
    max_line_bytes: int | None = None


def batch_settings(options: CheckOptions) -> BatchSettings:
    """Settings from the options of ``gatekeeper check``."""
    if options.max_engine_failures < 1:
        raise InputError(f"--max-engine-failures {options.max_engine_failures}: must be at least 1")
    return BatchSettings(
        max_engine_failures=options.max_engine_failures,
        max_line_bytes=options.max_input_bytes,
    )


def error_line(number: int, message: str) -> dict[str, Any]:
    """The output line of an input that got no decision."""
    return {"line": number, "error": message, "exit_code": EXIT_UNDECIDED}


@dataclass
class _Group:
    results: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    started: float | None = None

    def add(self, result: dict[str, Any], record: dict[str, Any] | None = None) -> None:
        if self.started is None:
            self.started = time.monotonic()
        self.results.append(result)
        if record is not None:
            self.records.append(record)


_END = object()


class _Prefetch:
    """Reads input lines on a thread, so a slow input never holds decided results back."""

    def __init__(self, lines: Iterator[InputLine], depth: int = 1024) -> None:
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(lines,), daemon=True)
        self._thread.start()

    def _put(self, item: object) -> bool:
        while not self._closed.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self, lines: Iterator[InputLine]) -> None:
        try:
            for line in lines:
                if not self._put(line):
                    return
        except BaseException as exc:  # handed to the deciding thread
            self._put(exc)
        self._put(_END)

    def close(self) -> None:
        """Stop reading (a batch that ends early leaves no busy reader behind)."""
        self._closed.set()

    def get(self, timeout: float | None) -> InputLine | None:
        """The next line, ``None`` at the end; ``queue.Empty`` after ``timeout`` seconds."""
        item = self._queue.get(timeout=timeout)
        if item is _END:
            return None
        if isinstance(item, BaseException):
            raise item
        assert isinstance(item, InputLine)
        return item


class _Batch:
    def __init__(
        self,
        pipeline: Pipeline,
        out: Destination,
        options: CheckOptions,
        source: str,
        settings: BatchSettings,
    ) -> None:
        self.pipeline = pipeline
        self.out = out
        self.options = options
        self.source = source
        self.settings = settings
        self.failures = 0
        self.stopped: str | None = None
        self.worst = EXIT_GO
        self.counts = [0, 0, 0]

    def run(self, lines: Iterator[InputLine]) -> int:
        progress = Progress("gatekeeper: batch")
        size = self.settings.first_group
        group = _Group()
        reader = _Prefetch(lines)
        try:
            while True:
                try:
                    line = reader.get(self._wait(group))
                except queue.Empty:  # the input is slow: print what is decided
                    self._flush(group)
                    group = _Group()
                    continue
                if line is None:
                    break
                self._decide(line, group)
                progress.advance()
                if len(group.results) >= size or self._wait(group) == 0:
                    self._flush(group)
                    size = min(size * 2, self.settings.max_group)
                    group = _Group()
            self._flush(group)
        finally:
            reader.close()
            progress.close()
        return self.worst

    def _wait(self, group: _Group) -> float | None:
        """How long to wait for more input before the group is printed (None: no limit)."""
        if group.started is None:
            return None
        return max(0.0, group.started + self.settings.group_seconds - time.monotonic())

    def _decide(self, line: InputLine, group: _Group) -> None:
        if line.document is None:
            group.add(error_line(line.number, line.error or "unusable line"))
            return
        if self.stopped is not None:
            group.add(error_line(line.number, self.stopped))
            return
        try:
            prepared = prepare(line.document, self.options.rule_set, f"{self.source}:{line.number}")
            outcome = self.pipeline.decide(prepared)
        except (GatekeeperError, RecursionError) as exc:
            if isinstance(exc, EngineError | PolicyError):
                self._engine_failed(exc)
            deep = isinstance(exc, RecursionError)
            group.add(error_line(line.number, "input nested too deeply" if deep else str(exc)))
            return
        self.failures = 0
        result = {"line": line.number, **outcome.report.as_json_object()}
        result["exit_code"] = outcome.exit_code
        if prepared.notes:
            result["notes"] = list(prepared.notes)
        group.add(result, outcome.record)

    def _engine_failed(self, exc: GatekeeperError) -> None:
        self.failures += 1
        if self.failures >= self.settings.max_engine_failures:
            self.stopped = (
                f"not decided: the engine failed {self.failures} times in a row "
                f"(last: {exc}); the rest of the batch was not sent to it"
            )

    def _flush(self, group: _Group) -> None:
        if not group.results:
            return
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in group.results)
        self.pipeline.log.append_many(group.records, publish=lambda: self.out.write(text))
        for result in group.results:
            self.worst = max(self.worst, int(result["exit_code"]))
            self.counts[int(result["exit_code"])] += 1


def run_batch(source: str, options: CheckOptions) -> int:
    """Decide every line of a JSON-lines file; one JSON line out per input line.

    The exit code is the worst of all lines (2 > 1 > 0).
    """
    if report_format(options, "json") != "json":
        raise InputError("--batch writes JSON lines: use --format json")
    settings = batch_settings(options)
    lines = iter_batch(source, settings.max_line_bytes)
    first = next(lines, None)
    if first is None:
        raise InputError(f"{source}: no input lines")
    with (
        open_destination(options.output, stream=True) as out,
        open_pipeline(options) as pipeline,
    ):
        batch = _Batch(pipeline, out, options, source, settings)
        worst = batch.run(itertools.chain([first], lines))
    announce_batch(batch.counts, options.output)
    return worst
