"""The gate input a scenario builds step by step, rendered when the gate decides.

Given steps describe evidence in minutes ("the error rate was 0.7% for the last 3
minutes"); the policy reads per-interval series. :class:`GateInput` keeps the
description (healthy defaults, trailing overrides, removed fields) and renders it
into one input document at decision time, so the order of the Given steps does
not matter and the interval can be set anywhere in the scenario.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gatekeeper.check._input import choose_rule_set
from gatekeeper.models import DEFAULT_ROLLOUT_PROFILE

Path = tuple[str, ...]


def dotted(path: str) -> Path:
    """``"canary.error_rate"`` -> ``("canary", "error_rate")``."""
    parts = tuple(part for part in path.split(".") if part)
    if not parts:
        raise ValueError("empty field path")
    return parts


def intervals_for(seconds: float, interval_seconds: float) -> int:
    """How many intervals cover ``seconds`` (the policy's ceil(N*60/interval))."""
    return max(1, math.ceil(seconds / interval_seconds - 1e-9))


@dataclass
class Series:
    """A per-interval series: a healthy value over the history, then trailing overrides."""

    healthy: Any
    tail: list[tuple[Any, float]] = field(default_factory=list)
    explicit: list[Any] | None = None

    def render(self, history_seconds: float, interval_seconds: float) -> list[Any]:
        if self.explicit is not None:
            return list(self.explicit)
        length = intervals_for(history_seconds, interval_seconds)
        for _, seconds in self.tail:
            length = max(length, intervals_for(seconds, interval_seconds))
        values = [self.healthy] * length
        for value, seconds in self.tail:
            count = intervals_for(seconds, interval_seconds)
            values[length - count :] = [value] * count
        return values


@dataclass
class GateInput:
    """One gate input under construction: a document, series and removed fields."""

    gate: str
    document: dict[str, Any]
    series: dict[Path, Series] = field(default_factory=dict)
    history_minutes: float = 6.0
    removed: list[Path] = field(default_factory=list)
    roster: dict[str, list[str]] | None = None
    waivers: list[dict[str, Any]] | None = None
    profile: str | None = None
    environment: str | None = None

    @property
    def interval_seconds(self) -> float:
        value = self.document.get("interval_seconds", 60)
        return float(value) if isinstance(value, int | float) else 60.0

    def set(self, path: Path, value: Any) -> None:
        """Set a field, creating the objects on the way."""
        self.series.pop(path, None)
        _put(self.document, path, value)
        self._choose(path, value)

    def _choose(self, path: Path, value: Any) -> None:
        """A scenario setting the top-level ``profile``/``environment`` is the caller choosing."""
        if tuple(path) == ("profile",):
            self.profile = value
        elif tuple(path) == ("environment",):
            self.environment = value

    def get(self, path: Path) -> Any:
        target: Any = self.document
        for part in path:
            if not isinstance(target, Mapping) or part not in target:
                return None
            target = target[part]
        return target

    def add_series(self, path: Path, healthy: Any) -> Series:
        """The series at ``path``, created healthy when it does not exist yet."""
        if path not in self.series:
            self.series[path] = Series(healthy)
        return self.series[path]

    def hold(self, path: Path, value: Any, seconds: float, healthy: Any = None) -> None:
        """The series at ``path`` held ``value`` for the trailing ``seconds``."""
        series = self.series.get(path) or self.add_series(path, healthy)
        series.explicit = None
        series.tail.append((value, seconds))

    def explicit_series(self, path: Path, values: list[Any]) -> None:
        """The series at ``path`` is exactly ``values`` (oldest first)."""
        series = self.series.get(path) or self.add_series(path, values[-1] if values else None)
        series.explicit = list(values)

    def remove(self, path: Path) -> None:
        """The field at ``path`` is absent from the rendered input."""
        self.removed.append(path)
        self._choose(path, None)

    def render(self) -> dict[str, Any]:
        """The input document as the gate receives it."""
        document = copy.deepcopy(self.document)
        history = self.history_minutes * 60
        for path, series in self.series.items():
            _put(document, path, series.render(history, self.interval_seconds))
        for path in self.removed:
            _delete(document, path)
        if self.gate == "rollout":
            # the scenario is the caller: it chooses the rule set, as --profile does
            profile = self.profile or DEFAULT_ROLLOUT_PROFILE
            document = choose_rule_set(document, profile, self.environment)
        return document


def _put(document: dict[str, Any], path: Path, value: Any) -> None:
    target = document
    for part in path[:-1]:
        child = target.get(part)
        if not isinstance(child, dict):
            child = {}
            target[part] = child
        target = child
    target[path[-1]] = value


def _delete(document: dict[str, Any], path: Path) -> None:
    target: Any = document
    for part in path[:-1]:
        if not isinstance(target, dict) or part not in target:
            return
        target = target[part]
    if isinstance(target, dict):
        target.pop(path[-1], None)
