"""A real Prometheus server holding canary metrics; build-input queries it over HTTP.

The fixture writes 20 minutes of OpenMetrics text (request counters by outcome, a
latency histogram, per-shard CPU/memory gauges, nDCG@10) for two scenarios, turns
it into TSDB blocks with ``promtool tsdb create-blocks-from openmetrics``, starts
``prometheus`` on 127.0.0.1 with a free port on those blocks, and stops it after
the module. Without the binaries the tests skip, except under ``CI=true``: fail.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gatekeeper.cli._main import main
from gatekeeper.metrics import BuildOptions, build_input, load_source, query_series
from gatekeeper.models._exceptions import MetricsError
from tests.conftest import missing

STEP = 15  # seconds between two samples of every series
MINUTES = 20
LATENCY_BUCKETS = ((50, 300), (100, 700), (200, 950), (400, 995), (800, 1000), ("+Inf", 1000))
BASE_DOCUMENT = {"canary": {"success_gates": {"recall_at_50": True, "p99_budget": True}}}


def _binaries() -> tuple[str, str]:
    found = shutil.which("prometheus"), shutil.which("promtool")
    if None in found:
        missing("prometheus/promtool not installed (apt-get install prometheus)")
    return found[0] or "", found[1] or ""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _error_share(scenario: str, track: str, minute: float) -> float:
    """Errors per request: 0.1% everywhere, 1% for the failing canary's last 3 minutes."""
    if scenario == "failing" and track == "canary" and minute >= MINUTES - 3:
        return 0.01
    return 0.001


