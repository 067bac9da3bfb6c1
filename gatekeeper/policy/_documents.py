"""Policy data documents: one file read (JSON or YAML), documents merged as OPA merges them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gatekeeper.models._exceptions import PolicyError


def read_data_file(path: Path) -> Any:
    """Parse one JSON or YAML data file, naming the file in any error."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"data file {path}: {exc.strerror or exc}") from exc
    try:
        if path.suffix in (".yaml", ".yml"):
            import yaml

            return yaml.safe_load(text)
        return json.loads(text)
    except ValueError as exc:
        raise PolicyError(f"data file {path}: not valid JSON/YAML: {exc}") from exc


def merge_documents(target: dict[str, Any], source: Mapping[str, Any], where: str) -> None:
    """Deep-merge ``source`` into ``target``; a leaf defined twice is a conflict, as in OPA."""
    for key, value in source.items():
        if key in target:
            if isinstance(target[key], dict) and isinstance(value, Mapping):
                merge_documents(target[key], value, f"{where}.{key}")
                continue
            raise PolicyError(f"data conflict: {where}.{key} is defined twice")
        target[key] = json.loads(json.dumps(value)) if isinstance(value, Mapping) else value
