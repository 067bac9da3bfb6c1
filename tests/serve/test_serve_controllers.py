"""Argo Rollouts' and Flagger's own client code against a real server and Prometheus.

The harnesses (``harness/``) import Argo Rollouts' ``metricproviders/webmetric``
provider, whose ``Run`` evaluates the metric's conditions with Argo's own
evaluator, and Flagger's ``pkg/controller.CallWebhook``. The inputs are built live
from a real Prometheus scraping a real exporter.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from gatekeeper.log._decision_log import verify_log
from tests.serve.conftest import (
    NAMESPACE,
    Live,
    Server,
    controller_server,
    post_json,
    run_harness,
)

# the conditions of the AnalysisTemplate in docs/controllers.md
SUCCESS = 'result.outcome == "go"'
FAILURE = 'result.outcome == "rollback"'


@pytest.fixture(scope="module")
def controllers_server(live: Live, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the module, deciding from the live Prometheus."""
    with controller_server(
        live.url, tmp_path_factory.mktemp("controllers"), short_windows=False
    ) as server:
        yield server


def _counter(text: str, sample: str) -> float:
    for line in text.splitlines():
        if line.startswith(sample + " "):
            return float(line.split()[-1])
    return 0.0


def argo(server: Server, name: str, weight: str | None = "25") -> dict[str, str]:
    url = f"{server.url}/v1/argo/{NAMESPACE}/{name}"
    if weight is not None:
        url += f"?weight={weight}"
    return run_harness("argo", "--url", url, "--success", SUCCESS, "--failure", FAILURE)


def flagger(server: Server, hook: str, name: str, *metadata: str) -> dict[str, object]:
    args = ["--url", f"{server.url}/v1/flagger/{hook}", "--type", hook]
    args += ["--name", name, "--namespace", NAMESPACE]
    for item in metadata:
        args += ["--metadata", item]
    return run_harness("flagger", *args)


def test_argo_held_canary_is_an_inconclusive_measurement(controllers_server: Server) -> None:
    """8 s of data do not cover the 5-minute observation window: continue, not yet a go."""
    result = argo(controllers_server, "healthy")
    assert result["phase"] == "Inconclusive", result
    assert '"action":"continue"' in result["value"]
    assert '"allow":true' in result["value"]  # allow keeps its meaning; the outcome decides
    assert '"outcome":"not_yet"' in result["value"]


def test_argo_quality_drop_waits_for_a_person(controllers_server: Server) -> None:
    result = argo(controllers_server, "quality-drop")
    assert result["phase"] == "Inconclusive", result
    assert '"action":"manual_decision"' in result["value"]
    assert '"outcome":"awaiting_decision"' in result["value"]


def test_argo_rollback_is_a_failed_measurement(controllers_server: Server) -> None:
    result = argo(controllers_server, "quality-drop", weight="100")
    assert result["phase"] == "Failed", result
    assert '"outcome":"rollback"' in result["value"]


def test_argo_weight_comes_from_prometheus_when_not_sent(controllers_server: Server) -> None:
    result = argo(controllers_server, "healthy", weight=None)
    assert result["phase"] == "Inconclusive", result
    assert '"outcome":"not_yet"' in result["value"]


def test_argo_unknown_rollout_is_an_error_measurement(controllers_server: Server) -> None:
    result = run_harness(
        "argo",
        "--url",
        f"{controllers_server.url}/v1/argo/other/healthy?weight=25",
        "--success",
        SUCCESS,
        "--failure",
        FAILURE,
    )
    assert result["phase"] == "Error", result


@pytest.mark.parametrize("hook", ["confirm-rollout", "pre-rollout", "rollout"])
def test_flagger_hooks_pass_a_held_canary(controllers_server: Server, hook: str) -> None:
    """Held (not_yet): the rollout check passes (no failed check counted); readiness hooks go."""
    assert flagger(controllers_server, hook, "healthy") == {"ok": True, "error": ""}


@pytest.mark.parametrize("hook", ["confirm-traffic-increase", "confirm-promotion"])
def test_flagger_gates_halt_a_held_canary_and_a_quality_drop(
    controllers_server: Server, hook: str
) -> None:
    held = flagger(controllers_server, hook, "healthy")
    assert held["ok"] is False and '"outcome":"not_yet"' in str(held["error"])
    result = flagger(controllers_server, hook, "quality-drop")
    assert result["ok"] is False
    assert "manual_decision" in str(result["error"])


def test_flagger_rollback_hook_rolls_back_only_when_the_gate_says_so(
    controllers_server: Server,
) -> None:
    # a quality drop at full traffic is an automatic rollback (decision matrix, 100% column)
    assert flagger(controllers_server, "rollback", "quality-drop", "weight=100")["ok"] is True
    assert flagger(controllers_server, "rollback", "quality-drop", "weight=25")["ok"] is False
    assert flagger(controllers_server, "rollback", "healthy")["ok"] is False


def test_every_controller_decision_is_logged_and_chained(controllers_server: Server) -> None:
    argo(controllers_server, "healthy")
    result = verify_log(controllers_server.decision_log)
    assert result.ok, result


def test_prometheus_down_is_undecided_for_both_controllers_then_recovers(
    controllers_server: Server, live: Live
) -> None:
    live.stop()
    try:
        assert argo(controllers_server, "healthy")["phase"] == "Error"
        for hook in ("rollout", "confirm-traffic-increase", "confirm-promotion", "rollback"):
            result = flagger(controllers_server, hook, "healthy")
            assert result["ok"] is False, hook
        metrics = httpx.get(f"{controllers_server.url}/metrics", timeout=5).text
        assert _counter(metrics, 'gatekeeper_errors_total{cause="metrics"}') >= 5
    finally:
        live.start()
    live.wait_window()
    assert argo(controllers_server, "healthy")["phase"] == "Inconclusive"
    assert flagger(controllers_server, "rollout", "healthy")["ok"] is True


def test_a_shard_that_stops_reporting_is_missing_evidence_never_a_go(
    controllers_server: Server, live: Live
) -> None:
    """shard-a at CPU 98% and memory 97%, then silence (a crashed or OOM-killed shard):
    the rollout input keeps the shard without its series, the policy names it as
    missing evidence, and the answer is never a go. Run last in this module: the
    shard stays silent."""
    url = f"{controllers_server.url}/v1/argo/{NAMESPACE}/crashed-shard?weight=25"
    live.silence_shard("crashed-shard", "canary", "shard-a")
    time.sleep(4)  # a few scrapes without the shard: Prometheus marks its series stale
    response = httpx.get(url, timeout=30)
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["action"] != "promote_next_step"
    assert decision["allow"] is False
    missing = {v.get("field") for v in decision["violations"] if v["code"] == "MISSING_EVIDENCE"}
    assert {"canary.shards.shard-a.cpu", "canary.shards.shard-a.memory"} <= missing
    assert decision["outcome"] == "not_yet"
    # Flagger's gates halt it (412); the rollout check does not count it as failed
    payload = {"name": "crashed-shard", "namespace": NAMESPACE, "metadata": {"weight": "25"}}
    for hook in ("confirm-traffic-increase", "confirm-promotion"):
        blocked = post_json(f"{controllers_server.url}/v1/flagger/{hook}", payload)
        assert blocked.status_code == 412, (hook, blocked.text)
    held = post_json(f"{controllers_server.url}/v1/flagger/rollout", payload)
    assert held.status_code == 200 and held.json()["outcome"] == "not_yet", held.text
