"""What a real ``gatekeeper serve`` says about itself: the start-up line and request logs."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import httpx

from gatekeeper.models._examples import PROMOTION_EXAMPLE, example
from tests.serve.conftest import Server, ServerFactory

TOKEN = "deploy-token-0123456789abcdef"
JSON = {"Content-Type": "application/json"}
STARTUP = re.compile(
    r"^gatekeeper serve: listening on (?P<address>\S+) engine=(?P<engine>\S+) "
    r"policy_revision=(?P<revision>\S+) state_store=(?P<store>\S+) "
    r"decision_log=(?P<log>\S+) workers=(?P<workers>\d+)$"
)


def _tokens(folder: Path) -> Path:
    path = folder / "tokens.yaml"
    path.write_text(f'"{TOKEN}": ci-pipeline\n')
    path.chmod(0o600)
    return path


def _startup_lines(server: Server) -> list[re.Match[str]]:
    found = [STARTUP.match(line) for line in server.output().splitlines()]
    return [match for match in found if match]


def _request_lines(server: Server, count: int) -> list[dict[str, Any]]:
    """The JSON request-log lines of the test's own requests (the fixture's readiness
    polls left out), waiting until ``count`` were written: a line is written after its
    answer is sent, so the client may read the answer before the line is there."""
    deadline = time.monotonic() + 10
    while True:
        lines = [line for line in server.output().splitlines() if line.startswith("{")]
        records = [json.loads(line) for line in lines]
        mine = [r for r in records if r.get("path") != "/readyz"]
        if len(mine) >= count or time.monotonic() > deadline:
            return mine
        time.sleep(0.05)


def test_one_startup_line_names_address_engine_revision_store_and_log(
    serve: ServerFactory,
) -> None:
    server = serve()
    ready = httpx.get(f"{server.url}/readyz").json()
    lines = _startup_lines(server)
    assert len(lines) == 1, server.output()
    line = lines[0]
    assert line["address"] == server.url
    assert line["engine"] == ready["engine"] == "embedded"
    assert line["revision"] == ready["policy_revision"]
    assert ready["policy_revision"]
    # the SQLite state store, by default beside the decision log
    assert Path(line["store"]) == server.decision_log.parent / "gatekeeper-state.sqlite3"
    assert Path(line["log"]) == server.decision_log
    assert line["workers"] == "1"
    # no request log unless asked for
    httpx.post(f"{server.url}/v1/decisions", json=example(PROMOTION_EXAMPLE))
    assert not [x for x in server.output().splitlines() if x.startswith("{")]


def test_json_request_log_has_the_decision_id_and_never_a_token_or_a_body(
    tmp_path: Path, serve: ServerFactory
) -> None:
    server = serve("--tokens-file", str(_tokens(tmp_path)), "--access-log", "json")
    body = example(PROMOTION_EXAMPLE)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    decided = httpx.post(f"{server.url}/v1/decisions", json=body, headers=auth)
    assert decided.status_code == 200
    refused = httpx.post(f"{server.url}/v1/decisions", json=body)  # no token
    assert refused.status_code == 401
    queried = httpx.post(f"{server.url}/v1/decisions?bogus=1", json=body, headers=auth)
    assert queried.status_code == 400
    health = httpx.get(f"{server.url}/healthz")
    assert health.status_code == 200
    records = _request_lines(server, 4)
    mine = [r for r in records if r["path"] != "/readyz"]  # the fixture's readiness polls
    assert [(r["method"], r["path"], r["status"]) for r in mine] == [
        ("POST", "/v1/decisions", 200),
        ("POST", "/v1/decisions", 401),
        ("POST", "/v1/decisions", 400),
        ("GET", "/healthz", 200),
    ]
    assert mine[0]["decision_id"] == decided.json()["decision_id"]
    assert all("decision_id" not in r for r in mine[1:])
    for record in mine:
        assert set(record) <= {"time", "method", "path", "status", "duration_ms", "decision_id"}
        assert record["duration_ms"] >= 0
    output = server.output()
    assert TOKEN not in output
    assert body["version"]["id"] not in output  # nothing of the body
    assert "bogus" not in output  # never the query string
    assert len(_startup_lines(server)) == 1


def test_workers_log_requests_too(tmp_path: Path, serve: ServerFactory) -> None:
    server = serve("--workers", "2", "--access-log", "json")
    lines = _startup_lines(server)
    assert len(lines) == 1 and lines[0]["workers"] == "2", server.output()
    decided = httpx.post(f"{server.url}/v1/decisions", json=example(PROMOTION_EXAMPLE))
    assert decided.status_code == 200
    records = [r for r in _request_lines(server, 2) if r["path"] == "/v1/decisions"]
    deadline = time.monotonic() + 10
    while not records and time.monotonic() < deadline:
        time.sleep(0.05)
        records = [r for r in _request_lines(server, 2) if r["path"] == "/v1/decisions"]
    assert [r.get("decision_id") for r in records] == [decided.json()["decision_id"]]
