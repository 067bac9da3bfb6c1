"""Build an OPA bundle of gatekeeper's policies and data for a fleet of OPA servers.

The bundle holds every policy module (never a ``*_test.rego``) and every data file of
one policy revision (the organisation's ``--policy-data`` layer merged in), plus a
``.manifest`` with the revision, the root ``gatekeeper`` and ``rego_version: 1``. The
revision names the rules: a bundle built with or without ``--data`` (roster, waivers)
carries the same one as ``check`` and ``serve`` show for those rules. ``opa build -b``
writes it, and signs it with ``--signing-key`` when one is given, so a server
configured with the matching verification key refuses any bundle whose files were
changed after signing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._documents import merge_documents, read_data_file
from gatekeeper.policy._files import PolicySet, load_policy_set
from gatekeeper.policy._opa_tool import run_opa_tool

BUNDLE_ROOTS = ("gatekeeper",)
REGO_VERSION = 1
SIGNING_ALGORITHMS = (
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "HS256",
    "HS384",
    "HS512",
)


@dataclass(frozen=True)
class BundleInfo:
    """What was written: the file, its manifest, the files inside and its sha256."""

    path: Path
    revision: str
    manifest: dict[str, Any]
    files: tuple[str, ...]
    sha256: str
    signed: bool
    verified: bool = False
    policy_digest: str = ""

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready summary for the command line."""
        return {
            "path": str(self.path),
            "revision": self.revision,
            "manifest": self.manifest,
            "files": list(self.files),
            "sha256": self.sha256,
            "signed": self.signed,
            "verified": self.verified,
            "policy_digest": self.policy_digest,
        }


def default_revision(policy: PolicySet) -> str:
    """The bundle revision when none is given: the full policy digest."""
    return f"sha256:{policy.digest}"


def stage_bundle(
    policy: PolicySet, directory: Path, revision: str, extra_data: Sequence[Path] = ()
) -> None:
    """Lay out the bundle's files (policies, data, ``.manifest``) in ``directory``."""
    for relative, source in policy.modules.items():
        if relative.endswith("_test.rego"):
            continue
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    for data_file in policy.data_files:
        target = directory / data_file.relative_to(policy.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        if data_file in policy.layered:  # the organisation's thresholds merged in
            target = target.with_name("data.json")
            target.write_text(json.dumps(policy.layered[data_file], sort_keys=True), "utf-8")
        else:
            shutil.copyfile(data_file, target)
    if extra_data:
        merged: dict[str, Any] = {}
        for path in extra_data:
            document = read_data_file(path)
            if not isinstance(document, dict):
                raise PolicyError(f"data file {path}: must hold a JSON object")
            outside = sorted(set(document) - set(BUNDLE_ROOTS))
            if outside:
                raise PolicyError(
                    f"data file {path}: top-level key(s) {outside} lie outside the bundle "
                    f"roots {list(BUNDLE_ROOTS)}"
                )
            merge_documents(merged, document, "data")
        if (directory / "data.json").exists():
            raise PolicyError("the policy folder already has a root data.json")
        (directory / "data.json").write_text(json.dumps(merged, sort_keys=True), "utf-8")
    manifest = {"revision": revision, "roots": list(BUNDLE_ROOTS), "rego_version": REGO_VERSION}
    (directory / ".manifest").write_text(json.dumps(manifest, sort_keys=True), "utf-8")


def build_bundle(
    policy: PolicySet,
    output: Path,
    *,
    opa_binary: str,
    revision: str | None = None,
    signing_key: Path | None = None,
    signing_alg: str = "RS256",
    claims_file: Path | None = None,
    verification_key: Path | None = None,
    extra_data: Sequence[Path] = (),
) -> BundleInfo:
    """Write the bundle of ``policy`` to ``output`` with ``opa build -b`` and describe it."""
    if signing_alg not in SIGNING_ALGORITHMS:
        raise PolicyError(f"--signing-alg: unknown algorithm {signing_alg!r}")
    for name, path in (
        ("--signing-key", signing_key),
        ("--claims-file", claims_file),
        ("--verification-key", verification_key),
    ):
        if path is not None and not path.is_file():
            raise PolicyError(f"{name}: file not found: {path}")
    if verification_key is not None and signing_key is None:
        raise PolicyError(
            "--verification-key needs --signing-key: an unsigned bundle has no signature"
        )
    if extra_data:  # runtime documents: checked, carried, never part of the revision
        policy = load_policy_set(
            policy.root, [*policy.extra_data_files, *extra_data], policy.layer_root
        )
    chosen_revision = revision or default_revision(policy)
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gatekeeper-bundle-") as tmp:
        staging = Path(tmp) / "bundle"
        staging.mkdir()
        stage_bundle(policy, staging, chosen_revision, extra_data)
        command = [opa_binary, "build", "-b", ".", "-o", str(output), "--revision", chosen_revision]
        if signing_key is not None:
            command += ["--signing-key", str(signing_key.resolve()), "--signing-alg", signing_alg]
            if claims_file is not None:
                command += ["--claims-file", str(claims_file.resolve())]
        _run_opa(command, staging, "opa build")
    verified = False
    if verification_key is not None:
        try:
            verify_bundle(output, verification_key, opa_binary=opa_binary, signing_alg=signing_alg)
        except PolicyError:
            output.unlink(missing_ok=True)
            raise
        verified = True
    info = inspect_bundle(output)
    if info.manifest.get("revision") != chosen_revision:
        raise PolicyError(
            f"bundle {output}: manifest revision is {info.manifest.get('revision')!r}"
        )
    return replace(info, verified=verified, policy_digest=policy.digest)


def verify_bundle(
    bundle: Path, verification_key: Path, *, opa_binary: str, signing_alg: str = "RS256"
) -> None:
    """Check the bundle's signature with the public key, as an OPA server would."""
    with tempfile.TemporaryDirectory(prefix="gatekeeper-verify-") as tmp:
        command = [
            opa_binary,
            "build",
            "-b",
            str(bundle.resolve()),
            "--verification-key",
            str(verification_key.resolve()),
            "--signing-alg",
            signing_alg,
            "-o",
            str(Path(tmp) / "verified.tar.gz"),
        ]
        _run_opa(command, Path(tmp), "verify bundle signature")


def inspect_bundle(bundle: Path) -> BundleInfo:
    """Read a bundle's manifest and file list; a test module inside is an error."""
    try:
        with tarfile.open(bundle, "r:gz") as archive:
            names = sorted(m.name.lstrip("/") for m in archive.getmembers() if m.isfile())
            member = archive.extractfile("/.manifest") or archive.extractfile(".manifest")
            manifest = json.loads(member.read()) if member is not None else {}
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise PolicyError(f"bundle {bundle}: cannot read it: {exc}") from exc
    tests = [n for n in names if n.endswith("_test.rego")]
    if tests:
        raise PolicyError(f"bundle {bundle}: holds test modules {tests}")
    return BundleInfo(
        path=bundle,
        revision=str(manifest.get("revision", "")),
        manifest=manifest,
        files=tuple(names),
        sha256=hashlib.sha256(bundle.read_bytes()).hexdigest(),
        signed=".signatures.json" in names,
    )


def _run_opa(command: list[str], cwd: Path, what: str) -> None:
    run_opa_tool(command, cwd, what, f"{what} refused")
