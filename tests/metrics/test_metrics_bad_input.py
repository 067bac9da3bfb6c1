"""Bad measurements: a MetricsError naming file, line and field, and exit 2 from the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from _metrics_data import write_lines

from gatekeeper.cli._main import main
from gatekeeper.metrics import read_samples, read_series_files
from gatekeeper.models._exceptions import MetricsError

HEADER = "timestamp,arm,latency_ms,outcome,cpu"
GOOD = [HEADER, "1700000000,canary,120.5,ok,0.4", "1700000001,canary,130,error,0.5"]

BAD_CSV = {
    "unknown arm": (["1700000002,stable,100,ok,0.4"], r":4: field arm: unknown arm 'stable'"),
    "negative latency": (["1700000002,canary,-3,ok,0.4"], r":4: field latency_ms: negative"),
    "NaN latency": (["1700000002,canary,NaN,ok,0.4"], r":4: field latency_ms: 'NaN' is not a"),
    "NaN cpu": (["1700000002,canary,100,ok,nan"], r":4: field cpu: 'nan' is not a finite"),
    "not a number": (["1700000002,canary,fast,ok,0.4"], r":4: field latency_ms: 'fast' is not"),
    "missing latency": (["1700000002,canary,,ok,0.4"], r":4: field latency_ms: missing"),
    "unknown outcome": (["1700000002,canary,100,timeout,0.4"], r":4: field outcome: unknown"),
    "time goes back": (["1699999999,canary,100,ok,0.4"], r":4: field timestamp: .* earlier"),
    "bad time": (["yesterday,canary,100,ok,0.4"], r":4: field timestamp: 'yesterday'"),
    "cpu over 1": (["1700000002,canary,100,ok,95"], r":4: field cpu: 95.0 is not a utilisa"),
    "short row": (["1700000002,canary,100"], r":4: 3 fields, the header has 5"),
}


@pytest.mark.parametrize("case", sorted(BAD_CSV))
def test_bad_csv_sample_names_file_line_and_field(tmp_path: Path, case: str) -> None:
    extra, pattern = BAD_CSV[case]
    path = write_lines(tmp_path / "canary.csv", GOOD + extra)
    with pytest.raises(MetricsError, match=pattern) as info:
        read_samples(path, None, "canary")
    assert str(path) in str(info.value)


def test_empty_files_are_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(MetricsError, match="no samples"):
        read_samples(empty)
    header_only = write_lines(tmp_path / "header.csv", [HEADER])
    with pytest.raises(MetricsError, match="no samples"):
        read_samples(header_only)
    blank = write_lines(tmp_path / "blank.jsonl", ["", "  "])
    with pytest.raises(MetricsError, match="no samples"):
        read_samples(blank)


def test_missing_required_column(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.csv", ["timestamp,arm,outcome", "1700000000,canary,ok"])
    with pytest.raises(MetricsError, match=r":1: field latency_ms: missing column"):
        read_samples(path)


def test_wrong_arm_in_a_per_arm_file(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "baseline.csv", GOOD)
    with pytest.raises(MetricsError, match=r":2: field arm: 'canary' in the baseline file"):
        read_samples(path, None, "baseline")


def test_mixed_file_needs_arm_on_every_row(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "both.csv", [*GOOD, "1700000002,,100,ok,0.4"])
    with pytest.raises(MetricsError, match=r":4: field arm: missing"):
        read_samples(path)


@pytest.mark.parametrize(
    ("line", "pattern"),
    [
        ('{"timestamp": 1700000002, "latency_ms": NaN, "outcome": "ok"}', "not a finite"),
        ('{"timestamp": 1700000002, "latency_ms": -1, "outcome": "ok"}', "negative"),
        ('{"timestamp": 1700000002, "latency_ms": 5, "outcome": "ok", "arm": "x"}', "unknown"),
        ('{"timestamp": 1700000002, "latency_ms": 5, "outcome": 1}', "unknown outcome '1'"),
        ("[1, 2]", "must be a JSON object"),
        ("{oops", "not JSON"),
    ],
)
def test_bad_jsonl_sample(tmp_path: Path, line: str, pattern: str) -> None:
    good = '{"timestamp": 1700000001, "latency_ms": 5, "outcome": "ok", "arm": "canary"}'
    path = write_lines(tmp_path / "canary.jsonl", [good, "", line])
    with pytest.raises(MetricsError, match=rf"canary.jsonl:3: .*{pattern}"):
        read_samples(path)


def test_iso_timestamps_and_empty_optional_cells(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.csv",
        [
            "timestamp,latency_ms,outcome,cpu,accuracy",
            "2024-05-01T12:00:00Z,10,ok,,1",
            "2024-05-01T12:00:30,20,error,0.5,",
        ],
    )
    samples = read_samples(path, None, "canary")[0]
    assert samples.timestamp.tolist() == [1714564800.0, 1714564830.0]
    assert samples.resources["cpu"][0] != samples.resources["cpu"][0]  # NaN: not measured
    assert samples.scores["accuracy"].tolist()[0] == 1.0


def test_series_file_errors(tmp_path: Path) -> None:
    good = "timestamp,arm,metric,value"
    dup = write_lines(
        tmp_path / "s.csv",
        [good, "1700000000,canary,error_rate,0.1", "1700000010,canary,error_rate,0.2"],
    )
    with pytest.raises(MetricsError, match=r"s.csv:3: .*second error_rate value"):
        read_series_files([(dup, None)], 60)
    negative = write_lines(tmp_path / "n.csv", [good, "1700000000,canary,cpu,-0.1"])
    with pytest.raises(MetricsError, match=r"n.csv:2: field value: negative"):
        read_series_files([(negative, None)], 60)
    unknown = write_lines(tmp_path / "u.csv", [good, "1700000000,green,cpu,0.1"])
    with pytest.raises(MetricsError, match=r"u.csv:2: field arm: unknown arm 'green'"):
        read_series_files([(unknown, None)], 60)
    back = write_lines(
        tmp_path / "b.csv", [good, "1700000060,canary,cpu,0.1", "1700000000,canary,cpu,0.1"]
    )
    with pytest.raises(MetricsError, match=r"b.csv:3: field timestamp: earlier"):
        read_series_files([(back, None)], 60)
    nan = write_lines(tmp_path / "nan.csv", [good, "1700000000,canary,cpu,nan"])
    with pytest.raises(MetricsError, match=r"nan.csv:2: field value: 'nan' is not finite"):
        read_series_files([(nan, None)], 60)


@pytest.mark.parametrize("case", ["negative latency", "unknown arm", "time goes back"])
def test_cli_exits_2_and_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    extra, pattern = BAD_CSV[case]
    bad = write_lines(tmp_path / "canary.csv", GOOD + extra)
    good = write_lines(tmp_path / "baseline.csv", [HEADER, "1700000000,baseline,100,ok,0.4"])
    code = main(["build-input", "--gate", "rollout", "--baseline", str(good), "--canary", str(bad)])
    assert code == 2
    err = capsys.readouterr()
    assert err.out == ""
    assert "canary.csv:4" in err.err
    assert pytest.importorskip("re").search(pattern, err.err)


def test_cli_empty_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "canary.csv"
    empty.write_text("")
    good = write_lines(tmp_path / "baseline.csv", [HEADER, "1700000000,baseline,100,ok,0.4"])
    code = main(
        ["build-input", "--gate", "promotion", "--baseline", str(good), "--canary", str(empty)]
    )
    assert code == 2
    assert "no samples" in capsys.readouterr().err


def test_an_arm_given_twice_is_an_error(tmp_path: Path) -> None:
    mixed = write_lines(tmp_path / "both.csv", GOOD)
    canary = write_lines(tmp_path / "canary.csv", GOOD)
    code = main(
        ["build-input", "--gate", "rollout", "--samples", str(mixed), "--canary", str(canary)]
    )
    assert code == 2
