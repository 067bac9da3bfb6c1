"""Every Flagger hook, called with Flagger's own webhook client, for every outcome.

``flagger-harness`` (harness/flagger/main.go) calls a hook as Flagger v1.36.1's
scheduler does: ``pkg/controller.CallWebhook`` builds the ``CanaryWebhookPayload``
(name, namespace, phase, the checksum of the canary's last applied spec, the
webhook's metadata) and reads any status above 202 as a failure; the ``event``
hook goes through ``CallEventWebhook``. The answers are those of
docs/controllers.md ("Flagger: webhooks"), on a real server deciding from a real
Prometheus. The policy's observation window is cut to 6 s
(``short_window_policy``) so that a healthy canary is a go.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.serve.conftest import (
    NAMESPACE,
    Live,
    Server,
    controller_server,
    post_json,
    rollouts_config,
    run_harness,
    short_window_policy,
    start_server,
)

DECISION_HOOKS = ("rollout", "confirm-traffic-increase", "confirm-promotion", "rollback")
# outcome -> (policy, rollout, weight) in the test exporter (decision matrix)
CASES = {
    "go": ("short", "healthy", "25"),  # promote_next_step
    "not_yet": ("shipped", "healthy", "25"),  # 8 s of data, a 5-minute window: continue
    "awaiting_decision": ("short", "quality-drop", "25"),  # manual_decision
    "rollback": ("short", "quality-drop", "100"),  # auto_rollback
}
# docs/controllers.md: the hooks that answer 2xx (Flagger: success) for each outcome
PASSES = {
    "go": {"rollout", "confirm-traffic-increase", "confirm-promotion"},
    "not_yet": {"rollout"},
    "awaiting_decision": {"rollout"},
    "rollback": {"rollback"},
}
REVISION = "checkout-7f9c6b5d48"


@pytest.fixture(scope="module")
def hooks_server(live: Live, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with controller_server(live.url, tmp_path_factory.mktemp("flagger-hooks")) as server:
        yield server


@pytest.fixture(scope="module")
def shipped_server(live: Live, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The shipped policy: its 5-minute observation window holds a healthy canary."""
    root = tmp_path_factory.mktemp("flagger-hooks-shipped")
    with controller_server(live.url, root, short_windows=False) as server:
        yield server


def flagger(
    server: Server, hook: str, name: str, *metadata: str, phase: str = "Progressing", **flags: str
) -> dict[str, Any]:
    args = ["--url", f"{server.url}/v1/flagger/{hook}", "--type", hook]
    args += ["--name", name, "--namespace", NAMESPACE, "--phase", phase, "--revision", REVISION]
    for key, value in flags.items():
        args += [f"--{key.replace('_', '-')}", value]
    for item in metadata:
        args += ["--metadata", item]
    return run_harness("flagger", *args)


@pytest.mark.parametrize("outcome", list(CASES))
def test_decision_hooks_answer_each_outcome_as_documented(
    hooks_server: Server, shipped_server: Server, outcome: str
) -> None:
    policy, name, weight = CASES[outcome]
    server = hooks_server if policy == "short" else shipped_server
    decided = post_json(
        f"{server.url}/v1/flagger/rollout",
        {"name": name, "namespace": NAMESPACE, "metadata": {"weight": weight}},
    ).json()
    assert decided["outcome"] == outcome, decided  # the case gives the outcome it stands for
    for hook in DECISION_HOOKS:
        result = flagger(server, hook, name, f"weight={weight}")
        assert result["ok"] is (hook in PASSES[outcome]), (outcome, hook, result)
        if not result["ok"]:
            # Flagger's error is the answer's body: the decision and its outcome (412)
            answer = json.loads(result["error"])
            assert answer["outcome"] == outcome and answer["decision_id"], answer


@pytest.mark.parametrize("hook", ["confirm-rollout", "pre-rollout"])
def test_readiness_hooks_need_no_canary_metrics(hooks_server: Server, hook: str) -> None:
    # a canary with no series at all (it does not exist yet): go
    assert flagger(hooks_server, hook, "brand-new", phase="Initialized") == {
        "ok": True,
        "error": "",
    }
    # a canary whose metrics would roll it back: these hooks do not ask for them
    assert flagger(hooks_server, hook, "quality-drop", "weight=100")["ok"] is True
    # a canary the rollouts config does not serve: Flagger waits (or counts a failure)
    response = post_json(
        f"{hooks_server.url}/v1/flagger/{hook}", {"name": "x", "namespace": "elsewhere"}
    )
    assert response.status_code == 400, response.text


def test_readiness_hooks_answer_while_prometheus_is_down(hooks_server: Server, live: Live) -> None:
    live.stop()
    try:
        for hook in ("confirm-rollout", "pre-rollout"):
            assert flagger(hooks_server, hook, "healthy")["ok"] is True, hook
        for hook in DECISION_HOOKS:  # undecided: 503, never a go and never a rollback
            result = flagger(hooks_server, hook, "healthy", "weight=25")
            # Flagger's client retries a 5xx (`retries`, default 0), then gives up: a failure
            assert result["ok"] is False, hook
            assert "giving up after 1 attempt(s)" in result["error"], result
            direct = post_json(
                f"{hooks_server.url}/v1/flagger/{hook}",
                {"name": "healthy", "namespace": NAMESPACE, "metadata": {"weight": "25"}},
            )
            assert direct.status_code == 503 and direct.json()["error"] == "metrics"
    finally:
        live.start()
    live.wait_window()


