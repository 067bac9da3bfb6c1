"""Long series decide on every OPA engine (issue 13 item 4): 24 hours of per-minute
values and more, through ``gatekeeper check`` on real opa and a real OPA server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import OpaServerFactory
from tests.security.conftest import SCENARIOS, run, write_json

pytestmark = pytest.mark.opa

HEALTHY = SCENARIOS / "rollout" / "decision-matrix" / "promote_next_step--healthy-phase-25.json"


def _series_input(tmp_path: Path, length: int, error_rate: float) -> Path:
    document = json.loads(HEALTHY.read_text())
    canary = document["canary"]
    canary["error_rate"] = [error_rate] * length
    canary["p99_latency_ms"] = [document["baseline"]["p99_latency_ms"]] * length
    for shard in canary.get("shards", {}).values():
        for key in list(shard):
            shard[key] = [0.5] * length
    return write_json(tmp_path / f"series-{length}.json", document)


@pytest.mark.parametrize("engine", ["opa-cli", "opa-server"])
@pytest.mark.parametrize("length", [1440, 5000])
@pytest.mark.parametrize(
    ("error_rate", "code", "action"), [(0.9, 1, "auto_rollback"), (0.001, 0, "promote_next_step")]
)
def test_success_long_series_are_decided(
    engine: str,
    length: int,
    error_rate: float,
    code: int,
    action: str,
    tmp_path: Path,
    opa_server: OpaServerFactory,
    capsys: pytest.CaptureFixture[str],
    decision_log: Path,
) -> None:
    path = _series_input(tmp_path, length, error_rate)
    args = ["check", str(path), "--engine", engine, "--format", "json", "--timeout", "60"]
    if engine == "opa-server":
        args += ["--opa-url", opa_server().url, "--opa-upload"]
    got, out, err = run(args, capsys)
    assert (got, json.loads(out)["action"]) == (code, action), err
    assert len(decision_log.read_text().splitlines()) == 1
