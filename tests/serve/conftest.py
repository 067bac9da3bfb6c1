"""Real ``gatekeeper serve`` processes, a real exporter and a real Prometheus on loopback.

``serve`` starts ``python -m gatekeeper serve`` on a free port and waits for
``/readyz``; every server is stopped with SIGTERM at teardown. ``live`` runs a
prometheus-client exporter in the test process (one gauge per canary metric, one
label set per rollout) and a ``prometheus`` process scraping it every second, and
waits until the trailing window is full, so the controller endpoints see real
series. Without the binaries the tests skip, except under ``CI=true``: fail.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest

from gatekeeper.policy._files import default_policy_dir
from tests.conftest import REPO_ROOT, die_with_parent, free_port, missing

WINDOW_SECONDS = 8
ROSTER = REPO_ROOT / "scenarios" / "roster.json"


@dataclass
class Server:
    """One ``gatekeeper serve`` process."""

    process: subprocess.Popen[bytes]
    port: int
    log_file: Path
    decision_log: Path
    scheme: str = "http"
    state: str | None = None
    """The PostgreSQL URL of its state store, when not the SQLite file beside the log."""

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log_file.read_text(errors="replace")

    def stop(self, timeout: float = 60.0) -> int:
        """SIGTERM, then wait for the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return int(self.process.returncode)


class ServerFactory(Protocol):
    def __call__(
        self,
        *args: str,
        ready: bool = True,
        verify: Any = True,
        env: Mapping[str, str] | None = None,
    ) -> Server: ...


def wait_ready(server: Server, timeout: float = 60.0, verify: Any = True) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"serve exited ({server.process.returncode}): {server.output()}")
        try:
            if httpx.get(f"{server.url}/readyz", timeout=2, verify=verify).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"serve not ready after {timeout}s: {server.output()}")


def start_server(
    workdir: Path,
    *args: str,
    ready: bool = True,
    verify: Any = True,
    env: Mapping[str, str] | None = None,
) -> Server:
    """Start ``gatekeeper serve ARGS`` in ``workdir`` (a fresh decision log unless given).

    ``env`` adds to the environment (its ``PYTHONPATH`` goes before the checkout).
    """
    port = free_port()
    decision_log = workdir / "decisions.jsonl"
    argv = [sys.executable, "-m", "gatekeeper", "serve", "--port", str(port), *args]
    if "--decision-log" in args:
        decision_log = Path(args[list(args).index("--decision-log") + 1])
    else:
        argv += ["--decision-log", str(decision_log)]
    scheme = "https" if "--tls-cert" in args else "http"
    log_file = workdir / "serve.log"
    with log_file.open("wb") as out:
        process = subprocess.Popen(
            argv,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_environment(env or {}),
            cwd=workdir,
            preexec_fn=die_with_parent,
        )
    server = Server(process, port, log_file, decision_log, scheme)
    if ready:
        try:
            wait_ready(server, verify=verify)
        except RuntimeError as exc:
            server.stop()
            pytest.fail(str(exc))
    return server