def openmetrics(t0: int) -> str:
    """OpenMetrics text: 1000 requests per 15 s per arm, two scenarios."""
    ticks = range(0, MINUTES * 60 + 1, STEP)
    arms = [(s, t) for s in ("healthy", "failing") for t in ("baseline", "canary")]
    out = ["# TYPE http_requests counter"]
    for scenario, track in arms:
        for outcome in ("ok", "error"):
            total = 0.0
            for tick in ticks:
                if tick:
                    share = _error_share(scenario, track, (tick - 1) / 60)
                    total += 1000 * (share if outcome == "error" else 1 - share)
                labels = f'scenario="{scenario}",track="{track}",outcome="{outcome}"'
                out.append(f"http_requests_total{{{labels}}} {total:g} {t0 + tick}")
    out.append("# TYPE http_request_duration_ms histogram")
    for scenario, track in arms:
        for i, tick in enumerate(ticks):
            labels = f'scenario="{scenario}",track="{track}"'
            for le, per_tick in LATENCY_BUCKETS:
                bucket = f'http_request_duration_ms_bucket{{{labels},le="{le}"}}'
                out.append(f"{bucket} {per_tick * i} {t0 + tick}")
            out.append(f"http_request_duration_ms_count{{{labels}}} {1000 * i} {t0 + tick}")
            out.append(f"http_request_duration_ms_sum{{{labels}}} {120_000 * i} {t0 + tick}")
    for name, base in (("shard_cpu_utilisation", 0.40), ("shard_memory_utilisation", 0.55)):
        out.append(f"# TYPE {name} gauge")
        for scenario, track in arms:
            for shard in ("shard-a", "shard-b"):
                labels = f'scenario="{scenario}",track="{track}",shard="{shard}"'
                for tick in ticks:
                    value = base + 0.05 * ((tick // STEP) % 3)
                    out.append(f"{name}{{{labels}}} {value:g} {t0 + tick}")
    out.append("# TYPE ndcg_at_10 gauge")
    for scenario, track in arms:
        value = 0.5234 if track == "baseline" else 0.5236
        for tick in ticks:
            out.append(f'ndcg_at_10{{scenario="{scenario}",track="{track}"}} {value} {t0 + tick}')
    out.append("# EOF")
    return "\n".join(out) + "\n"


class Prometheus:
    """A running Prometheus holding the fixture's blocks."""

    def __init__(self, url: str, t0: int, root: Path) -> None:
        self.url, self.t0, self.root = url, t0, root

    def source(self, scenario: str) -> Path:
        """A source config whose queries select one scenario."""
        sel = f'scenario="{scenario}"'
        config = {
            "url": self.url,
            "arm_label": "track",
            "shard_label": "shard",
            "queries": {
                "error_rate": (
                    f'sum by (track) (rate(http_requests_total{{{sel},outcome="error"}}[1m]))'
                    f" / sum by (track) (rate(http_requests_total{{{sel}}}[1m]))"
                ),
                "p99_latency_ms": (
                    "histogram_quantile(0.99, sum by (track, le) "
                    f"(rate(http_request_duration_ms_bucket{{{sel}}}[1m])))"
                ),
                "cpu": f"max by (track, shard) (shard_cpu_utilisation{{{sel}}})",
                "memory": f"max by (track, shard) (shard_memory_utilisation{{{sel}}})",
                "ndcg_at_10": f"avg by (track) (ndcg_at_10{{{sel}}})",
            },
        }
        path = self.root / f"source-{scenario}.yaml"
        path.write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
        return path


@pytest.fixture(scope="module")
def prometheus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prometheus]:
    prometheus_bin, promtool_bin = _binaries()
    root = tmp_path_factory.mktemp("prometheus")
    t0 = (int(time.time()) // 3600) * 3600 - 3 * 3600  # whole hour, well in the past
    text = root / "metrics.om.txt"
    text.write_text(openmetrics(t0), encoding="utf-8")
    data = root / "tsdb"
    subprocess.run(
        [promtool_bin, "tsdb", "create-blocks-from", "openmetrics", str(text), str(data)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    config = root / "prometheus.yml"
    config.write_text("global:\n  scrape_interval: 1h\n", encoding="utf-8")
    port = _free_port()
    log = (root / "prometheus.log").open("wb")
    process = subprocess.Popen(
        [
            prometheus_bin,
            f"--config.file={config}",
            f"--storage.tsdb.path={data}",
            "--storage.tsdb.retention.time=100y",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"prometheus exited: {(root / 'prometheus.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/-/ready", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("prometheus did not become ready in 60 s")
            time.sleep(0.2)
        yield Prometheus(url, t0, root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()


def _window(prom: Prometheus) -> tuple[str, str]:
    return str(prom.t0 + 10 * 60), str(prom.t0 + MINUTES * 60)


def test_series_come_back_on_the_grid(prometheus: Prometheus) -> None:
    start, end = _window(prometheus)
    series = query_series(load_source(prometheus.source("healthy")), float(start), float(end), 60)
    assert series.count == 11
    canary = series.arm("canary")
    assert canary.metrics["error_rate"].tolist() == pytest.approx([0.001] * 11)
    # histogram_quantile: 990th of 1000 in (200, 400] holding 950..995 -> 200 + 200 * 40/45
    assert canary.metrics["p99_latency_ms"].tolist() == pytest.approx([200 + 200 * 40 / 45] * 11)
    assert set(canary.shards) == {"shard-a", "shard-b"}
    assert max(canary.shards["shard-a"]["cpu"]) == pytest.approx(0.5)
    assert series.arm("baseline").totals["ndcg_at_10"] == pytest.approx(0.5234)


def _build(prom: Prometheus, scenario: str, tmp_path: Path) -> dict[str, object]:
    base = tmp_path / "base.json"
    base.write_text(json.dumps(BASE_DOCUMENT), encoding="utf-8")
    out = tmp_path / f"{scenario}.json"
    start, end = _window(prom)
    code = main(
        [
            "build-input",
            "--gate",
            "rollout",
            "--source",
            str(prom.source(scenario)),
            "--start",
            start,
            "--end",
            end,
            "--phase-percent",
            "25",
            "--base",
            str(base),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    document: dict[str, object] = json.loads(out.read_text())
    return document


def _check(tmp_path: Path, scenario: str) -> tuple[int, dict[str, Any]]:
    """``gatekeeper check`` (embedded engine, the real policy) on the built input."""
    report = tmp_path / "report.json"
    code = main(
        [
            "check",
            str(tmp_path / f"{scenario}.json"),
            "--format",
            "json",
            "-o",
            str(report),
            "--decision-log",
            str(tmp_path / "decisions.jsonl"),
        ]
    )
    body = json.loads(report.read_text())
    decision = body.get("decision", body)
    assert isinstance(decision, dict)
    return code, decision


def test_healthy_canary_passes_the_rollout_gate(prometheus: Prometheus, tmp_path: Path) -> None:
    document = _build(prometheus, "healthy", tmp_path)
    canary = document["canary"]
    assert isinstance(canary, dict)
    assert max(canary["error_rate"]) < 0.005
    assert canary["success_gates"] == BASE_DOCUMENT["canary"]["success_gates"]
    assert document["insufficient_data"] == []
    code, decision = _check(tmp_path, "healthy")
    assert code == 0, decision
    assert decision["allow"] is True
    assert decision["action"] in ("continue", "promote_next_step")


def test_error_rate_above_half_a_percent_for_three_minutes_rolls_back(
    prometheus: Prometheus, tmp_path: Path
) -> None:
    document = _build(prometheus, "failing", tmp_path)
    canary = document["canary"]
    assert isinstance(canary, dict)
    assert canary["error_rate"][-3:] == pytest.approx([0.01] * 3)
    assert all(rate < 0.005 for rate in canary["error_rate"][:-3])
    code, decision = _check(tmp_path, "failing")
    assert code == 1
    assert decision["action"] == "auto_rollback"
    assert [v["code"] for v in decision["violations"]] == ["ERROR_RATE"]


def test_unreachable_prometheus_is_a_metrics_error(tmp_path: Path) -> None:
    config = tmp_path / "down.yaml"
    config.write_text(
        f"url: http://127.0.0.1:{_free_port()}\narm_label: track\nqueries:\n  error_rate: up\n",
        encoding="utf-8",
    )
    options = BuildOptions(gate="rollout", source=config, start="1700000000", end="1700000600")
    with pytest.raises(MetricsError, match="query error_rate"):
        build_input(options)


def test_bad_promql_names_the_metric(prometheus: Prometheus, tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text(
        f"url: {prometheus.url}\narm_label: track\nqueries:\n  error_rate: 'sum by (('\n",
        encoding="utf-8",
    )
    start, end = _window(prometheus)
    with pytest.raises(MetricsError, match=r"query error_rate: HTTP 400"):
        query_series(load_source(config), float(start), float(end), 60)


def _dripping_server(stop: Any) -> int:
    """A real socket server that answers every request one byte every 0.2 s."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)

    def drip(connection: socket.socket) -> None:
        with connection:
            try:
                connection.recv(65536)
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n{")
                ends = time.monotonic() + 8  # then hang up: a client without a bound fails late
                while not stop.is_set() and time.monotonic() < ends:
                    time.sleep(0.2)
                    connection.sendall(b" ")
            except OSError:
                return

    def accept() -> None:
        with listener:
            while not stop.is_set():
                try:
                    connection, _ = listener.accept()
                except TimeoutError:
                    continue
                threading.Thread(target=drip, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return int(listener.getsockname()[1])


def test_timeout_seconds_bounds_a_query_as_a_whole_not_each_read(tmp_path: Path) -> None:
    """A server that drips its answer never trips a per-read time-out: the query ends
    at timeout_seconds all the same, a MetricsError naming it."""
    stop = threading.Event()
    try:
        port = _dripping_server(stop)
        config = tmp_path / "source.yaml"
        config.write_text(
            f"url: http://127.0.0.1:{port}\ntimeout_seconds: 1\narm_label: track\n"
            "queries:\n  error_rate: up\n",
            encoding="utf-8",
        )
        started = time.monotonic()
        with pytest.raises(MetricsError) as raised:
            query_series(load_source(config), 0.0, 600.0, 60)
        assert time.monotonic() - started < 5  # the bound is 1 s; generous for a busy host
        assert "query error_rate: no complete answer within" in str(raised.value)
    finally:
        stop.set()


def _sequential_source(prom: Prometheus, scenario: str) -> Path:
    """Counts per interval for the anytime-valid evidence (docs/statistics.md)."""
    sel = f'scenario="{scenario}"'
    duration = "http_request_duration_ms"
    config = {
        "url": prom.url,
        "arm_label": "track",
        "queries": {
            "requests": f"sum by (track) (increase(http_requests_total{{{sel}}}[1m]))",
            "errors": (
                f'sum by (track) (increase(http_requests_total{{{sel},outcome="error"}}[1m]))'
            ),
            "slow_requests": (
                f"sum by (track) (increase({duration}_count{{{sel}}}[1m]))"
                f' - sum by (track) (increase({duration}_bucket{{{sel},le="400"}}[1m]))'
            ),
            "p99_latency_ms": (
                "histogram_quantile(0.99, sum by (track, le) "
                f"(rate({duration}_bucket{{{sel}}}[1m])))"
            ),
        },
    }
    path = prom.root / f"sequential-{scenario}.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


@pytest.mark.parametrize(("scenario", "healthy"), [("healthy", True), ("failing", False)])
def test_sequential_evidence_from_prometheus_counts(
    prometheus: Prometheus, tmp_path: Path, scenario: str, healthy: bool
) -> None:
    """The Prometheus builder (as serve uses it) measures canary.sequential from counts."""
    start, end = _window(prometheus)
    document = build_input(
        BuildOptions(
            gate="rollout",
            source=_sequential_source(prometheus, scenario),
            start=start,
            end=end,
            phase_percent=10,
            profile="sequential",
        )
    )
    evidence = document["canary"]["sequential"]
    assert set(evidence) == {"error_rate", "p99_latency"}
    assert evidence["error_rate"]["looks"] == 11
    assert evidence["p99_latency"]["lower_bound"] < 1.25  # both arms alike in the tail
    path = tmp_path / "input.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = tmp_path / "report.json"
    code = main(
        ["check", str(path), "--profile", "sequential", "--format", "json", "-o", str(report)]
    )
    decision = json.loads(report.read_text())
    if healthy:  # 11 minutes observed, window 10 minutes: promotable
        assert evidence["error_rate"]["lower_bound"] <= 1
        assert (code, decision["action"]) == (0, "promote_next_step"), decision
    else:  # 1% against 0.1% for the last three minutes
        assert evidence["error_rate"]["lower_bound"] > 1
        assert (code, decision["action"]) == (1, "auto_rollback"), decision
        assert [v["code"] for v in decision["violations"]] == ["ERROR_RATE_WORSE"]
