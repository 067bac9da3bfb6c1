"""The caller chooses the rule set and the engine's policy revision, as with ``check``.

``POST /v1/decisions?profile=...&environment=...`` is ``check --profile/--environment``:
the body may only confirm the choice. ``--engine opa-server`` decides only with a
server that serves the local policy revision: a bundle of it (the default), or an
upload to a dedicated server (``--opa-upload``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from gatekeeper.policy._bundle import default_revision
from gatekeeper.policy._files import default_policy_dir, load_policy_set
from tests.conftest import REPO_ROOT, OpaServerFactory
from tests.serve.conftest import Server, ServerFactory

SCENARIOS = REPO_ROOT / "scenarios"
GRAY = SCENARIOS / "rollout" / "gray-scale" / "abort--error-spike-above-10.json"
PRODUCTION = (
    SCENARIOS
    / "rollout"
    / "environment"
    / "production"
    / "auto_rollback--production-latency-increase-above-50ms.json"
)
DENY = SCENARIOS / "promotion" / "deny--seed-003-example.json"


def _input(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    inner = document.get("input", document)
    assert isinstance(inner, dict)
    return inner


def _first_answer(server: Server, path: str, timeout: float = 60.0) -> httpx.Response:
    """The first answer of a server still starting (``RuntimeError`` if none comes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"serve exited: {server.output()}")
        try:
            return httpx.get(f"{server.url}{path}", timeout=30)
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"serve did not answer in {timeout}s: {server.output()}")


def _records(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_the_callers_profile_decides_and_the_body_may_only_confirm_it(
    serve: ServerFactory,
) -> None:
    server = serve()
    url = f"{server.url}/v1/decisions"
    gray = _input(GRAY)
    assert gray["profile"] == "gray-scale"

    confirmed = httpx.post(url, params={"profile": "gray-scale"}, json=gray, timeout=30)
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["action"] == "abort"

    bare = {key: value for key, value in gray.items() if key != "profile"}
    chosen = httpx.post(url, params={"profile": "gray-scale"}, json=bare, timeout=30)
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["action"] == "abort"

    # no choice is decision-matrix: the body's gray-scale is a contradiction, not a choice
    claimed = httpx.post(url, json=gray, timeout=30)
    assert claimed.status_code == 400
    body = claimed.json()
    assert (body["error"], body["field"]) == ("input", "profile")
    assert '"gray-scale"' in body["message"] and '"decision-matrix"' in body["message"]

    lenient = httpx.post(url, params={"profile": "blue-green"}, json=gray, timeout=30)
    assert lenient.status_code == 400
    assert '"gray-scale"' in lenient.json()["message"]
    assert '"blue-green"' in lenient.json()["message"]

    records = _records(server.decision_log)
    assert [r["decision_id"] for r in records] == [
        confirmed.json()["decision_id"],
        chosen.json()["decision_id"],
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"profile": "environment", "environment": "production"}, None),
        ({"profile": "environment"}, 'the input says "production" but the caller chose none'),
        (
            {"profile": "environment", "environment": "development"},
            'the input says "production" but the caller chose "development"',
        ),
        ({"profile": "yolo"}, 'unknown rollout profile "yolo"'),
        ({"profil": "environment"}, "profil: not a query parameter of this route"),
        ([("profile", "environment"), ("profile", "gray-scale")], "profile: given 2 times"),
        ({"profile": ""}, "profile: empty"),
    ],
)
def test_the_environment_is_the_callers_too(
    serve: ServerFactory, query: Any, message: str | None
) -> None:
    server = serve()
    response = httpx.post(
        f"{server.url}/v1/decisions", params=query, json=_input(PRODUCTION), timeout=30
    )
    if message is None:
        assert response.status_code == 200, response.text
        assert response.json()["action"] == "auto_rollback"
        assert len(_records(server.decision_log)) == 1
        return
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert _records(server.decision_log) == []


def test_the_controller_routes_take_no_rule_set_from_the_query(serve: ServerFactory) -> None:
    server = serve()
    argo = httpx.get(
        f"{server.url}/v1/argo/shop/checkout", params={"profile": "blue-green"}, timeout=30
    )
    assert argo.status_code == 400
    assert argo.json()["message"].startswith("profile: not a query parameter of this route")
    flagger = httpx.post(
        f"{server.url}/v1/flagger/rollout",
        params={"profile": "blue-green"},
        json={"name": "checkout", "namespace": "shop"},
        timeout=30,
    )
    assert flagger.status_code == 400
    assert "this route takes none" in flagger.json()["message"]


def test_serve_mirrors_the_engine_options_of_check() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert "--opa-upload" in done.stdout and "--opa-preloaded" in done.stdout
    both = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "serve", "--opa-upload", "--opa-preloaded"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=60,
    )
    assert both.returncode == 2
    assert "not allowed with" in both.stderr


@pytest.mark.opa
def test_by_default_opa_server_decides_only_from_a_bundle_of_the_local_revision(
    serve: ServerFactory, opa_server: OpaServerFactory, bundle_dir: Path
) -> None:
    revision = default_revision(load_policy_set(default_policy_dir()))
    bundled = opa_server("-b", bundle_dir)
    server = serve("--engine", "opa-server", "--opa-url", bundled.url)
    response = httpx.post(f"{server.url}/v1/decisions", json=_input(DENY), timeout=30)
    assert response.status_code == 200, response.text
    assert response.json()["action"] == "deny"
    assert f"bundle revision {revision}" in response.json()["engine_version"]

    plain = opa_server(default_policy_dir())  # the same files, but no bundle revision
    refused = serve("--engine", "opa-server", "--opa-url", plain.url, ready=False)
    ready = _first_answer(refused, "/readyz")
    assert ready.status_code == 503
    assert "does not serve the local policy revision" in ready.json()["problems"][0]
    undecided = httpx.post(f"{refused.url}/v1/decisions", json=_input(DENY), timeout=30)
    assert undecided.status_code == 503
    assert undecided.json()["error"] == "engine"
    assert "does not serve the local policy revision" in undecided.json()["message"]
    assert _records(refused.decision_log) == []


@pytest.mark.opa
def test_opa_upload_needs_a_dedicated_server(
    serve: ServerFactory, opa_server: OpaServerFactory
) -> None:
    shared = opa_server(default_policy_dir())  # modules no gatekeeper upload put there
    server = serve("--engine", "opa-server", "--opa-upload", "--opa-url", shared.url, ready=False)
    assert server.process.wait(timeout=60) == 2
    assert "refusing to upload" in server.output()

    dedicated = opa_server()
    uploaded = serve("--engine", "opa-server", "--opa-upload", "--opa-url", dedicated.url)
    response = httpx.post(f"{uploaded.url}/v1/decisions", json=_input(DENY), timeout=30)
    assert response.status_code == 200, response.text
    assert "upload revision" in response.json()["engine_version"]
