"""``gatekeeper bundle build`` against a real OPA server that downloads the bundle."""

from __future__ import annotations

import io
import json
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _fleet import KeyPair, OpaServer, opa_config

from gatekeeper.cli._main import main
from gatekeeper.policy._bundle import build_bundle, inspect_bundle
from gatekeeper.policy._files import load_policy_set

pytestmark = pytest.mark.opa

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"
ACTIVATION_SECONDS = 30.0


def _read_member(bundle: Path, name: str) -> Any:
    with tarfile.open(bundle, "r:gz") as archive:
        member = archive.extractfile(f"/{name}")
        assert member is not None, name
        return json.loads(member.read())


def _scenario_files() -> tuple[list[Path], list[Path]]:
    """Scenario inputs, and data documents (``{"gatekeeper": ...}``, e.g. a roster)."""
    inputs: list[Path] = []
    data: list[Path] = []
    for path in sorted(SCENARIOS.rglob("*.json")):
        document = json.loads(path.read_text("utf-8"))
        if isinstance(document, dict) and set(document) == {"gatekeeper"}:
            data.append(path)
        elif isinstance(document, dict):
            inputs.append(path)
    return inputs, data


def _bare_input(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text("utf-8"))
    if set(document) == {"input"}:
        document = document["input"]
    assert isinstance(document, dict)
    return document


