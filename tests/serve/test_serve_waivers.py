"""A real ``gatekeeper serve`` refuses a waiver approved by its own owner, as check does."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.conftest import REPO_ROOT
from tests.serve.conftest import ROSTER, ServerFactory
from tests.serve.test_serve_decisions import PIPELINE, tokens_file

WAIVERS = REPO_ROOT / "scenarios" / "waivers.json"
SELF_APPROVED = REPO_ROOT / "scenarios" / "waivers" / "deny--cost-waiver-self-approved.json"


def test_fail_serve_refuses_a_self_approved_waiver(tmp_path: Path, serve: ServerFactory) -> None:
    tokens_path, tokens = tokens_file(tmp_path)
    server = serve("--data", str(ROSTER), "--data", str(WAIVERS), "--tokens-file", str(tokens_path))
    document = json.loads(SELF_APPROVED.read_text())
    document.pop("now")  # serve holds the clock
    response = httpx.post(
        f"{server.url}/v1/decisions",
        json=document,
        headers={"Authorization": f"Bearer {tokens[PIPELINE]}"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["action"] == "deny"
    [warning] = decision["warnings"]
    assert (warning["code"], warning["reason"]) == ("WAIVER_REFUSED", "self_approved")
    assert warning["waiver"]["id"] == "WV-007"
