"""A compiled-policy cache someone else could write, or whose entry is another policy's, is
never decided with (docs/security.md, "A compiled policy proves what it is").

Real ``opa build -t wasm``, real wasmtime, real cache folders and real ``gatekeeper check``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from gatekeeper.engines import EngineOptions
from gatekeeper.engines._embedded import EmbeddedEngine
from gatekeeper.policy._files import PolicySet, default_policy_dir, load_policy_set
from tests.security.conftest import SCENARIOS, run

DENIED = SCENARIOS / "promotion" / "deny--active-incident.json"
AT_MOST_RULE = "\tobserved <= limit\n"  # the checklist's at-most comparison (incidents: 0)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for this test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GATEKEEPER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def lenient_policy(tmp_path: Path) -> PolicySet:
    """A copy of the shipped rego/ whose at-most checklist items allow 1000 more (the
    active-incident item no longer fires): promotes DENIED."""
    root = tmp_path / "lenient-rego"
    shutil.copytree(default_policy_dir(), root)
    checklist = root / "gatekeeper" / "promotion" / "checklist.rego"
    source = checklist.read_text()
    assert source.count(AT_MOST_RULE) == 1
    checklist.write_text(source.replace(AT_MOST_RULE, "\tobserved <= limit + 1000\n"))
    return load_policy_set(root)


def _compiled_entries(cache: Path) -> set[Path]:
    return set((cache / "compiled").glob("*.cwasm"))


def _compile(policy: PolicySet, opa_binary: str) -> EmbeddedEngine:
    return EmbeddedEngine(policy, EngineOptions(opa_binary=opa_binary))


def _check(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run(["check", str(DENIED), "--engine", "embedded", "--format", "json"], capsys)


def _shipped_and_lenient_entries(
    cache: Path, lenient_policy: PolicySet, opa_binary: str
) -> tuple[Path, Path]:
    """Compile the shipped policy and the lenient copy into ``cache``: their two entries."""
    shipped = load_policy_set()
    _compile(shipped, opa_binary).close()
    (shipped_entry,) = _compiled_entries(cache)
    lenient = _compile(lenient_policy, opa_binary)
    assert lenient.evaluate(json.loads(DENIED.read_text()))["action"] == "promote"
    lenient.close()
    (lenient_entry,) = _compiled_entries(cache) - {shipped_entry}
    return shipped_entry, lenient_entry


@pytest.mark.opa
def test_fail_another_policys_compiled_entry_is_refused_naming_it(
    cache: Path,
    lenient_policy: PolicySet,
    opa_binary: str,
    capsys: pytest.CaptureFixture[str],
    decision_log: Path,
) -> None:
    code, out, _ = _check(capsys)
    assert code == 1 and json.loads(out)["action"] == "deny"
    shipped_entry, lenient_entry = _shipped_and_lenient_entries(cache, lenient_policy, opa_binary)
    shutil.copyfile(lenient_entry, shipped_entry)
    before = decision_log.read_bytes()
    code, out, err = _check(capsys)
    assert code == 2 and '"action"' not in out, "a swapped compiled entry must never decide"
    assert str(shipped_entry) in err and "is not the policy it claims" in err
    assert decision_log.read_bytes() == before, "no record for a decision never made"


@pytest.fixture
def strict_policy(tmp_path: Path) -> PolicySet:
    """A copy of the shipped rego/ that differs by a comment: built with opa, not shipped."""
    root = tmp_path / "strict-rego"
    shutil.copytree(default_policy_dir(), root)
    main = root / "gatekeeper" / "main" / "main.rego"
    main.write_text(main.read_text() + "\n# a local copy\n")
    return load_policy_set(root)


@pytest.mark.opa
def test_fail_another_policys_wasm_entry_is_refused_naming_it(
    cache: Path,
    strict_policy: PolicySet,
    lenient_policy: PolicySet,
    opa_binary: str,
    capsys: pytest.CaptureFixture[str],
    decision_log: Path,
) -> None:
    args = ["check", str(DENIED), "--policy-dir", str(strict_policy.root), "--format", "json"]
    code, out, _ = run([*args, "--opa-binary", opa_binary], capsys)
    assert code == 1 and json.loads(out)["action"] == "deny"
    (strict_entry,) = (cache / "wasm").iterdir()
    _compile(lenient_policy, opa_binary).close()
    (lenient_entry,) = set((cache / "wasm").iterdir()) - {strict_entry}
    shutil.copyfile(lenient_entry, strict_entry)
    code, out, err = run([*args, "--opa-binary", "/nonexistent/opa"], capsys)
    assert code == 2 and '"action"' not in out
    assert f"Wasm {strict_entry}" in err and "is not the policy it claims" in err
    assert f"modules are sha256:{_modules(strict_policy)}" in err


def _modules(policy: PolicySet) -> str:
    from gatekeeper.engines._wasm_policy import modules_digest

    return modules_digest(policy.modules)


def _fake_shipped(monkeypatch: pytest.MonkeyPatch, folder: Path, wasm: bytes) -> Path:
    """Ship ``wasm`` with a manifest that claims the shipped modules and matches its bytes."""
    import hashlib

    from gatekeeper.engines import _wasm_policy

    manifest = _wasm_policy.read_manifest()
    assert manifest is not None
    folder.mkdir()
    (folder / "policy.wasm").write_bytes(wasm)
    manifest = {**manifest, "wasm_sha256": hashlib.sha256(wasm).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setattr(_wasm_policy, "SHIPPED_WASM", folder / "policy.wasm")
    monkeypatch.setattr(_wasm_policy, "SHIPPED_MANIFEST", folder / "manifest.json")
    return folder / "policy.wasm"


@pytest.mark.opa
def test_fail_shipped_file_of_another_policy_is_refused(
    cache: Path,
    lenient_policy: PolicySet,
    opa_binary: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Wasm and manifest replaced together: the manifest agrees, the module does not."""
    from gatekeeper.engines._wasm_policy import build_wasm
    from gatekeeper.models._exceptions import EngineError

    shipped = _fake_shipped(
        monkeypatch, tmp_path / "shipped", build_wasm(lenient_policy.modules, opa_binary)
    )
    with pytest.raises(EngineError, match=r"is not the policy it claims") as refused:
        EmbeddedEngine(load_policy_set(), EngineOptions(opa_binary="/nonexistent/opa"))
    assert f"Wasm {shipped}" in str(refused.value) and "reinstall gatekeeper" in str(refused.value)


