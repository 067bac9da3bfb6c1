"""Re-decide logged inputs under another rule set and list the decisions that change.

Every record that kept its input (``input``, not redacted) goes through the check
pipeline again (:func:`prepare` with the record's own rule set and evaluation time,
then one engine on the other policy set); a record whose action or exit code differs is
a :class:`Change`. A blocked decision (exit 1) that would now go (exit 0) makes
the replay exit 1; a record that could not be re-decided makes it exit 2.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from gatekeeper.check._input import EVALUATION_TIME
from gatekeeper.check._options import RuleSet
from gatekeeper.check._pipeline import Prepared, exit_code_of, prepare
from gatekeeper.engines import Engine
from gatekeeper.log._query import action_of, version_id
from gatekeeper.models import parse_decision
from gatekeeper.models._exceptions import (
    EXIT_BLOCKED,
    EXIT_GO,
    EXIT_UNDECIDED,
    GatekeeperError,
    InputError,
)
from gatekeeper.reports._progress import Progress

POLICY_FOLDER = "rego"
"""The policy folder inside the repository, taken from a revision by ``--rev``."""


@dataclass(frozen=True)
class Change:
    """One logged decision that another rule set decides differently."""

    line: int
    decision_id: str
    time: str
    gate: str
    version: str | None
    old_action: str
    new_action: str
    old_exit: int
    new_exit: int

    @property
    def now_goes(self) -> bool:
        """A blocked decision that would now go."""
        return self.old_exit == EXIT_BLOCKED and self.new_exit == EXIT_GO

    def as_json_object(self) -> dict[str, Any]:
        """The change as plain JSON values."""
        return {
            "line": self.line,
            "decision_id": self.decision_id,
            "time": self.time,
            "gate": self.gate,
            "version": self.version,
            "old_action": self.old_action,
            "new_action": self.new_action,
            "old_exit_code": self.old_exit,
            "new_exit_code": self.new_exit,
        }


@dataclass
class ReplayResult:
    """What a replay found."""

    policy_revision: str
    replayed: int = 0
    changes: list[Change] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    def groups(self) -> dict[tuple[str, str], list[Change]]:
        """The changes grouped by ``(old action, new action)``, in order of first appearance."""
        grouped: dict[tuple[str, str], list[Change]] = {}
        for change in self.changes:
            grouped.setdefault((change.old_action, change.new_action), []).append(change)
        return grouped

    @property
    def exit_code(self) -> int:
        """2 when a record could not be re-decided, 1 when a blocked one would go, else 0."""
        if self.errors:
            return EXIT_UNDECIDED
        if any(change.now_goes for change in self.changes):
            return EXIT_BLOCKED
        return EXIT_GO


def _skip_reason(record: Mapping[str, Any]) -> str | None:
    if not isinstance(record.get("input"), dict):
        return "the record keeps no input (written before inputs were logged)"
    redacted = record.get("redacted")
    if redacted:
        return f"input fields redacted: {', '.join(map(str, redacted))}"
    return None


def logged_input(number: int, record: Mapping[str, Any]) -> Prepared:
    """A record's input prepared as it was: its own rule set, judged at its own time."""
    document: dict[str, Any] = record["input"]
    rule_set = RuleSet(profile=document.get("profile"), environment=document.get("environment"))
    stamp = record.get(EVALUATION_TIME)
    when = None
    if isinstance(stamp, str):
        try:
            when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError as exc:
            raise InputError(f"line {number}: evaluation time {stamp!r} is not a time") from exc
    return prepare(document, rule_set, f"replay:{number}", when)


def replay_records(
    records: Iterable[tuple[int, dict[str, Any]]],
    engine: Engine,
    policy_revision: str,
    progress: Progress | None = None,
) -> ReplayResult:
    """Re-decide every record's input with ``engine``."""
    result = ReplayResult(policy_revision=policy_revision)
    for number, record in records:
        if progress is not None:
            progress.advance()
        reason = _skip_reason(record)
        if reason is not None:
            result.skipped.append((number, reason))
            continue
        try:
            prepared = logged_input(number, record)
            raw = engine.evaluate(prepared.judged)
            decision = parse_decision(raw, expected_gate=record["gate"])
        except GatekeeperError as exc:
            result.errors.append((number, str(exc)))
            continue
        result.replayed += 1
        new_exit = exit_code_of(decision)
        old_action = action_of(record) or "?"
        if decision.action == old_action and new_exit == record["exit_code"]:
            continue
        result.changes.append(
            Change(
                line=number,
                decision_id=record["decision_id"],
                time=record["time"],
                gate=record["gate"],
                version=version_id(record),
                old_action=old_action,
                new_action=str(decision.action),
                old_exit=record["exit_code"],
                new_exit=new_exit,
            )
        )
    return result


def check_revision(revision: str) -> str:
    """``revision`` if git can only read it as a revision, never as an option.

    ``--rev=--output=FILE`` would otherwise make ``git archive`` truncate FILE
    (``docs/security.md``): a revision may not start with ``-`` nor hold a
    control character, and git is also told where its options end.
    """
    if not revision or revision.startswith("-"):
        raise InputError(
            f"--rev {revision!r}: not a git revision (a revision never starts with '-')"
        )
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in revision):
        raise InputError(f"--rev {revision!r}: not a git revision (control character)")
    return revision


def policy_at_revision(revision: str, repository: Path, target: Path) -> Path:
    """Extract the policy folder of ``revision`` (``git archive``) into ``target``."""
    check_revision(revision)
    command = ["git", "-C", str(repository), "archive", "--format=tar", "--end-of-options"]
    command += [revision, POLICY_FOLDER]
    try:
        completed = subprocess.run(command, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"--rev {revision}: cannot run git: {exc}") from exc
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip() or "git archive failed"
        raise InputError(f"--rev {revision}: {message}")
    with tarfile.open(fileobj=io.BytesIO(completed.stdout)) as archive:
        archive.extractall(target, filter="data")
    folder = target / POLICY_FOLDER
    if not folder.is_dir():
        raise InputError(f"--rev {revision}: no {POLICY_FOLDER}/ folder at that revision")
    return folder


def count_lines(path: Path) -> int:
    """The number of newline bytes in ``path`` (for the progress bar)."""
    total = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            total += chunk.count(b"\n")
    return total
