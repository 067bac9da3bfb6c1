"""Write the input schemas that ``gatekeeper check`` validates against without pydantic.

``python -m tools.build_schemas`` regenerates
``gatekeeper/models/input-schemas.json`` from the input models, and compiles the
schemas with fastjsonschema into one module per gate under
``gatekeeper/models/_shapes/`` (each with ``VALIDATORS``, ``{schema id: validate}``);
``--check`` exits 1 when a shipped file differs from what the models generate (a CI
step). fastjsonschema is needed here only: the modules it writes import nothing but
``gatekeeper.models._exceptions.ShapeRefused``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import fastjsonschema

from gatekeeper.models._contract import GATES, ROLLOUT_PROFILE_NAMES
from gatekeeper.models._schema import JSON_SCHEMA_DIALECT, input_schema
from gatekeeper.models._shape import SCHEMA_FILE, SCHEMA_ID_PREFIX, SHIPPED_SCHEMAS, shape_module
from gatekeeper.models._validate import schema_id

SHIPPED = SHIPPED_SCHEMAS
SHAPES = SHIPPED.with_name("_shapes")
_SHAPES_INIT = '''\
"""The input schemas compiled by fastjsonschema: one module per gate, each with
``VALIDATORS``, ``{schema id: validate}``. Written by ``python -m tools.build_schemas``;
do not edit.
"""
'''
_IMPORTS = {
    "from decimal import Decimal": "",
    "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException": (
        "from gatekeeper.models._exceptions import ShapeRefused as JsonSchemaValueException\n"
        "from gatekeeper.models._exceptions import ShapeRefused as JsonSchemaValuesException"
    ),
}
"""fastjsonschema's imports and what the shipped modules import instead."""
_SHARED = "RolloutShared"
"""The ``$def`` holding the root fields every rollout profile has alike."""


def generated_schemas() -> dict[str, Any]:
    """Every gate's schema (one per rollout profile), by ``$id``."""
    schemas: dict[str, Any] = {}
    for gate in GATES:
        profiles: tuple[str | None, ...] = ROLLOUT_PROFILE_NAMES if gate == "rollout" else (None,)
        for profile in profiles:
            schemas[schema_id(gate, profile)] = input_schema(gate, profile)
    return schemas


def _enum_for_const(node: Any) -> Any:
    """``node`` with every ``const`` written as an ``enum`` of that value (the same test):
    fastjsonschema 2.22 fails to compile ``const`` without detailed exceptions."""
    if isinstance(node, list):
        return [_enum_for_const(item) for item in node]
    if not isinstance(node, dict):
        return node
    done = {key: _enum_for_const(value) for key, value in node.items() if key != "const"}
    if "const" in node:
        done["enum"] = [node["const"]]
    return done


def _entry(identity: str) -> str:
    """The ``$def`` name of a rollout profile's root (``rollout_decision_matrix``)."""
    return identity.removeprefix(f"{SCHEMA_ID_PREFIX}:").replace(":", "_").replace("-", "_")


