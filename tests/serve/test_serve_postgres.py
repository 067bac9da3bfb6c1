"""``gatekeeper serve --log-store postgresql``: replicas on one real PostgreSQL write one
chain; ``kill -9`` of a replica under load loses no answered decision; a database
that goes away is 503 naming it, never a decision without its record, and
when it is back the next request is decided."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from gatekeeper.log._postgres_log import PostgresDecisionLog
from tests.conftest import REPO_ROOT
from tests.postgres_cluster import restart_cluster, running_cluster, stop_cluster
from tests.serve.conftest import (
    Server,
    assert_postgres_log_verifies,
    start_replica,
    wait_ready,
)

PROMOTE = REPO_ROOT / "scenarios" / "promotion" / "promote--seed-003-with-evidence.json"


def _document() -> dict[str, object]:
    document: dict[str, object] = json.loads(PROMOTE.read_text())
    return document


@pytest.fixture
def replicas(tmp_path: Path, postgres_url: str) -> Iterator[list[Server]]:
    PostgresDecisionLog(postgres_url).close()
    # b runs two worker processes: the options travel to them, the URL does not
    started = [
        start_replica(tmp_path / "a", postgres_url),
        start_replica(tmp_path / "b", postgres_url, "--workers", "2"),
    ]
    try:
        for server in started:
            wait_ready(server)
        yield started
    finally:
        for server in started:
            server.stop()


def _decide(server: Server, client: httpx.Client) -> str:
    answer = client.post(f"{server.url}/v1/decisions", json=_document(), timeout=30)
    assert answer.status_code == 200, answer.text
    decision_id: str = answer.json()["decision_id"]
    return decision_id


def _logged_ids(url: str) -> list[str]:
    with psycopg.connect(url) as connection:
        rows = connection.execute("SELECT line FROM gatekeeper_decision_log ORDER BY seq")
        return [json.loads(bytes(row[0]))["decision_id"] for row in rows]


def test_two_replicas_write_one_verifiable_chain(replicas: list[Server], postgres_url: str) -> None:
    answered: list[str] = []
    lock = threading.Lock()

    def load(server: Server) -> None:
        with httpx.Client() as client:
            for _ in range(15):
                decision_id = _decide(server, client)
                with lock:
                    answered.append(decision_id)

    threads = [threading.Thread(target=load, args=(s,)) for s in replicas for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(answered) == 60
    assert sorted(_logged_ids(postgres_url)) == sorted(answered)
    assert_postgres_log_verifies(postgres_url, 60)


def test_kill_9_of_a_replica_under_load_loses_no_answered_decision(
    replicas: list[Server], postgres_url: str
) -> None:
    victim, survivor = replicas
    answered: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def load(server: Server) -> None:
        with httpx.Client() as client:
            while not stop.is_set():
                try:
                    answer = client.post(f"{server.url}/v1/decisions", json=_document(), timeout=30)
                except httpx.HTTPError:
                    continue  # the killed replica: no answer, nothing owed
                if answer.status_code == 200:
                    with lock:
                        answered.append(answer.json()["decision_id"])

    threads = [threading.Thread(target=load, args=(s,)) for s in (victim, victim, survivor)]
    for thread in threads:
        thread.start()
    while True:
        with lock:
            if len(answered) >= 30:
                break
        threading.Event().wait(0.05)
    victim.process.kill()
    victim.process.wait(timeout=30)
    with lock:
        seen = len(answered)
    while True:  # the survivor goes on deciding after the kill
        with lock:
            if len(answered) >= seen + 10:
                break
        threading.Event().wait(0.05)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    logged = set(_logged_ids(postgres_url))
    assert set(answered) <= logged  # every answered decision has its record
    log = PostgresDecisionLog(postgres_url)
    try:
        result = log.verify()
    finally:
        log.close()
    assert result.ok, result.problem
    assert result.notes == []


def test_postgresql_going_away_is_503_naming_the_log(tmp_path: Path) -> None:
    with running_cluster() as cluster:
        server = start_replica(tmp_path / "a", cluster.url)
        try:
            wait_ready(server)
            with httpx.Client() as client:
                first = _decide(server, client)
                stop_cluster(cluster)
                answer = client.post(f"{server.url}/v1/decisions", json=_document(), timeout=30)
                assert answer.status_code == 503, answer.text
                assert "decision log postgresql://gatekeeper:***@127.0.0.1" in answer.text
                ready = client.get(f"{server.url}/readyz", timeout=30)
                assert ready.status_code == 503
                assert "decision log postgresql://gatekeeper:***@127.0.0.1" in ready.text
                password = cluster.url.split(":")[2].split("@")[0]
                assert password not in answer.text + ready.text + server.output()
                restart_cluster(cluster)  # back: the next request is decided and logged
                decision_id = _decide(server, client)
                assert _logged_ids(cluster.url) == [first, decision_id]
        finally:
            server.stop()