def start_replica(workdir: Path, url: str, *args: str) -> Server:
    """One ``serve`` replica logging to the PostgreSQL database at ``url`` (from the
    environment, never the command line); not yet waited for (:func:`wait_ready`)."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_file = workdir / "serve.log"
    argv = [sys.executable, "-m", "gatekeeper", "serve", "--port", str(port)]
    argv += ["--log-store", "postgresql", *args]
    with log_file.open("wb") as out:
        process = subprocess.Popen(
            argv,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_environment({"GATEKEEPER_DATABASE_URL": url}),
            cwd=workdir,
            preexec_fn=die_with_parent,
        )
    return Server(process, port, log_file, workdir / "unused.jsonl")


def _environment(extra: Mapping[str, str]) -> dict[str, str]:
    paths = [extra["PYTHONPATH"]] if "PYTHONPATH" in extra else []
    return {**os.environ, **extra, "PYTHONPATH": os.pathsep.join([*paths, str(REPO_ROOT)])}


def assert_postgres_log_verifies(postgres_url: str, records: int) -> None:
    """``gatekeeper log verify --log-store postgresql`` passes and counts ``records``."""
    verified = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "log", "verify", "--log-store", "postgresql"],
        cwd=REPO_ROOT,
        env=_environment({"GATEKEEPER_DATABASE_URL": postgres_url}),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"OK, {records} record(s), hash chain intact" in verified.stdout


@pytest.fixture
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    """Factory: start ``gatekeeper serve ARGS``; every server gets SIGTERM at teardown."""
    servers: list[Server] = []

    def start(
        *args: str, ready: bool = True, verify: Any = True, env: Mapping[str, str] | None = None
    ) -> Server:
        workdir = tmp_path_factory.mktemp("serve")
        server = start_server(workdir, *args, ready=ready, verify=verify, env=env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def harness(name: str) -> str:
    """Path of a built controller harness (``harness/build.sh``)."""
    folder = Path(
        os.environ.get("GATEKEEPER_HARNESS_DIR") or Path.home() / ".cache/gatekeeper/harness"
    )
    binary = folder / f"{name}-harness"
    if not binary.exists():
        missing(f"{binary} is not built (bash harness/build.sh)")
    return str(binary)


def run_harness(name: str, *args: str) -> dict[str, Any]:
    """Run a harness once; its JSON line."""
    done = subprocess.run(
        [harness(name), *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# --- a live exporter and Prometheus -------------------------------------------------

CANARY_METRICS = ("error_rate", "p99_latency_ms", "ndcg_at_10")
SHARD_METRICS = {"cpu": 0.45, "memory": 0.60}


def _tracks(canary_ndcg: float) -> dict[str, dict[str, float]]:
    """A rollout's two tracks: the baseline as shipped, the canary with ``canary_ndcg``
    (fresh dicts: a test that changes one rollout's values changes no other's)."""
    return {
        "primary": {"error_rate": 0.001, "p99_latency_ms": 180, "ndcg_at_10": 0.5234},
        "canary": {"error_rate": 0.001, "p99_latency_ms": 182, "ndcg_at_10": canary_ndcg},
    }


HEALTHY_NDCG, DROPPED_NDCG = 0.5236, 0.5100
ROLLOUTS: dict[str, dict[str, dict[str, float]]] = {
    # rollout name -> track -> metric -> value (held for the whole test)
    "healthy": _tracks(HEALTHY_NDCG),
    "quality-drop": _tracks(DROPPED_NDCG),
    # healthy; a test silences one canary shard, then lets it report again
    "warming": _tracks(HEALTHY_NDCG),
    # quality drops; a test restores the canary's nDCG@10 (the trigger clears)
    "recovering": _tracks(DROPPED_NDCG),
    "recovering-hooks": _tracks(DROPPED_NDCG),
    # healthy, but for one canary shard near exhaustion; a test silences that shard
    "crashed-shard": _tracks(HEALTHY_NDCG),
}
WEIGHTS = {
    "healthy": 25.0,
    "quality-drop": 25.0,
    "recovering": 25.0,
    "recovering-hooks": 25.0,
    "crashed-shard": 25.0,
    "warming": 25.0,
}
SHARD_LEVELS = {("crashed-shard", "canary", "shard-a"): {"cpu": 0.98, "memory": 0.97}}
NAMESPACE = "shop"
WEIGHT_SELECTOR = 'name="${name}",namespace="${namespace}"'


def rollouts_config(prometheus_url: str, path: Path) -> Path:
    """A rollouts config whose queries select one rollout by name and namespace."""
    sel = 'rollout="${name}",namespace="${namespace}"'
    config = {
        "prometheus": {"url": prometheus_url, "timeout_seconds": 2},
        "rollouts": [
            {
                "namespace": NAMESPACE,
                "profile": "decision-matrix",
                "window_seconds": WINDOW_SECONDS,
                "step_seconds": 1,
                "arm_label": "track",
                "arms": {"baseline": "primary", "canary": "canary"},
                "shard_label": "shard",
                "queries": {
                    **{
                        metric: f"max by (track) (app_{metric}{{{sel}}})"
                        for metric in CANARY_METRICS
                    },
                    **{
                        resource: f"max by (track, shard) (app_shard_{resource}{{{sel}}})"
                        for resource in SHARD_METRICS
                    },
                },
                "weight_query": f"max(flagger_canary_weight{{{WEIGHT_SELECTOR}}})",
                "base": {"canary": {"success_gates": {"recall_at_50": True, "p99_budget": True}}},
            }
        ],
    }
    path.write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    return path


@dataclass
class Live:
    """An exporter in this process and a Prometheus scraping it every second."""

    prometheus_bin: str
    root: Path
    exporter_port: int
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    shard_gauges: dict[str, Any] = field(default_factory=dict)
    canary_gauges: dict[str, Any] = field(default_factory=dict)

    def set_metric(self, rollout: str, track: str, metric: str, value: float) -> None:
        """The exporter reports ``value`` for one rollout's track from now on."""
        self.canary_gauges[metric].labels(rollout, NAMESPACE, track).set(value)

    def silence_shard(self, rollout: str, track: str, shard: str) -> None:
        """The shard's series stop: the exporter no longer exposes them."""
        for gauge in self.shard_gauges.values():
            gauge.remove(rollout, NAMESPACE, track, shard)

    def restore_shard(self, rollout: str, track: str, shard: str) -> None:
        """The shard reports again, at its usual levels."""
        for resource, gauge in self.shard_gauges.items():
            level = SHARD_LEVELS.get((rollout, track, shard), {}).get(
                resource, SHARD_METRICS[resource]
            )
            gauge.labels(rollout, NAMESPACE, track, shard).set(level)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start Prometheus (same data folder and port after a stop) and wait until ready."""
        config = self.root / "prometheus.yml"
        config.write_text(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            "scrape_configs:\n  - job_name: app\n    static_configs:\n"
            f"      - targets: ['127.0.0.1:{self.exporter_port}']\n",
            encoding="utf-8",
        )
        log = (self.root / "prometheus.log").open("ab")
        self.process = subprocess.Popen(
            [
                self.prometheus_bin,
                f"--config.file={config}",
                f"--storage.tsdb.path={self.root / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{self.port}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,
        )
        log.close()
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"prometheus exited: {(self.root / 'prometheus.log').read_text()}")
            try:
                if httpx.get(f"{self.url}/-/ready", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("prometheus did not become ready in 60 s")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def wait_window(self, seconds: int = WINDOW_SECONDS + 2) -> None:
        """Wait until every rollout has a full trailing window of samples."""
        query = f"min(count_over_time(app_error_rate[{seconds}s]))"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                body = httpx.get(f"{self.url}/api/v1/query", params={"query": query}, timeout=2)
                result = body.json()["data"]["result"]
                if result and float(result[0]["value"][1]) >= seconds:
                    return
            except (httpx.HTTPError, KeyError, ValueError):
                pass
            time.sleep(0.5)
        pytest.fail("prometheus did not collect a full window in 90 s")


def _exporter() -> tuple[Any, int, dict[str, Any], dict[str, Any]]:
    from prometheus_client import CollectorRegistry, Gauge, start_http_server

    registry = CollectorRegistry()
    gauges = {
        metric: Gauge(f"app_{metric}", metric, ("rollout", "namespace", "track"), registry=registry)
        for metric in CANARY_METRICS
    }
    weight = Gauge(
        "flagger_canary_weight", "canary weight", ("name", "namespace"), registry=registry
    )
    shards = {
        resource: Gauge(
            f"app_shard_{resource}",
            resource,
            ("rollout", "namespace", "track", "shard"),
            registry=registry,
        )
        for resource in SHARD_METRICS
    }
    for rollout, tracks in ROLLOUTS.items():
        for track, values in tracks.items():
            for metric, value in values.items():
                gauges[metric].labels(rollout, NAMESPACE, track).set(value)
            for resource, level in SHARD_METRICS.items():
                for shard in ("shard-a", "shard-b"):
                    value = SHARD_LEVELS.get((rollout, track, shard), {}).get(resource, level)
                    shards[resource].labels(rollout, NAMESPACE, track, shard).set(value)
        weight.labels(rollout, NAMESPACE).set(WEIGHTS[rollout])
    port = free_port()
    server, thread = start_http_server(port, addr="127.0.0.1", registry=registry)
    return (server, thread), port, shards, gauges


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A real exporter and Prometheus with a full window of every rollout's series."""
    prometheus_bin = shutil.which("prometheus")
    if prometheus_bin is None:
        missing("prometheus is not installed (apt-get install prometheus)")
    assert prometheus_bin is not None
    (server, thread), port, shard_gauges, canary_gauges = _exporter()
    root = tmp_path_factory.mktemp("live-prometheus")
    setup = Live(prometheus_bin, root, port, shard_gauges=shard_gauges, canary_gauges=canary_gauges)
    try:
        setup.start()
        setup.wait_window()
        yield setup
    finally:
        setup.stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


