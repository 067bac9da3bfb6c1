"""Select decision-log records by time range, gate, action and version id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from gatekeeper.models._exceptions import InputError


def parse_time(text: str, option: str) -> datetime:
    """An RFC 3339 time or a date (``2026-05-01``); a time without a zone is UTC."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError(f"{option} {text}: not an RFC 3339 time or a date") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def version_id(record: Mapping[str, Any]) -> str | None:
    """The ``version.id`` of the logged input, when it was kept and not redacted."""
    document = record.get("input")
    version = document.get("version") if isinstance(document, Mapping) else None
    identity = version.get("id") if isinstance(version, Mapping) else None
    return identity if isinstance(identity, str) else None


def action_of(record: Mapping[str, Any]) -> str | None:
    """The action the record's decision took."""
    decision = record.get("decision")
    action = decision.get("action") if isinstance(decision, Mapping) else None
    return action if isinstance(action, str) else None


@dataclass(frozen=True)
class RecordFilter:
    """Every set criterion must hold; ``since`` is inclusive, ``until`` exclusive."""

    since: datetime | None = None
    until: datetime | None = None
    gates: frozenset[str] = frozenset()
    actions: frozenset[str] = frozenset()
    versions: frozenset[str] = frozenset()

    def matches(self, record: Mapping[str, Any]) -> bool:
        """Whether ``record`` is selected."""
        if self.since or self.until:
            moment = parse_time(str(record.get("time")), "time")
            if self.since and moment < self.since:
                return False
            if self.until and moment >= self.until:
                return False
        if self.gates and record.get("gate") not in self.gates:
            return False
        if self.actions and action_of(record) not in self.actions:
            return False
        return not self.versions or version_id(record) in self.versions

    def select(
        self, records: Iterable[tuple[int, dict[str, Any]]]
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """The ``(line, record)`` pairs that match."""
        return ((number, record) for number, record in records if self.matches(record))
