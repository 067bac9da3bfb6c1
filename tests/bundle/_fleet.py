"""Helpers of the bundle tests: key pairs, an OPA server handle, a fleet member's config."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx


@dataclass(frozen=True)
class KeyPair:
    private: Path
    public: Path


@dataclass
class OpaServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def status(self) -> dict[str, Any]:
        response = httpx.get(f"{self.url}/v1/status", timeout=5)
        response.raise_for_status()
        result: dict[str, Any] = response.json()["result"]
        return result

    def bundle_status(self, name: str = "gatekeeper") -> dict[str, Any]:
        bundles: dict[str, Any] = self.status().get("bundles", {})
        return dict(bundles.get(name, {}))

    def healthy(self) -> bool:
        return httpx.get(f"{self.url}/health?bundles", timeout=5).status_code == 200


def opa_config(bundle_url: str, resource: str, public_key: Path | None) -> dict[str, Any]:
    """The OPA configuration of a fleet member: bundle service, bundle, keys, status."""
    bundle: dict[str, Any] = {
        "service": "bundle_service",
        "resource": resource,
        "polling": {"min_delay_seconds": 1, "max_delay_seconds": 2},
    }
    config: dict[str, Any] = {
        "services": {"bundle_service": {"url": bundle_url}},
        "bundles": {"gatekeeper": bundle},
        "status": {"console": True},
    }
    if public_key is not None:
        bundle["signing"] = {"keyid": "gatekeeper"}
        config["keys"] = {
            "gatekeeper": {"algorithm": "RS256", "key": public_key.read_text("utf-8")}
        }
    return config