def test_post_rollout_and_event_are_accepted_and_logged(hooks_server: Server) -> None:
    token_free = "token=s3cret-flagger-token"
    result = flagger(hooks_server, "post-rollout", "healthy", token_free, phase="Succeeded")
    assert result == {"ok": True, "error": ""}
    result = flagger(
        hooks_server,
        "event",
        "healthy",
        token_free,
        event_message="Promotion completed! Scaling down checkout.shop",
        event_type="Normal",
    )
    assert result == {"ok": True, "error": ""}
    lines = [line for line in map(_json, hooks_server.output().splitlines()) if line]
    post = next(line for line in lines if line["flagger_hook"] == "post-rollout")
    assert post["phase"] == "Succeeded" and post["name"] == "healthy" and post["checksum"]
    event = next(line for line in lines if line["flagger_hook"] == "event")
    assert event["metadata"]["eventMessage"].startswith("Promotion completed")
    assert event["metadata"]["eventType"] == "Normal" and event["metadata"]["timestamp"]
    assert "s3cret" not in hooks_server.output()  # the token never reaches the log


def test_payload_is_read_as_flagger_sends_it(hooks_server: Server) -> None:
    url = f"{hooks_server.url}/v1/flagger/rollout"
    base = {"name": "healthy", "namespace": NAMESPACE, "phase": "Progressing"}
    # fields a later Flagger may add are kept, not refused
    extra = {**base, "checksum": "5d8f9c7b6", "type": "rollout", "labels": {"a": "b"}}
    assert post_json(url, {**extra, "metadata": {"weight": "25"}}).status_code == 200
    # a missing field is named, in words
    for missing in ("name", "namespace"):
        body = {k: v for k, v in base.items() if k != missing}
        response = post_json(url, body)
        assert response.status_code == 400, response.text
        answer = response.json()
        assert answer["field"] == missing, answer
        assert answer["message"] == f"{missing}: missing from the Flagger payload (it is required)"
    # a mistyped field too; Flagger's metadata is a map of strings
    response = post_json(url, {**base, "metadata": {"weight": 25}})
    assert response.status_code == 400 and response.json()["field"] == "metadata.weight"
    assert "valid string" in response.json()["message"]
    # the checksum is a revision (a Kubernetes label value)
    response = post_json(url, {**base, "checksum": "../../etc"})
    assert response.status_code == 400 and response.json()["field"] == "checksum"
    response = post_json(url, [base])
    assert response.status_code == 400 and response.json()["field"] == "payload"


def test_argo_revision_is_validated(hooks_server: Server) -> None:
    url = f"{hooks_server.url}/v1/argo/{NAMESPACE}/healthy"
    ok = httpx.get(url, params={"weight": "25", "revision": "7f9c6b5d48"}, timeout=30)
    assert ok.status_code == 200 and ok.json()["outcome"] == "go", ok.text
    for bad in ("-leading", "a" * 64, "has space", "x/y"):
        response = httpx.get(url, params={"weight": "25", "revision": bad}, timeout=30)
        assert response.status_code == 400, (bad, response.text)
        assert response.json()["field"] == "revision"


def _json(line: str) -> dict[str, Any] | None:
    """A JSON object line of the server's log that records a Flagger hook, else None."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) and "flagger_hook" in value else None


def test_an_action_with_no_outcome_is_never_a_go(
    live: Live, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A policy of one's own whose step action is unknown: 503 (undecided) for both."""
    root = tmp_path_factory.mktemp("unknown-action")
    policy = short_window_policy(root)
    config_file = policy / "gatekeeper/rollout/config/data.json"
    data = json.loads(config_file.read_text())
    data["no_trigger"]["step_action"] = "ship_it"
    config_file.write_text(json.dumps(data))
    config = rollouts_config(live.url, root / "rollouts.yaml")
    server = start_server(root, "--rollouts", str(config), "--policy-dir", str(policy))
    try:
        response = httpx.get(f"{server.url}/v1/argo/{NAMESPACE}/healthy?weight=25", timeout=30)
        assert response.status_code == 503, response.text
        # the decision contract refuses it first (an action outside the rollout gate's);
        # the outcome table would refuse any action it does not know
        assert "action 'ship_it'" in response.json()["message"], response.text
        for hook in DECISION_HOOKS:
            assert flagger(server, hook, "healthy", "weight=25")["ok"] is False, hook
    finally:
        server.stop()


def test_readiness_hooks_wait_while_the_server_cannot_log(
    live: Live, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """confirm-rollout and pre-rollout say go only when the decision log can be written."""
    root = tmp_path_factory.mktemp("not-ready")
    config = rollouts_config(live.url, root / "rollouts.yaml")
    logs = root / "logs"
    server = start_server(
        root, "--rollouts", str(config), "--decision-log", str(logs / "decisions.jsonl")
    )
    try:
        for hook in ("confirm-rollout", "pre-rollout"):
            assert flagger(server, hook, "healthy")["ok"] is True, hook
        shutil.rmtree(logs)
        logs.write_text("a file where the log's folder was\n")
        for hook in ("confirm-rollout", "pre-rollout"):
            result = flagger(server, hook, "healthy")
            assert result["ok"] is False and "giving up" in result["error"], (hook, result)
            response = post_json(
                f"{server.url}/v1/flagger/{hook}", {"name": "healthy", "namespace": NAMESPACE}
            )
            assert response.status_code == 503, response.text
            answer = response.json()
            assert answer["error"] == "not_ready" and "decision log" in answer["message"]
    finally:
        server.stop()
