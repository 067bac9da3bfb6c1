"""Backtest a rule change against what really happened to the releases in a decision log.

An outcomes file labels releases good or bad (with the time the problem was
confirmed). Every logged input of a labelled release is re-decided under the current
rules and under the proposed ones (the replay's pipeline: :func:`logged_input`, then
one engine per rule set). Per rule set: the bad releases caught (some decision did not
let it go: exit 1), the good releases blocked, the minutes from a release's first
decision to its first block, and how long before the confirmation that came; and the
decisions that change between the two (docs/statistics.md, Backtesting a rule change).

A release matches records by the input's ``version.id``, or by a time window
(``from``/``until``) for inputs without one (a rollout input); the outcomes file's
format is in the same section of docs/statistics.md.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from gatekeeper.check._pipeline import exit_code_of
from gatekeeper.check._replay import Change, logged_input
from gatekeeper.engines import Engine
from gatekeeper.log._query import version_id
from gatekeeper.models import parse_decision
from gatekeeper.models._exceptions import (
    EXIT_BLOCKED,
    EXIT_GO,
    EXIT_UNDECIDED,
    GatekeeperError,
    InputError,
)

OUTCOMES = ("good", "bad")
_RELEASE_KEYS = {"release", "outcome", "confirmed_at", "from", "until"}


@dataclass(frozen=True)
class Release:
    """One labelled release of the outcomes file."""

    name: str
    outcome: str
    confirmed_at: datetime | None = None
    since: datetime | None = None
    until: datetime | None = None

    def holds(self, record: Mapping[str, Any], when: datetime) -> bool:
        """Whether ``record`` (decided at ``when``) belongs to this release."""
        version = version_id(record)
        if version is not None:
            return version == self.name
        if self.since is None and self.until is None:
            return False
        return (self.since is None or when >= self.since) and (
            self.until is None or when < self.until
        )


def parse_time(value: Any, where: str) -> datetime:
    """An RFC 3339 time (``Z`` or an offset); ``InputError`` naming ``where`` otherwise."""
    if not isinstance(value, str):
        raise InputError(f"{where}: a time like 2026-01-02T10:30:00Z is required")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError(f"{where}: {value!r} is not a time") from exc
    if parsed.tzinfo is None:
        raise InputError(f"{where}: {value!r} has no time zone (add Z)")
    return parsed


def load_outcomes(path: Path) -> list[Release]:
    """The releases of an outcomes file; errors name the file, the entry and the key."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"--outcomes {path}: cannot read: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"--outcomes {path}:{exc.lineno}: not JSON: {exc.msg}") from exc
    entries = document.get("releases") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise InputError(f"--outcomes {path}: releases: a non-empty list is required")
    releases = [
        _release(entry, f"--outcomes {path}: releases[{i}]") for i, entry in enumerate(entries)
    ]
    names = [r.name for r in releases]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"--outcomes {path}: release {', '.join(twice)} labelled twice")
    return releases


def _release(entry: Any, where: str) -> Release:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: must be an object")
    unknown = sorted(set(entry) - _RELEASE_KEYS)
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}")
    name = entry.get("release")
    if not isinstance(name, str) or not name:
        raise InputError(f"{where}.release: a release name is required")
    outcome = entry.get("outcome")
    if outcome not in OUTCOMES:
        raise InputError(f"{where}.outcome: one of {'|'.join(OUTCOMES)} is required")
    times = {
        key: parse_time(entry[key], f"{where}.{key}")
        for key in ("confirmed_at", "from", "until")
        if key in entry
    }
    return Release(name, outcome, times.get("confirmed_at"), times.get("from"), times.get("until"))


@dataclass
class Track:
    """One release under one rule set: when it was first seen and first blocked."""

    first_seen: datetime
    blocked_at: datetime | None = None

    @property
    def minutes_to_detect(self) -> float | None:
        if self.blocked_at is None:
            return None
        return (self.blocked_at - self.first_seen).total_seconds() / 60


