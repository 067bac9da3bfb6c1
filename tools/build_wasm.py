"""Rebuild the shipped Wasm policy from ``rego/`` with the pinned OPA, or check it.

    python3 -m tools.build_wasm            # write gatekeeper/policy/_compiled/*
    python3 -m tools.build_wasm --check    # exit 1 when the shipped files differ

The build is byte-identical from run to run (same modules, same OPA), so CI runs
``--check``: the shipped ``policy.wasm`` and ``manifest.json`` must be exactly
what the sources build.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from gatekeeper.engines._wasm_policy import (
    IDENTITY_ENTRYPOINT,
    SHIPPED_MANIFEST,
    SHIPPED_WASM,
    build_wasm,
)
from gatekeeper.models._exceptions import GatekeeperError
from gatekeeper.policy._files import ENTRYPOINT, load_policy_set, modules_digest
from gatekeeper.policy._opa_tool import find_opa_binary, opa_version

PINNED_OPA_VERSION = "1.22.2"
SOURCE_DIR = Path(__file__).resolve().parents[1] / "rego"


def build(policy_dir: Path, opa_binary: str | None) -> tuple[bytes, bytes]:
    """The Wasm and the manifest (JSON bytes) built from ``policy_dir``'s modules."""
    binary = find_opa_binary(opa_binary)
    version = opa_version(binary).removeprefix("opa ")
    if version != PINNED_OPA_VERSION:
        raise GatekeeperError(
            f"opa {version} at {binary}: the shipped policy is built with opa {PINNED_OPA_VERSION}"
        )
    modules = load_policy_set(policy_dir).modules
    wasm = build_wasm(modules, binary)
    manifest = {
        "entrypoint": ENTRYPOINT,
        "identity_entrypoint": IDENTITY_ENTRYPOINT,
        "modules": len(modules),
        "modules_sha256": modules_digest(modules),
        "opa_version": version,
        "wasm_sha256": hashlib.sha256(wasm).hexdigest(),
    }
    return wasm, (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write the shipped build, or with ``--check`` compare it with a fresh one."""
    parser = argparse.ArgumentParser(prog="python3 -m tools.build_wasm")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--policy-dir", type=Path, default=SOURCE_DIR)
    parser.add_argument("--opa-binary")
    args = parser.parse_args(argv)
    try:
        wasm, manifest = build(args.policy_dir, args.opa_binary)
    except GatekeeperError as exc:
        print(f"build_wasm: {exc}", file=sys.stderr)
        return 2
    targets = ((SHIPPED_WASM, wasm), (SHIPPED_MANIFEST, manifest))
    if args.check:
        stale = [path.name for path, content in targets if _read(path) != content]
        if stale:
            print(
                f"build_wasm: {', '.join(stale)} differ from what rego/ builds: "
                "run python3 -m tools.build_wasm and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"build_wasm: the shipped Wasm policy matches rego/ ({len(wasm)} bytes)")
        return 0
    SHIPPED_WASM.parent.mkdir(parents=True, exist_ok=True)
    for path, content in targets:
        path.write_bytes(content)
    print(f"build_wasm: wrote {SHIPPED_WASM.name} ({len(wasm)} bytes) and {SHIPPED_MANIFEST.name}")
    return 0


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
