"""``gatekeeper doctor`` as a real process: what is there, what is missing, the fix for each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import hiding_modules

REPO = Path(__file__).resolve().parents[2]


def _doctor(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gatekeeper", "doctor", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _env(home: Path, path_dirs: list[str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GATEKEEPER_OPA", "GOPATH")}
    env["HOME"] = str(home)
    env["PATH"] = os.pathsep.join(path_dirs)
    env["PYTHONPATH"] = str(REPO)
    return env


def _findings(completed: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    document = json.loads(completed.stdout)
    return {row["name"]: row for row in document["findings"]}


def test_success_doctor_reports_the_engines_and_is_ready(opa_binary: str, tmp_path: Path) -> None:
    env = _env(tmp_path, [str(Path(opa_binary).parent), "/usr/bin", "/bin"])
    completed = _doctor(env, "--format", "json")
    assert completed.returncode == 0, completed.stderr
    rows = _findings(completed)
    assert json.loads(completed.stdout)["ready"] is True
    assert rows["embedded"]["status"] == "ok" and rows["embedded"]["detail"]
    assert rows["opa"]["status"] == "ok"
    assert rows["opa"]["detail"].startswith("opa ") and "(from PATH)" in rows["opa"]["detail"]
    assert rows["packaged policy"]["detail"].startswith("sha256:")
    text = _doctor(env).stdout
    assert text.rstrip().endswith("gatekeeper check (embedded engine): ready")


def test_fail_doctor_names_a_missing_opa_and_how_to_get_it(tmp_path: Path) -> None:
    env = _env(tmp_path, ["/usr/bin", "/bin"])
    completed = _doctor(env)
    assert completed.returncode == 0, completed.stderr  # check still works without opa
    line = next(line for line in completed.stdout.splitlines() if line.split()[1:2] == ["opa"])
    assert line.startswith("MISSING") and "needed for --engine opa-cli, bundle build" in line
    assert "opa: install opa" in completed.stdout and "$GATEKEEPER_OPA" in completed.stdout
    # the release the shipped Wasm was built with, as the README pins it (never @latest)
    manifest = json.loads((REPO / "gatekeeper/policy/_compiled/manifest.json").read_text())
    assert f"opa@v{manifest['opa_version']}" in completed.stdout
    assert "@latest" not in completed.stdout


def test_fail_doctor_names_a_cache_folder_others_can_write(tmp_path: Path) -> None:
    """The same refusal as ``check`` (docs/security.md, "A compiled policy proves what it is")."""
    folder = tmp_path / "shared-cache"
    folder.mkdir()
    folder.chmod(0o777)
    env = {**_env(tmp_path, ["/usr/bin", "/bin"]), "GATEKEEPER_CACHE_DIR": str(folder)}
    completed = _doctor(env, "--format", "json")
    assert completed.returncode == 1, completed.stderr  # not ready
    row = _findings(completed)["cache"]
    assert row["status"] == "missing" and json.loads(completed.stdout)["ready"] is False
    assert f"{folder} is writable by group or others (mode 0777)" in row["detail"]
    assert row["fix"].startswith(f"rm -r {folder}")


def test_success_doctor_says_when_opa_is_found_only_in_go_bin(
    opa_binary: str, tmp_path: Path
) -> None:
    go_bin = tmp_path / "go" / "bin"
    go_bin.mkdir(parents=True)
    (go_bin / "opa").symlink_to(opa_binary)
    env = _env(tmp_path, ["/usr/bin", "/bin"])
    rows = _findings(_doctor(env, "--format", "json"))
    assert rows["opa"]["status"] == "warn"
    assert "not on PATH" in rows["opa"]["detail"]
    assert rows["opa"]["fix"].startswith(f'export PATH="{go_bin}:$PATH"')


def test_success_doctor_names_each_extra_with_its_pip_command(tmp_path: Path) -> None:
    rows = _findings(_doctor(_env(tmp_path, ["/usr/bin", "/bin"]), "--format", "json"))
    for extra in ("metrics", "server", "bdd"):
        row = rows[extra]
        if row["status"] == "ok":
            assert row["detail"]
        else:
            assert row["fix"] == f"pip install 'gatekeeper-policy-gate[{extra}]'"
    assert rows["decision log"]["status"] == "ok"


@pytest.mark.parametrize("module", ["numpy", "httpx", "httpcore"])
def test_fail_a_missing_extra_is_exit_two_with_the_pip_command(module: str, tmp_path: Path) -> None:
    """Hide one module of an extra from a real process; the command names the fix."""
    shadow = hiding_modules(tmp_path / "shadow", module)
    env = _env(tmp_path, os.environ["PATH"].split(os.pathsep))
    env["PYTHONPATH"] = os.pathsep.join([str(shadow), str(REPO)])
    env["GATEKEEPER_DECISION_LOG"] = str(tmp_path / "log.jsonl")
    if module == "numpy":
        args = ["build-input", "--gate", "promotion", "--baseline", "a.csv", "--canary", "b.csv"]
        extra = "metrics"
    else:
        args = ["check", str(REPO / "scenarios/promotion/deny--seed-003-example.json")]
        args += ["--engine", "opa-server", "--opa-url", "http://127.0.0.1:9"]
        extra = "server"
    completed = subprocess.run(
        [sys.executable, "-m", "gatekeeper", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 2
    assert f"needs {module}" in completed.stderr
    assert f"pip install 'gatekeeper-policy-gate[{extra}]'" in completed.stderr