@dataclass
class RuleSetResult:
    """The confusion matrix and detection times of one rule set."""

    name: str
    revision: str
    tracks: dict[str, Track] = field(default_factory=dict)

    def observe(self, release: str, when: datetime, exit_code: int) -> None:
        track = self.tracks.setdefault(release, Track(first_seen=when))
        track.first_seen = min(track.first_seen, when)
        if exit_code == EXIT_BLOCKED and (track.blocked_at is None or when < track.blocked_at):
            track.blocked_at = when

    def summary(self, releases: list[Release]) -> dict[str, Any]:
        """Caught, missed, good blocked, good passed, and the detection times."""
        seen = [r for r in releases if r.name in self.tracks]
        bad = [r for r in seen if r.outcome == "bad"]
        good = [r for r in seen if r.outcome == "good"]
        caught = [r for r in bad if self.tracks[r.name].blocked_at is not None]
        blocked = [r for r in good if self.tracks[r.name].blocked_at is not None]
        minutes = [m for r in caught if (m := self.tracks[r.name].minutes_to_detect) is not None]
        leads = [
            (r.confirmed_at - blocked_at).total_seconds() / 60
            for r in caught
            if r.confirmed_at is not None and (blocked_at := self.tracks[r.name].blocked_at)
        ]
        return {
            "rules": self.name,
            "policy_revision": self.revision,
            "bad_caught": len(caught),
            "bad_missed": len(bad) - len(caught),
            "good_blocked": len(blocked),
            "good_passed": len(good) - len(blocked),
            "caught": sorted(r.name for r in caught),
            "good_releases_blocked": sorted(r.name for r in blocked),
            "median_minutes_to_detect": statistics.median(minutes) if minutes else None,
            "median_minutes_before_confirmation": statistics.median(leads) if leads else None,
        }


@dataclass
class BacktestResult:
    """Both rule sets' results, the decisions that change, what was left out."""

    releases: list[Release]
    current: RuleSetResult
    proposed: RuleSetResult
    changes: list[Change] = field(default_factory=list)
    decided: int = 0
    unlabelled: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """2: some input could not be re-decided; 1: the proposed rules miss more bad
        releases or block more good ones than the current rules; else 0."""
        if self.errors:
            return EXIT_UNDECIDED
        now = self.current.summary(self.releases)
        then = self.proposed.summary(self.releases)
        if then["bad_missed"] > now["bad_missed"] or then["good_blocked"] > now["good_blocked"]:
            return EXIT_BLOCKED
        return EXIT_GO


def backtest(
    records: Iterable[tuple[int, dict[str, Any]]],
    releases: list[Release],
    engines: Mapping[str, tuple[Engine, str]],
) -> BacktestResult:
    """Re-decide every labelled record under ``engines["current"]`` and ``["proposed"]``."""
    results = {
        name: RuleSetResult(name=name, revision=revision) for name, (_, revision) in engines.items()
    }
    result = BacktestResult(releases, results["current"], results["proposed"])
    for number, record in records:
        when = parse_time(record.get("time"), f"line {number}: time")
        release = next((r for r in releases if r.holds(record, when)), None)
        if release is None:
            result.unlabelled += 1
            continue
        if not isinstance(record.get("input"), dict) or record.get("redacted"):
            result.skipped.append((number, "the record keeps no complete input"))
            continue
        try:
            prepared = logged_input(number, record)
            decided = {}
            for name, (engine, _) in engines.items():
                decision = parse_decision(
                    engine.evaluate(prepared.judged), expected_gate=record["gate"]
                )
                decided[name] = (str(decision.action), exit_code_of(decision))
        except GatekeeperError as exc:
            result.errors.append((number, str(exc)))
            continue
        result.decided += 1
        for name, (_, code) in decided.items():
            results[name].observe(release.name, when, code)
        (old_action, old_exit), (new_action, new_exit) = decided["current"], decided["proposed"]
        if (old_action, old_exit) != (new_action, new_exit):
            result.changes.append(
                Change(
                    line=number,
                    decision_id=str(record.get("decision_id")),
                    time=str(record.get("time")),
                    gate=str(record.get("gate")),
                    version=release.name,
                    old_action=old_action,
                    new_action=new_action,
                    old_exit=old_exit,
                    new_exit=new_exit,
                )
            )
    return result
