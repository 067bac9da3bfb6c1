"""``check --engine opa-cli|opa-server`` wires its options and decides as the embedded engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main

REPO = Path(__file__).resolve().parents[2]
DENY = REPO / "scenarios" / "promotion" / "deny--seed-003-example.json"
SAME = ("gate", "allow", "action", "violations", "warnings", "authority")


def _decide(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["check", str(DENY), "--format", "json", *args])
    out, err = capsys.readouterr()
    assert out, err
    return code, json.loads(out)


@pytest.mark.opa
def test_success_opa_cli_matches_embedded(
    opa_binary: str, capsys: pytest.CaptureFixture[str], decision_log: Path
) -> None:
    code, embedded = _decide([], capsys)
    cli_code, cli = _decide(["--engine", "opa-cli", "--opa-binary", opa_binary], capsys)
    assert code == cli_code == 1
    assert cli["engine"] == "opa-cli" and cli["engine_version"].startswith("opa")
    assert {k: cli[k] for k in SAME} == {k: embedded[k] for k in SAME}
    engines = [json.loads(line)["engine"] for line in decision_log.read_text().splitlines()]
    assert engines == ["embedded", "opa-cli"]


@pytest.mark.opa
def test_success_opa_server_matches_embedded(
    opa_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    server = opa_server()
    code, embedded = _decide([], capsys)
    args = ["--engine", "opa-server", "--opa-url", server.url, "--opa-upload"]
    server_code, served = _decide(args, capsys)
    assert code == server_code == 1
    assert served["engine"] == "opa-server"
    assert {k: served[k] for k in SAME} == {k: embedded[k] for k in SAME}


@pytest.mark.opa
def test_fail_opa_server_without_policy_and_preloaded_exits_two(
    opa_server: Any, capsys: pytest.CaptureFixture[str], decision_log: Path
) -> None:
    server = opa_server()  # serves no policy; --opa-preloaded forbids uploading it
    args = ["check", str(DENY), "--engine", "opa-server", "--opa-url", server.url]
    code = main([*args, "--opa-preloaded"])
    out, err = capsys.readouterr()
    assert code == 2 and not out and err
    assert not decision_log.exists()