@pytest.mark.opa
def test_fail_a_build_that_cannot_say_what_it_is_is_refused(
    cache: Path, opa_binary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Wasm built without the identity module (``opa build`` by hand) never decides."""
    import subprocess
    import tarfile

    from gatekeeper.models._exceptions import EngineError

    bundle = tmp_path / "bundle.tar.gz"
    command = [opa_binary, "build", "-t", "wasm", "-e", "gatekeeper/main/decision"]
    subprocess.run([*command, str(default_policy_dir()), "-o", str(bundle)], check=True)
    with tarfile.open(bundle) as archive:
        extracted = archive.extractfile("/policy.wasm")
        assert extracted is not None
        wasm = extracted.read()
    _fake_shipped(monkeypatch, tmp_path / "shipped", wasm)
    with pytest.raises(EngineError, match=r"built from modules no answer .*no entrypoint"):
        EmbeddedEngine(load_policy_set(), EngineOptions(opa_binary="/nonexistent/opa"))


PROMOTE = SCENARIOS / "promotion" / "promote--seed-003-with-evidence.json"
OTHER_USER = 65534  # nobody


def _loosen(cache: Path, entry: Path, tmp_path: Path, damage: str) -> Path:
    """Apply ``damage`` to the warm cache; the path the refusal must name."""
    if damage == "world-writable cache folder":
        cache.chmod(0o777)
        return cache
    if damage == "group-writable sub-folder":
        entry.parent.chmod(0o770)
        return entry.parent
    if damage == "group-writable entry":
        entry.chmod(0o660)
        return entry
    if damage == "symlinked entry":
        elsewhere = tmp_path / "elsewhere.cwasm"
        entry.rename(elsewhere)
        entry.symlink_to(elsewhere)
        return entry
    if damage == "symlinked cache folder":
        cache.rename(tmp_path / "real-cache")
        cache.symlink_to(tmp_path / "real-cache")
        return cache
    if damage == "fifo entry":
        entry.unlink()
        os.mkfifo(entry, 0o600)
        return entry
    owner = cache if damage == "cache folder of another user" else entry
    os.chown(owner, OTHER_USER, OTHER_USER)
    return owner


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("world-writable cache folder", "is writable by group or others (mode 0777)"),
        ("group-writable sub-folder", "is writable by group or others (mode 0770)"),
        ("group-writable entry", "is writable by group or others (mode 0660)"),
        ("symlinked entry", "is a symbolic link"),
        ("symlinked cache folder", "is a symbolic link"),
        ("fifo entry", "is not a regular file"),
        ("entry of another user", f"is owned by uid {OTHER_USER}, not by the current user"),
        ("cache folder of another user", f"is owned by uid {OTHER_USER}, not by the current"),
    ],
)
def test_fail_a_cache_someone_else_could_write_is_refused_naming_it(
    cache: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    decision_log: Path,
    damage: str,
    reason: str,
) -> None:
    if "another user" in damage and os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    code, _, _ = run(["check", str(PROMOTE)], capsys)
    assert code == 0
    (entry,) = _compiled_entries(cache)
    named = _loosen(cache, entry, tmp_path, damage)
    before = decision_log.read_bytes()
    code, out, err = run(["check", str(PROMOTE)], capsys)
    assert (code, out) == (2, "")
    assert f"refusing the compiled-policy cache: {named} {reason}" in err
    assert "point $GATEKEEPER_CACHE_DIR at a folder only you can write" in err
    assert decision_log.read_bytes() == before


def test_fail_an_empty_world_writable_cache_folder_is_never_written(
    cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache.mkdir(mode=0o700)
    cache.chmod(0o1777)
    code, out, err = run(["check", str(PROMOTE)], capsys)
    assert (code, out) == (2, "")
    assert f"{cache} is writable by group or others (mode 1777)" in err
    assert list(cache.iterdir()) == []


def test_success_a_private_cache_is_created_private_and_used(
    cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", str(PROMOTE)], capsys)[0] == 0
    (entry,) = _compiled_entries(cache)
    modes = [stat.S_IMODE(p.lstat().st_mode) for p in (cache, entry.parent, entry)]
    assert modes == [0o700, 0o700, 0o600]
    engine = EmbeddedEngine(load_policy_set())
    assert not engine.compiled  # the checked entry is what it claims: loaded, not compiled
