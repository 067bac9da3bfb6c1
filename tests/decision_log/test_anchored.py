"""A signed log: the two attacks an unkeyed hash chain cannot see, performed on real files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.log._decision_log import (
    GENESIS,
    DecisionLog,
    canonical_json,
    head_path,
    sha256_hex,
    verify_log,
)
from gatekeeper.log._keys import generate_key_pair, load_signer, load_verifier
from gatekeeper.models._exceptions import DecisionLogError
from tests.conftest import sample_record

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios" / "promotion"
PROMOTE = SCENARIOS / "promote--seed-003-with-evidence.json"
DENY = SCENARIOS / "deny--error-rate-over-threshold.json"


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    private, public = tmp_path / "keys" / "log.pem", tmp_path / "keys" / "log.pub.pem"
    private.parent.mkdir()
    generate_key_pair(private, public)
    return private, public


def _gatekeeper(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gatekeeper", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture
def signed_log(tmp_path: Path, keys: tuple[Path, Path]) -> Path:
    """Six real decisions (promote, deny, ...) by `gatekeeper check --batch`, signed."""
    log = tmp_path / "decisions.jsonl"
    batch = tmp_path / "batch.jsonl"
    documents = [json.loads(PROMOTE.read_text()), json.loads(DENY.read_text())] * 3
    batch.write_text("".join(json.dumps(d) + "\n" for d in documents))
    completed = _gatekeeper(
        "check", "--batch", str(batch), "--decision-log", str(log), "--log-key", str(keys[0])
    )
    assert completed.returncode == 1, completed.stderr
    return log


def _records(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def _rewrite_chain(log: Path, records: list[dict[str, Any]]) -> None:
    """What an attacker without the key can do: renumber, rechain and write a new head."""
    previous, lines = GENESIS, []
    for seq, record in enumerate(records, start=1):
        fields = {k: v for k, v in record.items() if k != "sig"}
        line = canonical_json({**fields, "seq": seq, "prev_sha256": previous})
        if "sig" in record:  # the old signature stays where the writer puts it
            line = line[:-1] + b',"sig":"' + record["sig"].encode() + b'"}'
        previous = sha256_hex(line)
        lines.append(line + b"\n")
    log.write_bytes(b"".join(lines))
    head = Path(str(log) + ".head")
    old = json.loads(head.read_text())
    head.write_bytes(canonical_json({**old, "seq": len(records), "sha256": previous}) + b"\n")


def _verify(log: Path, key: Path | None) -> subprocess.CompletedProcess[str]:
    return _gatekeeper("log", "verify", str(log), *(["--key", str(key)] if key else []))


def test_success_signed_log_verifies_with_the_public_key(
    signed_log: Path, keys: tuple[Path, Path]
) -> None:
    completed = _verify(signed_log, keys[1])
    assert completed.returncode == 0, completed.stdout
    assert "OK, 6 record(s)" in completed.stdout
    assert "signatures valid" in completed.stdout
    records = _records(signed_log)
    # the first group is one line; each group's last line is signed and seals the others
    assert records[0]["key_id"] == records[-1]["key_id"] == load_signer(keys[0]).key_id
    assert "sig" in records[0] and "sig" in records[-1]


def _failed_line(completed: subprocess.CompletedProcess[str]) -> int:
    assert completed.returncode == 1, completed.stdout
    return int(completed.stdout.split("FAILED: line ")[1].split(":")[0])


def test_fail_flipped_deny_with_recomputed_chain_and_head(
    signed_log: Path, keys: tuple[Path, Path]
) -> None:
    records = _records(signed_log)
    assert records[3]["decision"]["action"] == "deny"
    records[3]["decision"].update(action="promote", allow=True, violations=[])
    records[3]["exit_code"] = 0
    _rewrite_chain(signed_log, records)
    # the unkeyed chain is fooled: this is the attack the key is for
    assert _verify(signed_log, None).returncode == 0
    completed = _verify(signed_log, keys[1])
    # the first signature at or after the edited line no longer matches
    assert 4 <= _failed_line(completed) <= 6
    assert "bad signature" in completed.stdout


@pytest.mark.parametrize("copy_a_signature", [True, False])
def test_fail_dropped_tail_and_forged_well_chained_record(
    signed_log: Path, keys: tuple[Path, Path], copy_a_signature: bool
) -> None:
    records = _records(signed_log)
    forged = {**records[3], "decision_id": "forged-0001"}  # a deny turned into a promote
    forged["decision"] = records[0]["decision"]
    forged["exit_code"] = 0
    if copy_a_signature:
        forged.update(key_id=records[-1]["key_id"], sig=records[-1]["sig"])
    else:
        forged.pop("sig", None)
    _rewrite_chain(signed_log, [*records[:3], forged])
    assert _verify(signed_log, None).returncode == 0
    completed = _verify(signed_log, keys[1])
    assert _failed_line(completed) == 4
    expected = "bad signature" if copy_a_signature else "not sealed by a signature"
    assert expected in completed.stdout


def _cut_after_a_signed_line(log: Path) -> list[bytes]:
    """Drop the tail so that the log still ends with a signed (sealing) record."""
    lines = log.read_bytes().splitlines(keepends=True)
    keep = max(n for n, line in enumerate(lines[:-1], start=1) if b'"sig":' in line)
    log.write_bytes(b"".join(lines[:keep]))
    return lines[:keep]


def test_fail_dropped_tail_with_the_head_removed(signed_log: Path, keys: tuple[Path, Path]) -> None:
    _cut_after_a_signed_line(signed_log)
    Path(str(signed_log) + ".head").unlink()
    assert _verify(signed_log, None).returncode == 0
    completed = _verify(signed_log, keys[1])
    assert completed.returncode == 1
    assert "no head file" in completed.stdout


def test_fail_dropped_tail_with_a_forged_head(signed_log: Path, keys: tuple[Path, Path]) -> None:
    kept = _cut_after_a_signed_line(signed_log)
    head = Path(str(signed_log) + ".head")
    old = json.loads(head.read_text())
    last = sha256_hex(kept[-1].rstrip(b"\n"))
    head.write_bytes(canonical_json({**old, "seq": len(kept), "sha256": last}) + b"\n")
    completed = _verify(signed_log, keys[1])
    assert completed.returncode == 1
    assert "bad signature (forged head?)" in completed.stdout


def test_fail_another_key(signed_log: Path, tmp_path: Path) -> None:
    other_private, other_public = tmp_path / "other.pem", tmp_path / "other.pub.pem"
    generate_key_pair(other_private, other_public)
    completed = _verify(signed_log, other_public)
    assert completed.returncode == 1
    assert "line 1: record is signed by another key" in completed.stdout


def _append_unsigned(log: Path) -> None:
    """What a writer without the key can do: chain one unsigned record on and rewrite the head."""
    last = log.read_bytes().splitlines()[-1]
    seq = json.loads(last)["seq"] + 1
    record = {**sample_record({"gate": "promotion"}), "seq": seq, "prev_sha256": sha256_hex(last)}
    line = canonical_json(record)
    with log.open("ab") as handle:
        handle.write(line + b"\n")
    head = canonical_json({"seq": seq, "sha256": sha256_hex(line)})
    head_path(log).write_bytes(head + b"\n")


def test_fail_unsigned_record_among_signed(signed_log: Path, keys: tuple[Path, Path]) -> None:
    _append_unsigned(signed_log)
    assert verify_log(signed_log).ok
    result = verify_log(signed_log, load_verifier(keys[1]))
    assert (result.ok, result.problem_line) == (False, 7)
    assert "not sealed by a signature" in (result.problem or "")


def test_success_keys_from_environment_paths(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    log = tmp_path / "env.jsonl"
    completed = _gatekeeper(
        "check",
        str(PROMOTE),
        "--decision-log",
        str(log),
        env={"GATEKEEPER_LOG_KEY": str(keys[0])},
    )
    assert completed.returncode == 0, completed.stderr
    assert "sig" in _records(log)[0]
    verified = _gatekeeper(
        "log", "verify", str(log), env={"GATEKEEPER_LOG_VERIFY_KEY": str(keys[1])}
    )
    assert verified.returncode == 0, verified.stdout
    assert "signatures valid" in verified.stdout


def test_success_private_key_is_private(keys: tuple[Path, Path]) -> None:
    assert stat.S_IMODE(keys[0].stat().st_mode) == 0o600
    assert load_verifier(keys[0]).key_id == load_verifier(keys[1]).key_id


def test_fail_bad_key_file_exits_two(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key\n")
    log = tmp_path / "d.jsonl"
    completed = _gatekeeper(
        "check", str(PROMOTE), "--decision-log", str(log), "--log-key", str(bad)
    )
    assert completed.returncode == 2
    assert "not an unencrypted PEM private key" in completed.stderr
    assert not log.exists()
    with pytest.raises(DecisionLogError, match="cannot read"):
        load_verifier(tmp_path / "absent.pem")


def test_fail_check_without_the_key_never_appends_to_a_signed_log(
    signed_log: Path, tmp_path: Path
) -> None:
    before = signed_log.read_bytes(), head_path(signed_log).read_bytes()
    completed = _gatekeeper("check", str(PROMOTE), "--decision-log", str(signed_log))
    assert completed.returncode == 2
    assert f"decision log {signed_log} is signed (key id " in completed.stderr
    assert "no signing key was given: pass --log-key FILE" in completed.stderr
    assert (signed_log.read_bytes(), head_path(signed_log).read_bytes()) == before
    batch = tmp_path / "one.jsonl"
    batch.write_text(PROMOTE.read_text().replace("\n", "") + "\n")
    completed = _gatekeeper("check", "--batch", str(batch), "--decision-log", str(signed_log))
    assert completed.returncode == 2
    assert (signed_log.read_bytes(), head_path(signed_log).read_bytes()) == before


def test_fail_a_signed_head_alone_marks_the_log_signed(
    signed_log: Path, keys: tuple[Path, Path]
) -> None:
    lines = signed_log.read_bytes().splitlines(keepends=True)
    signed_log.write_bytes(b"".join(lines[:-1]) + lines[-1].split(b',"sig"')[0] + b"}\n")
    with pytest.raises(DecisionLogError, match=r"is signed .* no signing key was given"):
        DecisionLog(signed_log).append(sample_record({"gate": "promotion"}))
    DecisionLog(signed_log, load_signer(keys[0])).append(sample_record({"gate": "promotion"}))
