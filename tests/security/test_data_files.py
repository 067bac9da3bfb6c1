"""``--data`` supplies only the declared documents; every engine loads the digested set
(issue 13 item 1), on real engines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._files import default_policy_dir, load_policy_set
from tests.conftest import OpaServerFactory
from tests.security.conftest import ROSTER, SCENARIOS, run, write_json

FAILING = (
    SCENARIOS / "rollout" / "decision-matrix" / "auto_rollback--error-rate-sustained-3-min.json"
)
APPROVAL = SCENARIOS / "approval" / "approve--quality-50-qa-dri-and-sprint-dri.json"
MULTIPLIER = {
    "gatekeeper": {
        "profiles": {
            "rollout": {
                "decision-matrix": {
                    "checks": {"critical_error_rate": {"limit": {"multiplier": 1000}}}
                }
            }
        }
    }
}
ENGINES = ["embedded", "opa-cli", "opa-server"]


def _engine_args(engine: str, opa_server: OpaServerFactory) -> list[str]:
    if engine == "opa-server":
        return ["--engine", engine, "--opa-url", opa_server().url, "--opa-upload"]
    return ["--engine", engine]


@pytest.mark.opa
@pytest.mark.parametrize("engine", ENGINES)
def test_fail_data_file_loosening_a_profile_is_refused(
    engine: str,
    tmp_path: Path,
    opa_server: OpaServerFactory,
    capsys: pytest.CaptureFixture[str],
    decision_log: Path,
) -> None:
    loosening = write_json(tmp_path / "loose.json", MULTIPLIER)
    args = ["check", str(FAILING), "--data", str(loosening), *_engine_args(engine, opa_server)]
    code, out, err = run(args, capsys)
    assert (code, out) == (2, "")
    assert "data.gatekeeper.profiles may not be supplied with --data" in err
    assert str(loosening) in err
    assert not decision_log.exists()


@pytest.mark.parametrize(
    ("document", "named"),
    [
        ({"gatekeeper": {"roster": {}, "authority": {}}}, "data.gatekeeper.authority"),
        ({"other": {"x": 1}}, "data.other"),
        ({"gatekeeper": []}, "data.gatekeeper must be a JSON object"),
        ([1, 2], "must hold a JSON object"),
    ],
)
def test_fail_undeclared_data_documents_are_refused(
    tmp_path: Path, document: object, named: str
) -> None:
    path = write_json(tmp_path / "data.json", document)
    with pytest.raises(PolicyError, match=named.replace(".", r"\.")):
        load_policy_set(None, [path])


def test_success_roster_and_waivers_are_accepted(tmp_path: Path) -> None:
    waivers = write_json(tmp_path / "waivers.json", {"gatekeeper": {"waivers": []}})
    policy = load_policy_set(None, [ROSTER, waivers])
    assert "alice@example.com" in policy.data["gatekeeper"]["roster"]
    assert policy.data["gatekeeper"]["waivers"] == []


@pytest.fixture
def policy_with_stray_file(tmp_path: Path) -> Path:
    """A copy of the rule set with a stray ``*.json`` that would loosen the gate."""
    root = tmp_path / "rego"
    shutil.copytree(default_policy_dir(), root)
    stray = MULTIPLIER["gatekeeper"]["profiles"]
    write_json(root / "gatekeeper" / "loosen.json", {"profiles": stray})
    write_json(root / "gatekeeper" / "profiles" / "extra.json", stray)
    return root


@pytest.mark.opa
@pytest.mark.parametrize("engine", ENGINES)
def test_fail_stray_json_in_the_policy_folder_changes_no_engine(
    engine: str,
    policy_with_stray_file: Path,
    opa_server: OpaServerFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["check", str(FAILING), "--policy-dir", str(policy_with_stray_file), "--format", "json"]
    code, out, err = run([*args, *_engine_args(engine, opa_server)], capsys)
    assert code == 1, err
    assert json.loads(out)["action"] == "auto_rollback"


def test_success_every_loaded_file_is_digested(policy_with_stray_file: Path) -> None:
    policy = load_policy_set(policy_with_stray_file, [ROSTER])
    assert {p.name for p in policy.files} >= {"data.json", "roster.json"}
    assert not [p for p in policy.files if p.name in ("loosen.json", "extra.json")]
    assert load_policy_set(default_policy_dir(), [ROSTER]).digest == policy.digest
    changed = policy.data_files[0]
    changed.write_text(changed.read_text() + "\n")
    assert load_policy_set(policy_with_stray_file, [ROSTER]).digest != policy.digest


@pytest.mark.opa
def test_success_opa_cli_names_exactly_the_digested_files(policy_with_stray_file: Path) -> None:
    from gatekeeper.engines._opa_cli import OpaCliEngine

    policy = load_policy_set(policy_with_stray_file, [ROSTER])
    command = OpaCliEngine(policy).command
    loaded = [
        Path(arg.rsplit(":", 1)[-1])
        for arg in command[command.index("--data") :]
        if arg.endswith((".rego", ".json", ".yaml", ".yml"))
    ]
    assert sorted(loaded) == sorted(policy.files)


@pytest.mark.opa
@pytest.mark.parametrize("engine", ENGINES)
def test_success_roster_from_data_decides_on_every_engine(
    engine: str, opa_server: OpaServerFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", str(APPROVAL), "--data", str(ROSTER), *_engine_args(engine, opa_server)]
    code, _, err = run(args, capsys)
    assert code == 0, err