def _wait_for(server: OpaServer, done: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    deadline = time.monotonic() + ACTIVATION_SECONDS
    status: dict[str, Any] = {}
    while time.monotonic() < deadline:
        status = server.bundle_status()
        if done(status):
            return status
        time.sleep(0.2)
    pytest.fail(f"bundle status never settled: {status}; log: {server.log.read_text()[-2000:]}")


def test_bundle_holds_policies_data_and_manifest(bundle_opa: str, tmp_path: Path) -> None:
    policy = load_policy_set()
    info = build_bundle(policy, tmp_path / "bundle.tar.gz", opa_binary=bundle_opa, revision="r-1")
    manifest = _read_member(info.path, ".manifest")
    assert manifest["revision"] == "r-1"
    assert manifest["roots"] == ["gatekeeper"]
    assert manifest["rego_version"] == 1
    rego_files = sorted(n for n in info.files if n.endswith(".rego"))
    assert rego_files == sorted(policy.modules)
    assert not [n for n in info.files if n.endswith("_test.rego")]
    assert _read_member(info.path, "data.json") == policy.data
    assert not info.signed


def test_default_revision_is_the_policy_digest(bundle_opa: str, tmp_path: Path) -> None:
    policy = load_policy_set()
    info = build_bundle(policy, tmp_path / "b.tar.gz", opa_binary=bundle_opa)
    assert info.revision == f"sha256:{policy.digest}"
    assert inspect_bundle(info.path).manifest["revision"] == info.revision


def test_signed_bundle_activates_and_decides_like_embedded(
    bundle_opa: str,
    rsa_keys: KeyPair,
    bundle_server: tuple[str, Path],
    start_opa: Callable[[dict[str, Any]], OpaServer],
) -> None:
    from gatekeeper.engines import EngineOptions, open_engine

    inputs, data_documents = _scenario_files()
    assert inputs, f"no scenario inputs under {SCENARIOS}"
    policy = load_policy_set(extra_data=data_documents)
    url, folder = bundle_server
    info = build_bundle(
        load_policy_set(),
        folder / "bundle.tar.gz",
        opa_binary=bundle_opa,
        signing_key=rsa_keys.private,
        verification_key=rsa_keys.public,
        extra_data=data_documents,
    )
    assert info.signed and info.verified
    server = start_opa(opa_config(url, "bundle.tar.gz", rsa_keys.public))
    status = _wait_for(server, lambda s: "active_revision" in s or "code" in s)
    assert status.get("active_revision") == info.revision, status
    assert server.healthy()

    embedded = open_engine("embedded", policy)
    remote = open_engine(
        "opa-server", policy, EngineOptions(opa_url=server.url, upload_policy=False)
    )
    try:
        mismatches = []
        for path in inputs:
            document = _bare_input(path)
            local, served = embedded.evaluate(document), remote.evaluate(document)
            if local != served:
                mismatches.append((path.relative_to(REPO).as_posix(), local, served))
        assert not mismatches, json.dumps(mismatches, indent=1)[:4000]
    finally:
        embedded.close()
        remote.close()


def _tamper_data(bundle: Path, target: Path) -> None:
    """Copy ``bundle`` to ``target`` with one change in data.json, keeping the signature."""
    with tarfile.open(bundle, "r:gz") as source, tarfile.open(target, "w:gz") as sink:
        for member in source.getmembers():
            extracted = source.extractfile(member)
            assert extracted is not None
            content = extracted.read()
            if member.name.lstrip("/") == "data.json":
                document = json.loads(content)
                document["gatekeeper"]["actions"]["allowing"].append("abort")
                content = json.dumps(document).encode("utf-8")
                member.size = len(content)
            sink.addfile(member, io.BytesIO(content))


@pytest.mark.parametrize("attack", ["modified-data", "foreign-key"])
def test_tampered_bundle_is_refused(
    attack: str,
    bundle_opa: str,
    rsa_keys: KeyPair,
    bundle_server: tuple[str, Path],
    start_opa: Callable[[dict[str, Any]], OpaServer],
    tmp_path: Path,
) -> None:
    url, folder = bundle_server
    policy = load_policy_set()
    served = folder / "bundle.tar.gz"
    if attack == "modified-data":
        signed = build_bundle(
            policy,
            tmp_path / "signed.tar.gz",
            opa_binary=bundle_opa,
            signing_key=rsa_keys.private,
        )
        _tamper_data(signed.path, served)
        expected = "digest mismatch"
    else:
        other = tmp_path / "other"
        other.mkdir()
        import subprocess

        subprocess.run(
            ["openssl", "genpkey", "-algorithm", "RSA", "-out", str(other / "k.pem")],
            check=True,
            capture_output=True,
        )
        build_bundle(policy, served, opa_binary=bundle_opa, signing_key=other / "k.pem")
        expected = "verification error"
    server = start_opa(opa_config(url, "bundle.tar.gz", rsa_keys.public))
    status = _wait_for(server, lambda s: "code" in s or "active_revision" in s)
    assert "active_revision" not in status, status
    assert status["code"] == "bundle_error"
    assert expected in status["message"]
    assert not server.healthy()


def test_cli_refuses_a_bundle_the_verification_key_does_not_match(
    bundle_opa: str, rsa_keys: KeyPair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess

    subprocess.run(
        ["openssl", "genpkey", "-algorithm", "RSA", "-out", str(tmp_path / "k.pem")],
        check=True,
        capture_output=True,
    )
    output = tmp_path / "b.tar.gz"
    code = main(
        [
            "bundle",
            "build",
            "-o",
            str(output),
            "--opa-binary",
            bundle_opa,
            "--signing-key",
            str(tmp_path / "k.pem"),
            "--verification-key",
            str(rsa_keys.public),
        ]
    )
    assert code == 2
    assert "verification error" in capsys.readouterr().err
    assert not output.exists()


def test_cli_writes_a_signed_verified_bundle(
    bundle_opa: str, rsa_keys: KeyPair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "b.tar.gz"
    code = main(
        [
            "bundle",
            "build",
            "-o",
            str(output),
            "--opa-binary",
            bundle_opa,
            "--revision",
            "v7",
            "--signing-key",
            str(rsa_keys.private),
            "--verification-key",
            str(rsa_keys.public),
            "--json",
        ]
    )
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["revision"] == "v7" and summary["signed"] and summary["verified"]
    assert ".signatures.json" in summary["files"]
    assert _read_member(output, ".manifest")["roots"] == ["gatekeeper"]
