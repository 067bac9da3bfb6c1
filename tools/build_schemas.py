"""Write the input schemas that ``gatekeeper check`` validates against without pydantic.

``python -m tools.build_schemas`` regenerates
``gatekeeper/models/input-schemas.json`` from the input models; ``--check`` exits 1
when the shipped file differs from what the models generate (a CI step).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from gatekeeper.models._contract import GATES, ROLLOUT_PROFILE_NAMES
from gatekeeper.models._precheck import SCHEMA_FILE, SHIPPED_SCHEMAS
from gatekeeper.models._schema import input_schema
from gatekeeper.models._validate import schema_id

SHIPPED = SHIPPED_SCHEMAS


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


def main(argv: list[str] | None = None) -> int:
    """Write the schema file, or with ``--check`` compare it with the models."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file is stale")
    args = parser.parse_args(argv)
    text = schema_text()
    if args.check:
        shipped = SHIPPED.read_text("utf-8") if SHIPPED.exists() else ""
        if shipped != text:
            print(
                f"{SCHEMA_FILE} differs from the input models: run python -m tools.build_schemas",
                file=sys.stderr,
            )
            return 1
        print(f"{SCHEMA_FILE} matches the input models")
        return 0
    SHIPPED.write_text(text, "utf-8")
    print(f"wrote {SCHEMA_FILE} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
