"""The serve package's public names, its token file and rollouts config checks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import gatekeeper.serve as serve_package
from gatekeeper.models._examples import ROLLOUT_EXAMPLE, example
from gatekeeper.models._exceptions import InputError, MetricsError
from gatekeeper.serve import load_rollouts, load_tokens
from gatekeeper.serve._auth import bearer_token
from gatekeeper.serve._live import check_name, phase_of
from tests.conftest import REPO_ROOT, hiding_modules
from tests.serve.conftest import ServerFactory


def test_public_names_are_sorted_and_importable() -> None:
    assert len(set(serve_package.__all__)) == len(serve_package.__all__)  # ruff keeps the order
    for name in serve_package.__all__:
        assert getattr(serve_package, name) is not None


def test_check_and_help_never_import_the_server_stack() -> None:
    code = (
        "import sys; from gatekeeper.cli._main import build_parser; build_parser(); "
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'prometheus_client') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, check=True
    )
    assert done.stdout.strip() == "[]"


def test_decisions_need_only_the_serve_extra_and_rollouts_name_the_metrics_one(
    tmp_path: Path, serve: ServerFactory
) -> None:
    """With httpx and numpy hidden (the metrics extra), /v1/decisions still serves;
    a rollouts config is refused at start with the pip command that fixes it."""
    hidden = {"PYTHONPATH": str(hiding_modules(tmp_path / "shadow", "httpx", "numpy"))}
    server = serve(env=hidden)
    answer = httpx.post(f"{server.url}/v1/decisions", json=example(ROLLOUT_EXAMPLE), timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.json()["decision_id"]
    config = tmp_path / "rollouts.yaml"
    config.write_text("prometheus: {url: 'http://127.0.0.1:9'}\nrollouts: []\n")
    refused = serve("--rollouts", str(config), ready=False, env=hidden)
    assert refused.process.wait(timeout=60) == 2
    assert "needs numpy, httpx, not installed" in refused.output()
    assert "pip install 'gatekeeper-policy-gate[metrics]'" in refused.output()


def _write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_tokens_map_to_identities(tmp_path: Path) -> None:
    table = load_tokens(_write(tmp_path / "t.yaml", '"0123456789abcdef0": alice@example.com\n'))
    assert table.identify("0123456789abcdef0") == "alice@example.com"
    assert table.identify("0123456789abcdef1") is None
    assert bearer_token("Bearer abc") == "abc"
    assert bearer_token("Basic abc") is None
    assert bearer_token("Bearer ") is None


@pytest.mark.parametrize(
    ("text", "mode", "message"),
    [
        ('"0123456789abcdef0": alice\n', 0o640, "chmod 600"),
        ('"short": alice\n', 0o600, "16+ chars"),
        ('"0123456789abcdef0": ""\n', 0o600, "no identity"),
        ("[1, 2]\n", 0o600, "mapping token -> identity"),
    ],
)
def test_unsafe_or_malformed_token_files_are_refused(
    tmp_path: Path, text: str, mode: int, message: str
) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        load_tokens(_write(tmp_path / "t.yaml", text, mode))


def test_a_tokens_file_that_is_not_a_bounded_regular_file_is_refused(tmp_path: Path) -> None:
    """A FIFO nobody writes to, a huge file or bytes that are not text: refused by name,
    never a hang, a crash or a table read from part of the file."""
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo, 0o600)
    with pytest.raises(InputError, match=re.escape(f"--tokens-file {fifo}: cannot read: a FIFO")):
        load_tokens(fifo)
    big = _write(tmp_path / "big.yaml", '"0123456789abcdef0": alice\n' * 50_000)
    with pytest.raises(InputError, match="larger than 1048576 bytes"):
        load_tokens(big)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b'"0123456789abcdef0": \xff\xfe\n')
    binary.chmod(0o600)
    with pytest.raises(InputError, match="not UTF-8 text"):
        load_tokens(binary)


def _rollouts(tmp_path: Path, **entry: object) -> Path:
    base = {"arm_label": "track", "queries": {"error_rate": 'x{app="${name}"}'}}
    config = {"prometheus": {"url": "http://127.0.0.1:9"}, "rollouts": [{**base, **entry}]}
    return _write(tmp_path / "r.yaml", json.dumps(config))


def test_a_rollouts_config_loads_and_matches_the_first_entry(tmp_path: Path) -> None:
    config = load_rollouts(_rollouts(tmp_path, namespace="shop"))
    assert config.entry("shop", "checkout").profile == "decision-matrix"
    with pytest.raises(InputError, match="no entry"):
        config.entry("other", "checkout")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"profile": "nope"}, "profile"),
        ({"step_seconds": 0}, "step_seconds"),
        ({"window_seconds": 30, "step_seconds": 60}, "must not exceed"),
        ({"queries": {"error_rate": "x{app='${pod}'}"}}, "only"),
        ({"surprise": 1}, "unknown key"),
        ({"base": [1]}, "base"),
        ({"environment": "production"}, "environment: only with profile: environment"),
        ({"base": {"profile": "blue-green"}}, "base: profile: the entry's own profile"),
        (
            {"profile": "environment", "base": {"environment": "development"}},
            "base: environment: the entry's own profile and environment",
        ),
    ],
)
def test_bad_rollouts_configs_name_the_key(
    tmp_path: Path, entry: dict[str, object], message: str
) -> None:
    with pytest.raises(MetricsError, match=message):
        load_rollouts(_rollouts(tmp_path, **entry))


def test_names_that_could_change_a_query_are_refused() -> None:
    assert check_name("name", "checkout-v2.1") == "checkout-v2.1"
    for bad in ('a",x="y', "UPPER", "-lead", "a}", ""):
        with pytest.raises(InputError):
            check_name("name", bad)


def test_weight_zero_is_judged_at_the_first_column() -> None:
    assert phase_of(0) == 1.0
    assert phase_of(25) == 25
