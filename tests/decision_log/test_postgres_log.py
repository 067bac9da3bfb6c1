"""The decision log in PostgreSQL (a real server): the file log's records and chain,
one lock across processes, nothing left by a failed publish, nothing lost by
``kill -9``, tampering found by ``log verify``, the same ``log show``."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from gatekeeper.log._decision_log import DecisionLog
from gatekeeper.log._keys import generate_key_pair, load_signer, load_verifier
from gatekeeper.log._postgres_log import PostgresDecisionLog
from gatekeeper.models._exceptions import DecisionLogError
from tests.conftest import sample_record

REPO = Path(__file__).resolve().parents[2]
PROMOTE = REPO / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"


def _record(n: int, **fields: Any) -> dict[str, Any]:
    return sample_record({"gate": "promotion", "n": n}, **fields)


def _fixed(n: int) -> dict[str, Any]:
    """A record with a fixed id and time: two logs of the same records are byte-equal."""
    record = _record(n, decision_id=f"00000000-0000-4000-8000-{n:012d}")
    record["time"] = f"2026-05-01T12:00:{n:02d}.000000Z"
    return record


@pytest.fixture
def log(postgres_url: str) -> Iterator[PostgresDecisionLog]:
    opened = PostgresDecisionLog(postgres_url)
    yield opened
    opened.close()


def _rows(url: str) -> list[tuple[int, bytes]]:
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT seq, line FROM gatekeeper_decision_log ORDER BY seq"
        ).fetchall()
    return [(seq, bytes(line)) for seq, line in rows]


def _gatekeeper(
    *args: str, url: str | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "GATEKEEPER_DATABASE_URL"}
    if url is not None:
        environment["GATEKEEPER_DATABASE_URL"] = url
    environment["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "gatekeeper", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def test_rows_are_the_file_logs_lines(log: PostgresDecisionLog, tmp_path: Path) -> None:
    file_log = DecisionLog(tmp_path / "decisions.jsonl")
    for target in (log, file_log):
        first = target.append(_fixed(1))
        assert (first["seq"], first["prev_sha256"]) == (1, "0" * 64)
        group = target.append_many([_fixed(2), _fixed(3)])
        assert [r["seq"] for r in group] == [2, 3]
    lines = (tmp_path / "decisions.jsonl").read_bytes().splitlines()
    assert [line for _, line in _rows(log.url)] == lines
    with psycopg.connect(log.url) as connection:
        head = connection.execute("SELECT head FROM gatekeeper_decision_log_head").fetchone()
    assert head is not None
    assert bytes(head[0]) == (tmp_path / "decisions.jsonl.head").read_bytes()
    result = log.verify()
    assert result.ok, result.problem
    assert result.records == 3 and result.notes == []


def test_a_failed_publish_leaves_nothing(log: PostgresDecisionLog) -> None:
    log.append(_record(1))
    before = _rows(log.url)

    def publish() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        log.append_many([_record(2), _record(3)], publish)
    assert _rows(log.url) == before
    assert log.verify().ok
    published: list[int] = []
    written = log.append(_record(4), lambda: published.append(1))
    assert written["seq"] == 2 and published == [1]
    assert log.verify().ok


def test_a_failed_first_publish_leaves_no_head(log: PostgresDecisionLog) -> None:
    with pytest.raises(RuntimeError, match="report"):
        log.append(_record(1), publish=_raise_report)
    assert _rows(log.url) == []
    with psycopg.connect(log.url) as connection:
        heads = connection.execute("SELECT count(*) FROM gatekeeper_decision_log_head")
        assert heads.fetchone() == (0,)


def _raise_report() -> None:
    raise RuntimeError("report could not be written")


def test_the_publish_step_runs_before_the_commit(log: PostgresDecisionLog) -> None:
    """What another reader sees while publishing: nothing yet (committed after)."""
    seen: list[int] = []

    def publish() -> None:
        seen.append(len(_rows(log.url)))

    log.append(_record(1), publish)
    assert seen == [0]
    assert len(_rows(log.url)) == 1


def _append_in_process(url: str, worker: int, count: int) -> None:
    writer = PostgresDecisionLog(url)
    try:
        for n in range(count):
            if n % 3 == 0:
                writer.append_many([_record(n, source=f"{worker}:{n}:{i}") for i in range(3)])
            else:
                writer.append(_record(n, source=f"{worker}:{n}:0"))
    finally:
        writer.close()


def test_two_processes_append_one_chain(log: PostgresDecisionLog) -> None:
    log.problems()  # the schema exists before the race
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_append_in_process, args=(log.url, w, 30)) for w in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=180)
        assert worker.exitcode == 0
    rows = _rows(log.url)
    assert [seq for seq, _ in rows] == list(range(1, 2 * 50 + 1))  # 10 groups of 3 + 20 singles
    sources = sorted(json.loads(line)["source"] for _, line in rows)
    assert len(set(sources)) == 100
    result = log.verify()
    assert result.ok, result.problem
    assert result.records == 100


_LOOP = """
import sys
from gatekeeper.log._postgres_log import PostgresDecisionLog
from tests.conftest import sample_record
log = PostgresDecisionLog(sys.argv[1])
n = 0
while True:
    n += 1
    group = [sample_record({"gate": "promotion", "n": n, "i": i}) for i in range(2)]
    written = log.append_many(group)
    print(written[-1]["seq"], flush=True)
