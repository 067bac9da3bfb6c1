"""The decision log: chained records, verify finds any edited, removed or moved line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main
from gatekeeper.log._decision_log import (
    GENESIS,
    DecisionLog,
    encode_line,
    input_sha256,
    log_path,
    new_record,
    sha256_hex,
    verify_log,
)
from gatekeeper.models._exceptions import DecisionLogError
from gatekeeper.models._jsontext import Encoded, loads_exact

DECISION: dict[str, Any] = {
    "gate": "promotion",
    "allow": True,
    "action": "promote",
    "violations": [],
    "warnings": [],
    "authority": ["System"],
    "decision_window_minutes": None,
    "default_action": None,
}


def _record(n: int) -> dict[str, Any]:
    return new_record(
        gate="promotion",
        document={"gate": "promotion", "n": n},
        decision=DECISION,
        policy_digest="d" * 64,
        policy_revision="sha256:dddddddddddd",
        engine="embedded",
        engine_version="opa 1.22.2 wasm, wasmtime 50.0.1",
        exit_code=0,
        source=f"input-{n}.json",
    )


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    path = tmp_path / "logs" / "decisions.jsonl"
    log = DecisionLog(path)
    for n in range(1, 6):
        log.append(_record(n))
    return path


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def test_success_records_are_chained(log_file: Path) -> None:
    lines = [line.rstrip(b"\n") for line in _lines(log_file)]
    records = [json.loads(line) for line in lines]
    assert [r["seq"] for r in records] == [1, 2, 3, 4, 5]
    assert records[0]["prev_sha256"] == GENESIS
    for previous, record in zip(lines, records[1:], strict=False):
        assert record["prev_sha256"] == sha256_hex(previous)
    assert records[0]["time"].endswith("Z")
    assert len({r["decision_id"] for r in records}) == 5
    assert records[2]["input_sha256"] == input_sha256({"n": 3, "gate": "promotion"})
    result = verify_log(log_file)
    assert result.ok and result.records == 5


def test_success_input_digest_is_canonical() -> None:
    assert input_sha256({"b": 1, "a": [1, 2]}) == input_sha256({"a": [1, 2], "b": 1})
    assert input_sha256({"a": 1}) == sha256_hex(b'{"a":1}')


def test_success_log_path_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GATEKEEPER_DECISION_LOG", str(tmp_path / "x.jsonl"))
    assert log_path() == tmp_path / "x.jsonl"
    assert log_path(str(tmp_path / "y.jsonl")) == tmp_path / "y.jsonl"
    monkeypatch.delenv("GATEKEEPER_DECISION_LOG")
    assert log_path() == Path(".gatekeeper/decisions.jsonl")


@pytest.mark.parametrize("line", [1, 3, 5])
def test_fail_edited_line_is_named(log_file: Path, line: int) -> None:
    lines = _lines(log_file)
    lines[line - 1] = lines[line - 1].replace(b'"exit_code":0', b'"exit_code":1')
    log_file.write_bytes(b"".join(lines))
    result = verify_log(log_file)
    assert not result.ok
    # an edit is seen on the next line (its prev_sha256) or, for the last, by the head
    assert result.problem_line == (line + 1 if line < 5 else 5)


@pytest.mark.parametrize("line", [1, 2, 4, 5])
def test_fail_removed_line_is_named(log_file: Path, line: int) -> None:
    lines = _lines(log_file)
    del lines[line - 1]
    log_file.write_bytes(b"".join(lines))
    result = verify_log(log_file)
    assert not result.ok
    assert result.problem_line == line
    assert "removed" in (result.problem or "")


@pytest.mark.parametrize("first", [1, 2, 4])
def test_fail_swapped_lines_are_named(log_file: Path, first: int) -> None:
    lines = _lines(log_file)
    lines[first - 1], lines[first] = lines[first], lines[first - 1]
    log_file.write_bytes(b"".join(lines))
    result = verify_log(log_file)
    assert not result.ok
    assert result.problem_line == first


def test_fail_edit_with_recomputed_seq_still_breaks_the_chain(log_file: Path) -> None:
    lines = _lines(log_file)
    record = json.loads(lines[1])
    record["decision"]["action"] = "deny"
    lines[1] = json.dumps(record, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    log_file.write_bytes(b"".join(lines))
    result = verify_log(log_file)
    assert (result.problem_line, result.ok) == (3, False)
    assert "prev_sha256 does not match line 2" in (result.problem or "")


def test_fail_torn_last_line_is_reported_and_not_chained_onto(log_file: Path) -> None:
    with log_file.open("ab") as handle:
        handle.write(b'{"seq":6,"decision_id":"half')
    result = verify_log(log_file)
    assert (result.ok, result.problem_line) == (False, 6)
    assert "incomplete last line" in (result.problem or "")
    with pytest.raises(DecisionLogError, match="last line is incomplete"):
        DecisionLog(log_file).append(_record(6))
    assert log_file.read_bytes().endswith(b'"half')


def test_fail_garbage_last_line_is_not_chained_onto(log_file: Path) -> None:
    with log_file.open("ab") as handle:
        handle.write(b"not json\n")
    assert verify_log(log_file).problem_line == 6
    with pytest.raises(DecisionLogError, match="not a decision record"):
        DecisionLog(log_file).append(_record(6))


def test_fail_unwritable_log_is_a_decision_log_error(tmp_path: Path) -> None:
    directory = tmp_path / "is-a-dir"
    directory.mkdir()
    with pytest.raises(DecisionLogError, match="cannot append"):
        DecisionLog(directory).append(_record(1))


def test_success_verify_command(log_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "verify", str(log_file)]) == 0
    assert "OK, 5 record(s)" in capsys.readouterr().out


def test_fail_verify_command_names_the_line(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _lines(log_file)
    del lines[2]
    log_file.write_bytes(b"".join(lines))
    assert main(["log", "verify", str(log_file)]) == 1
    assert "line 3:" in capsys.readouterr().out


def test_fail_verify_command_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "verify", str(tmp_path / "absent.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_success_missing_head_is_a_note(log_file: Path) -> None:
    Path(str(log_file) + ".head").unlink()
    result = verify_log(log_file)
    assert result.ok
    assert any("head" in note for note in result.notes)


@pytest.mark.parametrize("redact_paths", [(), ("canary.shards.*.cpu",), ("absent",)])
def test_success_encoded_input_gives_the_same_record_bytes(redact_paths: tuple[str, ...]) -> None:
    document = loads_exact(
        '{"gate": "rollout", "phase_percent": 25, "canary": {"error_rate": [0.0010, 2.5E-3],'
        ' "shards": {"b": {"cpu": [0.5]}, "a": {"cpu": [0.61]}}}, "note": "é\\u2028"}'
    )
    fields: dict[str, Any] = {
        "gate": "rollout",
        "decision": DECISION,
        "policy_digest": "d" * 64,
        "policy_revision": "sha256:dddddddddddd",
        "engine": "embedded",
        "engine_version": "opa 1.22.2 wasm, wasmtime 50.0.1",
        "exit_code": 0,
        "source": "batch.jsonl:1",
        "decision_id": "id-1",
        "redact_paths": redact_paths,
    }
    plain = new_record(document=document, **fields)
    encoded = new_record(document=Encoded(document), **fields)
    encoded["time"] = plain["time"]
    assert encoded == plain
    assert encoded["input_sha256"] == input_sha256(document)
    chained = {"seq": 1, "prev_sha256": GENESIS}
    assert encode_line({**encoded, **chained}, None) == encode_line({**plain, **chained}, None)
