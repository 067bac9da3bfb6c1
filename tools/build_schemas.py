"""Write the input schemas that ``gatekeeper check`` validates against without pydantic.

``python -m tools.build_schemas`` regenerates
``gatekeeper/models/input-schemas.json`` from the input models, and compiles each
schema with fastjsonschema into ``gatekeeper/models/_shapes/<gate>[_<profile>].py``
(a module defining ``validate(document)``); ``--check`` exits 1 when a shipped
file differs from what the models generate (a CI step).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import fastjsonschema

from gatekeeper.models._contract import GATES, ROLLOUT_PROFILE_NAMES
from gatekeeper.models._schema import input_schema
from gatekeeper.models._shape import SCHEMA_FILE, SHIPPED_SCHEMAS, shape_module
from gatekeeper.models._validate import schema_id

SHIPPED = SHIPPED_SCHEMAS
SHAPES = SHIPPED.with_name("_shapes")
_SHAPES_INIT = (
    '"""The input schemas compiled by fastjsonschema: one module per schema, each with\n'
    "``validate(document)``. Written by ``python -m tools.build_schemas``; do not edit.\n"
    '"""\n'
)


def generated_schemas() -> dict[str, Any]:
    """Every gate's schema (one per rollout profile), by ``$id``."""
    schemas: dict[str, Any] = {}
    for gate in GATES:
        profiles: tuple[str | None, ...] = ROLLOUT_PROFILE_NAMES if gate == "rollout" else (None,)
        for profile in profiles:
            schemas[schema_id(gate, profile)] = input_schema(gate, profile)
    return schemas


def schema_text() -> str:
    """The text of the schema file, byte-stable from run to run."""
    return json.dumps(generated_schemas(), indent=1, ensure_ascii=False) + "\n"


def validator_code(schema: dict[str, Any]) -> str:
    """The Python module fastjsonschema compiles ``schema`` to, ending in ``validate``."""
    code = fastjsonschema.compile_to_code(schema, use_default=False, use_formats=False)
    entry = code.split("def ", 1)[1].split("(", 1)[0]
    return (
        f"# Written by python -m tools.build_schemas from {SCHEMA_FILE}"
        f" ({schema['$id']}); do not edit.\n"
        f"{code.rstrip()}\n\n\nvalidate = {entry}\n"
    )


def shipped_files() -> dict[Path, str]:
    """Every generated file and its text."""
    schemas = generated_schemas()
    files = {SHIPPED: json.dumps(schemas, indent=1, ensure_ascii=False) + "\n"}
    files[SHAPES / "__init__.py"] = _SHAPES_INIT
    for identity, schema in schemas.items():
        files[SHAPES / f"{shape_module(identity)}.py"] = validator_code(schema)
    return files


def main(argv: list[str] | None = None) -> int:
    """Write the schema file and validators, or with ``--check`` compare them with the models."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a shipped file is stale")
    args = parser.parse_args(argv)
    files = shipped_files()
    stray = sorted(set(SHAPES.glob("*.py")) - set(files)) if SHAPES.is_dir() else []
    if args.check:
        stale = [path for path, text in files.items() if _read(path) != text] + stray
        for path in stale:
            print(
                f"{path.name} differs from the input models: run python -m tools.build_schemas",
                file=sys.stderr,
            )
        if stale:
            return 1
        print(f"{SCHEMA_FILE} and its {len(files) - 2} validators match the input models")
        return 0
    SHAPES.mkdir(exist_ok=True)
    for path in stray:
        path.unlink()
    for path, text in files.items():
        path.write_text(text, "utf-8")
    print(f"wrote {SCHEMA_FILE} and {len(files) - 2} validators under {SHAPES.name}/")
    return 0


def _read(path: Path) -> str:
    return path.read_text("utf-8") if path.exists() else ""


if __name__ == "__main__":
    sys.exit(main())