def rollout_schema(schemas: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The rollout profiles' schemas as one, and each profile's ``$def`` by schema id.

    Their ``$defs`` go together (a part two profiles share is compiled once), each
    profile's root becomes a ``$def``, and the root fields every profile has alike move
    to one ``$def`` that each root refers to (``allOf``: the same test while roots allow
    other keys). The root refers to every profile only so that fastjsonschema writes
    each one's function; nothing calls it.
    """
    defs: dict[str, Any] = {}
    roots: dict[str, dict[str, Any]] = {}
    for identity, schema in schemas.items():
        for name, part in schema.get("$defs", {}).items():
            if defs.setdefault(name, part) != part:
                raise SystemExit(f"$defs/{name} differs between rollout profiles")
        root = {key: value for key, value in schema.items() if not key.startswith("$")}
        if root.get("additionalProperties", True) is not True or "allOf" in root:
            raise SystemExit(f"{identity}: shared fields need a root that allows other keys")
        roots[identity] = root
    first, *others = roots.values()
    shared = {
        name: part
        for name, part in first["properties"].items()
        if all(other["properties"].get(name) == part for other in others)
    }
    entries: dict[str, str] = {}
    for identity, root in roots.items():
        root["properties"] = {
            name: part for name, part in root["properties"].items() if name not in shared
        }
        root["allOf"] = [{"$ref": f"#/$defs/{_SHARED}"}]
        entries[identity] = _entry(identity)
        defs[entries[identity]] = root
    defs[_SHARED] = {"properties": shared}
    schema = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": schema_id("rollout"),
        "$defs": defs,
        "allOf": [{"$ref": f"#/$defs/{entry}"} for entry in entries.values()],
    }
    return schema, entries


def validator_code(schema: dict[str, Any], entries: dict[str, str] | None = None) -> str:
    """The Python module fastjsonschema compiles ``schema`` to, ending in ``VALIDATORS``.

    ``entries`` names the ``$def`` of each schema id; without it the module validates
    ``schema`` itself. The module imports nothing outside the package: the compiled
    check sees ``int`` and ``float`` only (``gatekeeper.models._shape`` turns every
    ``Decimal`` into the float the models compare), so ``Decimal`` drops out of it.
    """
    code = fastjsonschema.compile_to_code(
        _enum_for_const(schema), use_default=False, use_formats=False, detailed_exceptions=False
    )
    head, body = code.split("\n\n\n", 1)
    lines = [_IMPORTS.get(line, line) for line in head.splitlines()]
    body = body.replace(", Decimal)", ")")
    if any(line.startswith(("import", "from")) and "gatekeeper" not in line for line in lines):
        raise SystemExit(f"{schema['$id']}: the compiled code imports {head!r}")
    if "Decimal" in body:
        raise SystemExit(f"{schema['$id']}: the compiled code still uses Decimal")
    if entries is None:
        entries = {schema["$id"]: body.split("def ", 1)[1].split("(", 1)[0]}
    else:
        entries = {identity: f"validate____defs_{entry}" for identity, entry in entries.items()}
    missing = [name for name in entries.values() if f"\ndef {name}(" not in body]
    if missing:
        raise SystemExit(f"{schema['$id']}: no function {', '.join(missing)} in the compiled code")
    table = "".join(f"    {identity!r}: {name},\n" for identity, name in entries.items())
    return (
        f"# Written by python -m tools.build_schemas from {SCHEMA_FILE}; do not edit.\n"
        + "\n".join(line for line in lines if line)
        + f"\n\n\n{body.rstrip()}\n\n\nVALIDATORS = {{\n{table}}}\n"
    )


def shipped_files() -> dict[Path, str]:
    """Every generated file and its text."""
    schemas = generated_schemas()
    files = {SHIPPED: json.dumps(schemas, indent=1, ensure_ascii=False) + "\n"}
    files[SHAPES / "__init__.py"] = _SHAPES_INIT
    rollout = {key: value for key, value in schemas.items() if shape_module(key) == "rollout"}
    for identity, schema in schemas.items():
        if identity not in rollout:
            files[SHAPES / f"{shape_module(identity)}.py"] = validator_code(schema)
    files[SHAPES / "rollout.py"] = validator_code(*rollout_schema(rollout))
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
        print(f"{SCHEMA_FILE} and its {len(files) - 2} validator modules match the input models")
        return 0
    SHAPES.mkdir(exist_ok=True)
    for path in stray:
        path.unlink()
    for path, text in files.items():
        path.write_text(text, "utf-8")
    print(f"wrote {SCHEMA_FILE} and {len(files) - 2} validator modules under {SHAPES.name}/")
    return 0


def _read(path: Path) -> str:
    return path.read_text("utf-8") if path.exists() else ""


if __name__ == "__main__":
    sys.exit(main())