"""


def test_kill_9_while_appending_loses_no_committed_record(log: PostgresDecisionLog) -> None:
    log.problems()
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-c", _LOOP, log.url],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    confirmed: list[int] = []
    deadline = time.monotonic() + 120
    while len(confirmed) < 40 and time.monotonic() < deadline:
        confirmed.append(int(process.stdout.readline()))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert len(confirmed) == 40
    rows = _rows(log.url)
    assert len(rows) >= confirmed[-1]  # every confirmed append is there (and its group whole)
    assert len(rows) % 2 == 0
    result = log.verify()
    assert result.ok, result.problem
    assert result.notes == []
    assert log.append(_record(0))["seq"] == len(rows) + 1
    assert log.verify().ok


def test_log_verify_finds_a_tampered_row(log: PostgresDecisionLog) -> None:
    for n in range(1, 6):
        log.append(_record(n))
    verified = _gatekeeper("log", "verify", "--log-store", "postgresql", url=log.url)
    assert verified.returncode == 0, verified.stderr
    assert "OK, 5 record(s), hash chain intact" in verified.stdout
    assert "postgresql://gatekeeper:***@127.0.0.1" in verified.stdout
    assert log.url.split(":")[2].split("@")[0] not in verified.stdout  # no password
    with psycopg.connect(log.url) as connection:
        line = connection.execute("SELECT line FROM gatekeeper_decision_log WHERE seq = 3")
        edited = bytes(line.fetchone()[0]).replace(b'"exit_code":0', b'"exit_code":1')  # type: ignore[index]
        connection.execute("UPDATE gatekeeper_decision_log SET line = %s WHERE seq = 3", (edited,))
    tampered = _gatekeeper("log", "verify", "--log-store", "postgresql", url=log.url)
    assert tampered.returncode == 1
    assert "FAILED: line 4: prev_sha256 does not match line 3" in tampered.stdout


def test_log_verify_finds_removed_last_rows(log: PostgresDecisionLog) -> None:
    for n in range(1, 4):
        log.append(_record(n))
    with psycopg.connect(log.url) as connection:
        connection.execute("DELETE FROM gatekeeper_decision_log WHERE seq = 3")
    result = log.verify()
    assert not result.ok
    assert result.problem is not None and "lines were removed at the end" in result.problem


def test_signed_log_verifies_with_the_key_and_refuses_unsigned_writers(
    postgres_url: str, tmp_path: Path
) -> None:
    generate_key_pair(tmp_path / "log.key", tmp_path / "log.pub")
    signed = PostgresDecisionLog(postgres_url, load_signer(tmp_path / "log.key"))
    try:
        signed.append(_record(1))
        signed.append_many([_record(2), _record(3)])
        result = signed.verify(load_verifier(tmp_path / "log.pub"))
        assert result.ok, result.problem
        assert result.signed == 2
    finally:
        signed.close()
    unsigned = PostgresDecisionLog(postgres_url)
    try:
        with pytest.raises(DecisionLogError, match=r"is signed .* but no signing key"):
            unsigned.append(_record(4))
    finally:
        unsigned.close()
    assert len(_rows(postgres_url)) == 3


def test_log_show_prints_what_it_prints_for_the_same_file_log(
    log: PostgresDecisionLog, tmp_path: Path
) -> None:
    file_path = tmp_path / "decisions.jsonl"
    file_log = DecisionLog(file_path)
    for n in range(1, 5):
        log.append(_fixed(n))
        file_log.append(_fixed(n))
    for extra in ([], ["--format", "json"], ["--since", "2026-05-01T12:00:02Z"]):
        from_file = _gatekeeper("log", "show", str(file_path), *extra)
        from_database = _gatekeeper("log", "show", "--log-store", "postgresql", *extra, url=log.url)
        assert from_file.returncode == from_database.returncode == 0, from_database.stderr
        assert from_database.stdout == from_file.stdout
        assert from_file.stdout


def test_check_writes_to_the_database_log(postgres_url: str, tmp_path: Path) -> None:
    url_file = tmp_path / "database-url"
    url_file.write_text(postgres_url + "\n")
    url_file.chmod(0o600)
    common = ("--log-store", "postgresql", "--database-url-file", str(url_file))
    for _ in range(2):
        decided = _gatekeeper("check", str(PROMOTE), "--format", "json", *common)
        assert decided.returncode == 0, decided.stderr
    rows = _rows(postgres_url)
    assert [seq for seq, _ in rows] == [1, 2]
    assert json.loads(rows[1][1])["decision_id"] == json.loads(decided.stdout)["decision_id"]
    verified = _gatekeeper("log", "verify", *common)
    assert verified.returncode == 0 and "OK, 2 record(s)" in verified.stdout


def test_check_with_the_url_file_readable_by_others_is_refused(
    postgres_url: str, tmp_path: Path
) -> None:
    url_file = tmp_path / "database-url"
    url_file.write_text(postgres_url + "\n")
    url_file.chmod(0o644)
    decided = _gatekeeper(
        "check", str(PROMOTE), "--log-store", "postgresql", "--database-url-file", str(url_file)
    )
    assert decided.returncode == 2
    assert f"--database-url-file {url_file}: readable by group or others" in decided.stderr
    assert decided.stdout == ""
    with psycopg.connect(postgres_url) as connection:  # never connected: no table either
        table = connection.execute("SELECT to_regclass('gatekeeper_decision_log')").fetchone()
    assert table == (None,)


def test_postgresql_down_is_exit_2_naming_the_cause(tmp_path: Path) -> None:
    from tests.postgres_cluster import _free_port

    url = f"postgresql://gatekeeper:pw-not-shown@127.0.0.1:{_free_port()}/gatekeeper"
    decided = _gatekeeper("check", str(PROMOTE), "--log-store", "postgresql", url=url)
    assert decided.returncode == 2
    assert decided.stdout == ""  # no result without its record
    assert "decision log postgresql://gatekeeper:***@127.0.0.1" in decided.stderr
    assert "cannot connect" in decided.stderr and "refused" in decided.stderr
    for command in (["log", "verify"], ["log", "show"]):
        read = _gatekeeper(*command, "--log-store", "postgresql", url=url)
        assert read.returncode == 2
        assert "cannot connect" in read.stderr
    assert "pw-not-shown" not in decided.stderr + read.stderr + read.stdout


def test_no_url_anywhere_is_refused_naming_both_sources() -> None:
    decided = _gatekeeper("log", "verify", "--log-store", "postgresql")
    assert decided.returncode == 2
    assert "give --database-url-file FILE (mode 600) or set $GATEKEEPER_DATABASE_URL" in (
        decided.stderr
    )


def test_a_held_lock_ends_at_the_decision_deadline(log: PostgresDecisionLog) -> None:
    """Another writer holding the log's lock: check ends by --timeout, exit 2, nothing out."""
    log.append(_record(1))
    with psycopg.connect(log.url) as holder:
        holder.execute("LOCK TABLE gatekeeper_decision_log IN EXCLUSIVE MODE")
        started = time.monotonic()
        decided = _gatekeeper(
            "check", str(PROMOTE), "--log-store", "postgresql", "--timeout", "3", url=log.url
        )
        elapsed = time.monotonic() - started
        holder.rollback()
    assert decided.returncode == 2
    assert "deadline exceeded: no decision within 3s" in decided.stderr
    assert decided.stdout == ""
    assert elapsed < 20
    assert len(_rows(log.url)) == 1
    assert log.verify().ok


def test_check_batch_writes_each_group_with_its_output(
    log: PostgresDecisionLog, tmp_path: Path
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([PROMOTE.read_text().replace("\n", " ")] * 3) + "\n")
    decided = _gatekeeper("check", "--batch", str(batch), "--log-store", "postgresql", url=log.url)
    assert decided.returncode == 0, decided.stderr
    answered = [json.loads(line)["decision_id"] for line in decided.stdout.splitlines()]
    assert [json.loads(line)["decision_id"] for _, line in _rows(log.url)] == answered
    assert log.verify().ok