DECISION_STATUSES = frozenset({200, 412})
"""Statuses whose body is a logged decision: a go (200) and Flagger's blocked (412)."""
UNLOGGED_STATUSES = frozenset({0, 401, 404, 405, 413, 415, 503})
"""No decision was logged: no response, refused before deciding, or undecided."""


def logged_decision_id(status: int, body: Any) -> str | None:
    """The ``decision_id`` a response says was logged, or None when it logged none.

    200 and 412 answers are logged decisions. A 400 is one only when the policy
    judged the input invalid (its body carries that ``decision``); any other 400 was
    refused before deciding, as every status in ``UNLOGGED_STATUSES`` is. Any other
    status fails the test: it has no known meaning for the log.
    """
    if status in DECISION_STATUSES:
        decision_id = body["decision_id"]
        assert isinstance(decision_id, str) and decision_id, body
        return decision_id
    if status == 400:
        decision = body.get("decision") if isinstance(body, dict) else None
        return str(decision["decision_id"]) if decision else None
    assert status in UNLOGGED_STATUSES, (status, body)
    assert not (isinstance(body, dict) and "decision_id" in body), (status, body)
    return None


def post_json(url: str, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    sent = {"Content-Type": "application/json", **(headers or {})}
    return httpx.post(url, content=json.dumps(body), headers=sent, timeout=30)


# --- the controller documents of docs/controllers.md ------------------------------

CONTROLLERS_DOC = REPO_ROOT / "docs" / "controllers.md"


def doc_yaml_documents(*kinds: str) -> str:
    """The YAML documents of docs/controllers.md whose ``kind`` is one of ``kinds``."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", CONTROLLERS_DOC.read_text(), re.S | re.M)
    documents = [doc for block in blocks for doc in re.split(r"(?m)^---[ \t]*$", block)]
    chosen = [
        doc.strip() + "\n"
        for doc in documents
        if any(re.search(rf"(?m)^kind: {kind}$", doc) for kind in kinds)
    ]
    assert chosen, f"docs/controllers.md has no YAML document of kind {kinds}"
    return "---\n".join(chosen)


class HarnessStream:
    """A harness process whose JSON lines are read as they come."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            list(args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=die_with_parent,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def next(self, timeout: float = 60.0) -> dict[str, Any]:
        """The next JSON line (fails when the harness ends or is silent for ``timeout``)."""
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self.close()
            pytest.fail(f"no line from the harness in {timeout} s")
        if line is None:
            stderr = self.process.stderr.read() if self.process.stderr else ""
            pytest.fail(f"the harness ended ({self.process.wait()}): {stderr[-2000:]}")
        result: dict[str, Any] = json.loads(line)
        return result

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


def short_window_policy(root: Path) -> Path:
    """The shipped policy, the decision-matrix windows cut to 0.1 minutes (6 s).

    The test Prometheus holds 8 s of data: with the shipped windows (the 5-minute
    observation window, the 2-5 minute sustained-breach windows) a healthy canary
    is held (``continue``: not_yet); with 6 s it is judged (go).
    """
    policy = root / "policy"
    shutil.copytree(default_policy_dir(), policy)
    data_file = policy / "gatekeeper/profiles/rollout/decision-matrix/data.json"
    data = json.loads(data_file.read_text())
    data["observation"]["minutes"] = {column: 0.1 for column in data["observation"]["minutes"]}
    for check in data["checks"].values():
        if "minutes" in check:
            check["minutes"] = 0.1
    data_file.write_text(json.dumps(data, indent=2))
    return policy


@contextmanager
def controller_server(
    prometheus_url: str, root: Path, *extra: str, short_windows: bool = True
) -> Iterator[Server]:
    """serve for the controller routes on the test Prometheus, with the decision matrix's
    windows cut to seconds (:func:`short_window_policy`) unless ``short_windows`` is
    false (the shipped policy); stopped when the block ends."""
    config = rollouts_config(prometheus_url, root / "rollouts.yaml")
    policy = ["--policy-dir", str(short_window_policy(root))] if short_windows else []
    server = start_server(
        root, "--rollouts", str(config), *policy, "--request-timeout", "5", *extra
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def argo_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs' AnalysisTemplate and Rollout, as one YAML file for the Argo harness."""
    path = tmp_path_factory.mktemp("argo-docs") / "argo.yaml"
    path.write_text(doc_yaml_documents("AnalysisTemplate", "Rollout"))
    return path
