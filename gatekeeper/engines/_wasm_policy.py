"""Which Wasm policy the embedded engine runs, and building one with ``opa build -t wasm``.

gatekeeper ships the Wasm build of its own ``rego/`` (``gatekeeper/policy/_compiled/policy.wasm``)
with a manifest naming the sha256 of the modules it was built from, the OPA
version and the Wasm's own sha256. A policy folder whose modules have that
digest runs the shipped file (after checking its sha256). Any other policy
folder is compiled with ``opa`` and the result cached by the modules' digest;
without ``opa`` that is a :class:`PolicyError` naming the remedy.

Only the modules (``*.rego`` without ``*_test.rego``) go into the build: data
(thresholds, roster, ``--data`` files) is given to the module at run time, so
changing data never needs a rebuild. The build runs in an empty temporary
folder with the modules below ``rego/``, so its output depends only on the
modules and the OPA version: byte-identical from run to run.

Every build also compiles one generated module, never written to ``rego/``::

    package gatekeeper_build
    modules_sha256 := "<modules_digest() of the modules built>"

exposed as the entrypoint :data:`IDENTITY_ENTRYPOINT`. The embedded engine
evaluates it after loading a module (shipped, cached or fresh) and before any
decision, and refuses a module whose answer is not the digest of the policy
folder's modules (docs/security.md, "A compiled policy proves what it is").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from gatekeeper.engines import _wasm_cache
from gatekeeper.models._exceptions import EngineError, PolicyError
from gatekeeper.policy._files import ENTRYPOINT, modules_digest

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "policy" / "_compiled"
SHIPPED_WASM = SHIPPED_DIR / "policy.wasm"
SHIPPED_MANIFEST = SHIPPED_DIR / "manifest.json"
IDENTITY_PACKAGE = "gatekeeper_build"
IDENTITY_ENTRYPOINT = f"{IDENTITY_PACKAGE}/modules_sha256"
"""The entrypoint every build answers with the sha256 of the modules it was built from."""
_BUILD_FORMAT = "identity-1"
"""Part of a built Wasm's cache name: builds without the identity entrypoint are not found."""


class WasmSource(NamedTuple):
    """The Wasm bytes to run, where they came from, and the modules' digest they must prove.

    ``location`` is the file the Wasm was read from (the shipped file or a cache
    entry), None for a fresh ``opa`` build.
    """

    wasm: bytes
    opa_version: str
    origin: str
    modules_sha256: str
    location: Path | None = None


def read_manifest() -> dict[str, str] | None:
    """The shipped build's manifest, or None when the package carries no build."""
    try:
        document = json.loads(SHIPPED_MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def policy_wasm(modules: Mapping[str, str], opa_binary: str | None) -> WasmSource:
    """The Wasm build of ``modules``: the shipped one, a cached one, or a fresh ``opa`` build."""
    digest = modules_digest(modules)
    manifest = read_manifest()
    if manifest is not None and manifest.get("modules_sha256") == digest:
        return _shipped(manifest, digest)
    cache_path = _wasm_cache.cache_dir() / "wasm" / f"{digest}.{_BUILD_FORMAT}.wasm"
    cached = _wasm_cache.read_entry(cache_path)
    if cached is not None and b"\n" in cached:
        stamp, _, built = cached.partition(b"\n")
        version = stamp.decode("utf-8", "replace")
        return WasmSource(built, version, "built from the policy folder", digest, cache_path)
    binary = _require_opa(opa_binary)
    from gatekeeper.policy._opa_tool import opa_version

    version = opa_version(binary).removeprefix("opa ")
    wasm = build_wasm(modules, binary)
    _wasm_cache.write_entry(cache_path, version.encode("utf-8") + b"\n" + wasm)
    return WasmSource(wasm, version, "built from the policy folder", digest)


def _shipped(manifest: Mapping[str, str], digest: str) -> WasmSource:
    try:
        wasm = SHIPPED_WASM.read_bytes()
    except OSError as exc:
        raise PolicyError(f"embedded: the shipped Wasm policy cannot be read: {exc}") from exc
    if hashlib.sha256(wasm).hexdigest() != manifest.get("wasm_sha256"):
        raise PolicyError(
            f"embedded: the shipped Wasm policy {SHIPPED_WASM.name} does not match its manifest "
            "(damaged install?): reinstall gatekeeper"
        )
    version = str(manifest.get("opa_version", "unknown"))
    return WasmSource(wasm, version, "shipped", digest, SHIPPED_WASM)


def _require_opa(opa_binary: str | None) -> str:
    from gatekeeper.policy._opa_tool import find_opa_binary

    try:
        return find_opa_binary(opa_binary)
    except EngineError as exc:
        raise PolicyError(
            "embedded: the policy folder's modules differ from the policy built into "
            "gatekeeper, and compiling them to Wasm needs the opa binary: install opa "
            "(https://www.openpolicyagent.org/docs/#running-opa) or point --opa-binary / "
            f"$GATEKEEPER_OPA at it, or run the shipped policy (no --policy-dir). ({exc})"
        ) from exc


def build_wasm(modules: Mapping[str, str], opa_binary: str) -> bytes:
    """``opa build -t wasm`` over ``modules`` and their :func:`identity_module` only.

    Entrypoints: the decision, then :data:`IDENTITY_ENTRYPOINT`.
    """
    import tempfile

    from gatekeeper.policy._opa_tool import run_opa_tool

    with tempfile.TemporaryDirectory(prefix="gatekeeper-wasm-") as folder:
        root = Path(folder)
        generated = {f"build/{IDENTITY_PACKAGE}.rego": identity_module(modules_digest(modules))}
        for name, source in [*((f"rego/{n}", s) for n, s in modules.items()), *generated.items()]:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source, encoding="utf-8")
        bundle = root / "bundle.tar.gz"
        entrypoints = ["-e", ENTRYPOINT, "-e", IDENTITY_ENTRYPOINT]
        command = [opa_binary, "build", "-t", "wasm", *entrypoints, "rego", "build"]
        command += ["-o", bundle.name]
        run_opa_tool(command, root, "embedded: opa build -t wasm", "embedded: policy compile error")
        return _wasm_from_bundle(bundle.read_bytes())


def identity_module(digest: str) -> str:
    """The generated module that makes a build answer which modules it was built from."""
    return (
        "# Generated by gatekeeper for its Wasm build only (docs/security.md,\n"
        '# "A compiled policy proves what it is"): the sha256 of the modules built.\n'
        f"package {IDENTITY_PACKAGE}\n\n"
        f'modules_sha256 := "{digest}"\n'
    )


def _wasm_from_bundle(bundle: bytes) -> bytes:
    import io
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(bundle), mode="r:gz") as archive:
        for member in archive.getmembers():
            if member.name.lstrip("/") == "policy.wasm":
                extracted = archive.extractfile(member)
                if extracted is not None:
                    return extracted.read()
    raise PolicyError("embedded: opa build produced no policy.wasm")
