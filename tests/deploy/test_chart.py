"""The Helm chart renders, and every object decodes strictly into Kubernetes' own types.

``helm template`` (the pinned helm that .ci/run builds) renders deploy/chart with
its default values and with PostgreSQL, a log key, a rollouts config and the
ServiceMonitor on; harness/k8s decodes each document with k8s.io/api (apps/v1,
core/v1, networking/v1, policy/v1) and the Prometheus operator's monitoring/v1,
refusing unknown or duplicate fields. The checks below read the rendered objects
for the security posture docs/deploy.md promises.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools import build_manifests

CHART = build_manifests.CHART
WITH_EVERYTHING = (
    "postgres.enabled=true",
    "serviceMonitor.enabled=true",
    "logKey.existingSecret=gatekeeper-log-key",
    "rollouts.configMap=gatekeeper-rollouts",
)


def _render(helm: str, *values: str) -> str:
    argv = [helm, "template", "gk", str(CHART), "--namespace", "gates"]
    for value in values:
        argv += ["--set", value]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _decode(decoder: str, text: str) -> tuple[int, list[dict[str, str]], str]:
    done = subprocess.run(
        [decoder], input=text, capture_output=True, text=True, check=False, timeout=60
    )
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    return done.returncode, lines, done.stderr


def _objects(text: str) -> dict[str, dict[str, Any]]:
    return {doc["kind"]: doc for doc in yaml.safe_load_all(text) if doc}


def _pod(objects: dict[str, dict[str, Any]]) -> dict[str, Any]:
    spec: dict[str, Any] = objects["Deployment"]["spec"]["template"]["spec"]
    return spec


def test_default_values_render_and_decode_strictly(helm: str, k8s_decoder: str) -> None:
    text = _render(helm)
    status, decoded, errors = _decode(k8s_decoder, text)
    assert status == 0, errors
    assert sorted(d["kind"] for d in decoded) == [
        "Deployment",
        "NetworkPolicy",
        "PersistentVolumeClaim",
        "PodDisruptionBudget",
        "Service",
    ]
    objects = _objects(text)
    pod = _pod(objects)
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001
    assert pod["automountServiceAccountToken"] is False
    for container in [*pod["initContainers"], *pod["containers"]]:
        context = container["securityContext"]
        assert context["readOnlyRootFilesystem"] is True
        assert context["allowPrivilegeEscalation"] is False
        assert context["capabilities"]["drop"] == ["ALL"]
    (server,) = pod["containers"]
    assert server["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert server["readinessProbe"]["httpGet"]["path"] == "/readyz"
    args = server["args"]
    assert args[args.index("--tokens-file") + 1] == "/run/gatekeeper/tokens.yaml"
    assert args[args.index("--decision-log") + 1] == "/var/lib/gatekeeper/decisions.jsonl"
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert volumes["tokens"]["secret"]["defaultMode"] == 0o400
    assert volumes["data"]["persistentVolumeClaim"]["claimName"] == "gk-gatekeeper"
    assert objects["PersistentVolumeClaim"]["metadata"]["name"] == "gk-gatekeeper"
    assert objects["Deployment"]["spec"]["strategy"]["type"] == "Recreate"
    policy = objects["NetworkPolicy"]["spec"]
    assert policy["policyTypes"] == ["Ingress", "Egress"]
    assert [r["ports"][0]["port"] for r in policy["egress"]] == [53]  # DNS only
    assert "postgres" not in volumes
    assert [e["name"] for e in server["env"]] == ["POD_NAME", "GATEKEEPER_CACHE_DIR"]


def test_postgres_log_key_rollouts_and_service_monitor_decode_strictly(
    helm: str, k8s_decoder: str
) -> None:
    text = _render(helm, *WITH_EVERYTHING)
    status, decoded, errors = _decode(k8s_decoder, text)
    assert status == 0, errors
    assert "ServiceMonitor" in {d["kind"] for d in decoded}
    objects = _objects(text)
    pod = _pod(objects)
    (server,) = pod["containers"]
    env = {e["name"]: e.get("value") for e in server["env"]}
    args = server["args"]
    assert args[args.index("--database-url-file") + 1] == "/run/gatekeeper/database-url"
    assert args[args.index("--state") + 1] == args[args.index("--log-store") + 1] == "postgresql"
    assert "--decision-log" not in args
    assert env["GATEKEEPER_LOG_KEY"] == "/run/gatekeeper/log-key.pem"
    # the URL is a file: never on a command line, never an environment value
    everything = json.dumps(server)
    assert "postgresql://" not in everything
    assert "secretKeyRef" not in everything
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert volumes["postgres"]["secret"]["secretName"] == "gatekeeper-postgres"
    assert volumes["postgres"]["secret"]["defaultMode"] == 0o400
    assert volumes["log-key"]["secret"]["defaultMode"] == 0o400
    script = pod["initContainers"][0]["command"][-1]
    assert "install -m 0400 /secrets/postgres/url /run/gatekeeper/database-url" in script
    args = server["args"]
    assert args[args.index("--rollouts") + 1] == "/etc/gatekeeper/rollouts/rollouts.yaml"
    egress_ports = [r["ports"][0]["port"] for r in objects["NetworkPolicy"]["spec"]["egress"]]
    assert egress_ports == [53, 5432]
    endpoint = objects["ServiceMonitor"]["spec"]["endpoints"][0]
    assert endpoint["path"] == "/metrics"
    assert endpoint["authorization"]["credentials"]["name"] == "gatekeeper-metrics-token"


def test_the_decoder_refuses_unknown_fields_and_kinds(k8s_decoder: str) -> None:
    service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n"
    assert _decode(k8s_decoder, service + "  ports: []\n")[0] == 0
    status, _, errors = _decode(k8s_decoder, service + "  prots: []\n")
    assert status == 1 and 'unknown field "spec.prots"' in errors
    status, _, errors = _decode(k8s_decoder, service + "  ports: []\n  ports: []\n")
    assert status == 1 and "already set" in errors
    job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\n"
    status, _, errors = _decode(k8s_decoder, job)
    assert status == 1 and "Job" in errors


@pytest.mark.parametrize(
    ("values", "refusal"),
    [
        (("replicaCount=2",), "replicaCount > 1 needs postgres.enabled"),
        (("replicaCount=2", "postgres.enabled=true"), "ReadWriteMany"),
        (("tokens.existingSecret=",), "tokens.existingSecret"),
    ],
)
def test_values_that_cannot_work_are_refused_by_name(
    helm: str, values: tuple[str, ...], refusal: str
) -> None:
    argv = [helm, "template", "gk", str(CHART)]
    for value in values:
        argv += ["--set", value]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode != 0
    assert refusal in done.stderr


def test_replicas_on_postgres_share_one_log_and_state(helm: str, k8s_decoder: str) -> None:
    text = _render(
        helm, "replicaCount=3", "postgres.enabled=true", "persistence.accessModes={ReadWriteMany}"
    )
    assert _decode(k8s_decoder, text)[0] == 0
    objects = _objects(text)
    assert "strategy" not in objects["Deployment"]["spec"]
    args = _pod(objects)["containers"][0]["args"]
    assert "--decision-log" not in args  # one chain in the database, not one file per pod
    assert args[args.index("--log-store") + 1] == "postgresql"


def test_plain_manifests_are_the_chart_rendered(helm: str, k8s_decoder: str) -> None:
    shipped = Path(build_manifests.MANIFESTS).read_text(encoding="utf-8")
    assert shipped == build_manifests.manifests(), "run python3 -m tools.build_manifests"
    assert _decode(k8s_decoder, shipped)[0] == 0


@pytest.mark.parametrize("values", [(), WITH_EVERYTHING])
def test_helm_lint_strict_passes(helm: str, values: tuple[str, ...]) -> None:
    argv = [helm, "lint", "--strict", str(CHART)]
    for value in values:
        argv += ["--set", value]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
