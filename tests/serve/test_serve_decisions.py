"""``POST /v1/decisions`` gives the decision ``gatekeeper check`` gives, on every engine.

Every runnable input in ``scenarios/`` goes to a real ``gatekeeper serve`` process
with its folder's rule set as the query (``?profile=...&environment=...``) and, as
one ``gatekeeper check --batch`` run per folder with the same options, through the
same engine; the decision objects (README, "The decision") must be identical. Approval inputs are
sent by their approver (bearer token -> identity), without an ``approvers`` field.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from gatekeeper.cli._main import main
from gatekeeper.log._decision_log import verify_log
from gatekeeper.models._contract import DECISION_KEYS
from gatekeeper.models._examples import scenario_rule_set
from tests.conftest import REPO_ROOT, OpaServerFactory
from tests.serve.conftest import ROSTER, ServerFactory

PIPELINE = "ci-pipeline"
SCENARIO_ROOT = REPO_ROOT / "scenarios"
SCENARIOS = sorted(SCENARIO_ROOT.rglob("*--*.json"))


def rule_set_query(path: Path) -> dict[str, str]:
    """The caller's rule set for a scenario (its folder), as query parameters."""
    profile, environment = scenario_rule_set(path.relative_to(SCENARIO_ROOT).parts)
    query = {"profile": profile} if profile else {}
    return query | ({"environment": environment} if environment else {})


def rule_set_options(path: Path) -> list[str]:
    """The same choice as ``gatekeeper check`` options."""
    return [option for key, value in rule_set_query(path).items() for option in (f"--{key}", value)]


def _document(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    inner = document.get("input", document)
    assert isinstance(inner, dict)
    return inner


def tokens_file(folder: Path) -> tuple[Path, dict[str, str]]:
    """A token file for every identity of the roster; identity -> token."""
    roster = json.loads(ROSTER.read_text())["gatekeeper"]["roster"]
    identities = [*sorted(roster), PIPELINE]
    tokens = {
        identity: f"tok-{i:02d}-{os.urandom(12).hex()}" for i, identity in enumerate(identities)
    }
    path = folder / "tokens.yaml"
    path.write_text(
        "".join(f'"{token}": "{identity}"\n' for identity, token in tokens.items()),
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path, tokens


def _expected(tmp_path: Path, engine_args: list[str]) -> list[dict[str, Any]]:
    """``gatekeeper check --batch`` once per folder, with that folder's rule set."""
    by_folder: dict[Path, list[Path]] = {}
    for path in SCENARIOS:
        by_folder.setdefault(path.parent, []).append(path)
    decided: dict[Path, dict[str, Any]] = {}
    for index, (folder, paths) in enumerate(sorted(by_folder.items())):
        batch, out = tmp_path / f"inputs-{index}.jsonl", tmp_path / f"check-{index}.jsonl"
        batch.write_text("".join(json.dumps(_document(p)) + "\n" for p in paths))
        args = ["check", str(batch), "--batch", "--format", "json", "--data", str(ROSTER)]
        args += ["-o", str(out), "--decision-log", str(tmp_path / "check-decisions.jsonl")]
        main([*args, *rule_set_options(paths[0]), *engine_args])
        lines = [json.loads(line) for line in out.read_text().splitlines()]
        assert len(lines) == len(paths), folder
        decided.update(zip(paths, lines, strict=True))
    return [decided[path] for path in SCENARIOS]


def _served(url: str, tokens: dict[str, str]) -> list[dict[str, Any] | None]:
    """The served decision of every scenario (None: a joint approval, not one caller)."""
    answers: list[dict[str, Any] | None] = []
    with httpx.Client(timeout=60) as client:
        for path in SCENARIOS:
            document = _document(path)
            headers = {"Authorization": f"Bearer {tokens[PIPELINE]}"}
            if document.get("gate") == "approval":
                approvers = document.pop("approvers")
                if len(approvers) != 1 or approvers[0] not in tokens:
                    answers.append(None)
                    continue
                headers["Authorization"] = f"Bearer {tokens[approvers[0]]}"
            response = client.post(
                f"{url}/v1/decisions", params=rule_set_query(path), json=document, headers=headers
            )
            body = response.json()
            if response.status_code == 400:
                # invalid input: the policy's INVALID_INPUT decision, or the field at fault
                body = body.get("decision") or {"error": body["message"]}
            else:
                assert response.status_code == 200, (path.name, body)
            answers.append(body)
    return answers


def _compare(tmp_path: Path, serve: ServerFactory, engine_args: list[str]) -> None:
    tokens_path, tokens = tokens_file(tmp_path)
    server = serve("--data", str(ROSTER), "--tokens-file", str(tokens_path), *engine_args)
    served = _served(server.url, tokens)
    expected = _expected(tmp_path, engine_args)
    compared = 0
    for path, got, want in zip(SCENARIOS, served, expected, strict=True):
        if got is None:
            continue
        if "error" in got:
            assert got["error"] == want["error"], path.name
            assert want["exit_code"] == 2
            continue
        assert {k: got[k] for k in DECISION_KEYS} == {k: want[k] for k in DECISION_KEYS}, path.name
        assert got["decision_id"]
        compared += 1
    refused = sum(1 for got in served if got is not None and "error" in got)
    assert compared + refused == len(SCENARIOS) - 2  # two joint approvals need two callers
    assert compared > 110  # each folder's rule set chosen: nearly every scenario decided
    server.stop()
    assert verify_log(server.decision_log).ok
    records = server.decision_log.read_text().splitlines()
    assert len(records) == compared


def test_embedded_engine_serves_what_check_decides(tmp_path: Path, serve: ServerFactory) -> None:
    _compare(tmp_path, serve, ["--engine", "embedded"])


@pytest.mark.opa
def test_opa_cli_engine_serves_what_check_decides(tmp_path: Path, serve: ServerFactory) -> None:
    _compare(tmp_path, serve, ["--engine", "opa-cli"])


@pytest.mark.opa
def test_opa_server_engine_serves_what_check_decides(
    tmp_path: Path, serve: ServerFactory, opa_server: OpaServerFactory
) -> None:
    opa = opa_server()
    _compare(tmp_path, serve, ["--engine", "opa-server", "--opa-url", opa.url, "--opa-upload"])
