"""Prometheus source config and time parsing: errors name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from gatekeeper.metrics import load_source, parse_time
from gatekeeper.models._exceptions import MetricsError

GOOD = "url: http://127.0.0.1:9090\narm_label: track\nqueries:\n  error_rate: up\n"


def test_good_config_defaults(tmp_path: Path) -> None:
    path = tmp_path / "source.yaml"
    path.write_text(GOOD + "arms: {baseline: stable}\n")
    source = load_source(path)
    assert source.arm_values == {"baseline": "stable", "canary": "canary"}
    assert source.timeout_seconds == 10.0 and source.shard_label is None


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("- a list\n", "must be a mapping"),
        (GOOD + "extra: 1\n", "unknown key.*extra"),
        (GOOD.replace("http://", "ftp://"), "url: an http"),
        (GOOD.replace("arm_label: track\n", ""), "arm_label"),
        (GOOD + "arms: {green: x}\n", "arms: a mapping"),
        ("url: http://x\narm_label: t\nqueries: {}\n", "queries: a mapping"),
        ("url: http://x\narm_label: t\nqueries:\n  Bad-Name: up\n", "not a valid metric"),
        ("url: http://x\narm_label: t\nqueries:\n  cpu: ''\n", r"queries.cpu: a PromQL"),
        (GOOD + "timeout_seconds: 0\n", "timeout_seconds"),
        ("url: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_config(tmp_path: Path, text: str, pattern: str) -> None:
    path = tmp_path / "source.yaml"
    path.write_text(text)
    with pytest.raises(MetricsError, match=pattern) as info:
        load_source(path)
    assert str(path) in str(info.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(MetricsError, match="cannot read source config"):
        load_source(tmp_path / "absent.yaml")


def test_parse_time_forms() -> None:
    assert parse_time("1700000000.5") == 1700000000.5
    assert parse_time("2023-11-14T22:13:20Z") == 1700000000.0
    assert parse_time("2023-11-14T22:13:20") == 1700000000.0
    assert parse_time("now", now=1000.0) == 1000.0
    assert parse_time("now-15m", now=1000.0) == 100.0
    assert parse_time("now-1.5h", now=10_000.0) == 4600.0
    with pytest.raises(MetricsError, match="expected seconds since the epoch"):
        parse_time("last tuesday")
