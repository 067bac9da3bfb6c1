"""The fast input check never vouches for an input the pydantic models refuse.

``validate_input`` trusts the shipped-schema check (``gatekeeper.models._shape``,
the schemas compiled by fastjsonschema) when it says "valid" and asks the models
otherwise. These tests hold the check to
that: on every scenario file, and on inputs generated from the schemas themselves
with values at, next to and beyond every bound, of every wrong type, null, as
exact decimals, with unknown and misspelt keys.
"""

from __future__ import annotations

import ast
import json
import math
import os
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from gatekeeper.check._input import unwrap
from gatekeeper.models import input_model, resolve_gate, resolve_profile, schema_id
from gatekeeper.models._contract import GATES, ROLLOUT_PROFILE_NAMES
from gatekeeper.models._exceptions import InputError
from gatekeeper.models._jsontext import loads_exact
from gatekeeper.models._shape import conforms, field_notes, shipped_schemas, validator
from gatekeeper.models._types import _as_float
from gatekeeper.models._validate import SCHEMA_ID_PREFIX
from tools.build_schemas import shipped_files

REPO = Path(__file__).resolve().parents[2]
SCHEMA_IDS = [schema_id(gate) for gate in GATES if gate != "rollout"] + [
    schema_id("rollout", profile) for profile in ROLLOUT_PROFILE_NAMES
]


def _models_accept(document: dict[str, Any], gate: str, profile: str | None) -> bool:
    try:
        input_model(gate, profile).model_validate(dict(document))
    except ValidationError:
        return False
    return True


def _fast_accepts(document: dict[str, Any], gate: str, profile: str | None) -> bool:
    fast = conforms(schema_id(gate, profile), document)
    assert fast is not None
    return fast


def _only_stricter(document: Any) -> bool:
    """Whether ``document`` holds a value the fast check leaves to the models on purpose."""
    if isinstance(document, dict):
        return any(_only_stricter(value) for value in document.values())
    if isinstance(document, list):
        return any(_only_stricter(value) for value in document)
    if isinstance(document, int) and not isinstance(document, bool):
        return abs(document) > 2**53
    return isinstance(document, float | Decimal) and float(document).is_integer()


def test_success_shipped_schemas_and_validators_are_what_the_models_generate() -> None:
    for path, text in shipped_files().items():
        assert path.read_text("utf-8") == text, f"{path.name}: run python -m tools.build_schemas"
    assert sorted(shipped_schemas()) == sorted(SCHEMA_IDS)


@pytest.mark.parametrize("identity", SCHEMA_IDS)
def test_success_every_shipped_schema_has_its_validator(identity: str) -> None:
    assert validator(identity) is not None


def test_success_compiled_validators_import_only_the_packages_exception() -> None:
    """fastjsonschema writes the validators at build time; they import nothing of it (nor
    ``decimal``: the check sees the floats the models compare)."""
    shapes = REPO / "gatekeeper" / "models" / "_shapes"
    imported = set()
    for path in shapes.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported.add(str(node.module))
    assert imported == {"gatekeeper.models._exceptions"}


def test_success_checking_inputs_imports_no_fastjsonschema() -> None:
    """Every gate's valid example is vouched for by its compiled validator in a fresh
    process that never imports fastjsonschema (a build tool, not a core dependency)."""
    code = (
        "import sys\n"
        "from gatekeeper.models._examples import (\n"
        "    APPROVAL_EXAMPLE, PROMOTION_EXAMPLE, ROLLOUT_EXAMPLE,\n"
        ")\n"
        "from gatekeeper.models._shape import conforms\n"
        "from gatekeeper.models._validate import resolve_gate, resolve_profile, schema_id\n"
        "for doc in (APPROVAL_EXAMPLE, PROMOTION_EXAMPLE, ROLLOUT_EXAMPLE):\n"
        "    gate = resolve_gate(doc)\n"
        "    profile = resolve_profile(doc) if gate == 'rollout' else None\n"
        "    assert conforms(schema_id(gate, profile), doc) is True, gate\n"
        "print(sorted(m for m in ('fastjsonschema', 'pydantic') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_success_fastjsonschema_is_a_build_tool_not_a_core_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert not [d for d in project["dependencies"] if d.startswith("fastjsonschema")]
    assert [d for d in project["optional-dependencies"]["test"] if d.startswith("fastjsonschema")]


def test_fail_unknown_schema_has_no_validator_and_is_left_to_the_models() -> None:
    assert validator(f"{SCHEMA_ID_PREFIX}:nothing") is None
    assert conforms(f"{SCHEMA_ID_PREFIX}:nothing", {}) is None
    assert validator(f"{SCHEMA_ID_PREFIX}:rollout:nothing") is None


@pytest.mark.parametrize(
    "value",
    [2**53 + 1, -(2**53) - 1, Decimal("1e400"), Decimal("3"), Decimal("0.5000000000000000001e1")],
)
def test_fail_numbers_the_models_judge_themselves_are_left_to_them(value: Any) -> None:
    document = {"gate": "approval", "request": {"id": value}}
    assert conforms(schema_id("approval"), document) is False


def _scenario_documents() -> list[tuple[str, Any]]:
    found = []
    for path in sorted((REPO / "scenarios").rglob("*.json")):
        try:
            found.append((str(path.relative_to(REPO)), unwrap(loads_exact(path.read_text()))))
        except (ValueError, InputError):
            continue  # unreadable on purpose: refused before any validation
    return found


def _gate_and_profile(document: dict[str, Any]) -> tuple[str, str | None] | None:
    try:
        gate = resolve_gate(document)
        return gate, resolve_profile(document) if gate == "rollout" else None
    except InputError:
        return None


def test_success_scenarios_fast_check_agrees_with_models() -> None:
    compared = 0
    for name, document in _scenario_documents():
        rule_set = _gate_and_profile(document)
        if rule_set is None:
            continue
        fast = _fast_accepts(document, *rule_set)
        models = _models_accept(document, *rule_set)
        assert fast == models or (models and _only_stricter(document)), name
        compared += 1
    assert compared > 100


# --- inputs generated from the schemas ------------------------------------------------


def _bounds(schema: dict[str, Any]) -> list[float]:
    values = []
    for key in ("minimum", "exclusiveMinimum", "maximum"):
        if key in schema:
            bound = float(schema[key])
            values += [bound, math.nextafter(bound, math.inf), math.nextafter(bound, -math.inf)]
    return values or [0.0, -1.0, 1.0]


WRONG = st.sampled_from([None, "0.5", True, False, [], {}, "x", 2**60, -(2**60), 1.5])


def _value(schema: dict[str, Any], defs: dict[str, Any], depth: int = 0) -> Any:
    """A strategy of mostly schema-shaped values with wrong ones mixed in."""
    if "$ref" in schema:
        return _value(defs[schema["$ref"].removeprefix("#/$defs/")], defs, depth)
    kind = schema.get("type")
    right: st.SearchStrategy[Any]
    if "enum" in schema or "const" in schema:
        choices = schema.get("enum", [schema.get("const")])
        right = st.sampled_from([*choices, f"{choices[0]}x", choices[0].upper()])
    elif kind in ("number", "integer"):
        near = _bounds(schema)
        plain = st.one_of(
            st.sampled_from(near),
            st.floats(min_value=-2.0, max_value=200.0, allow_nan=False),
            st.integers(-3, 150),
        )
        right = st.one_of(plain, plain.map(lambda v: Decimal(repr(v))))
        if kind == "integer":
            right = st.one_of(right, st.integers(0, 10).map(float))
    elif kind == "string":
        right = st.text(max_size=4)
    elif kind == "boolean":
        right = st.booleans()
    elif kind == "array":
        right = st.lists(_value(schema["items"], defs, depth + 1), max_size=4)
    elif kind == "object" and depth < 4:
        right = _object(schema, defs, depth)
    else:
        right = st.just({})
    return st.one_of(right, right, right, WRONG)


def _object(schema: dict[str, Any], defs: dict[str, Any], depth: int) -> Any:
    properties = schema.get("properties", {})
    fields = {
        name: _value(child, defs, depth + 1)
        for name, child in properties.items()
        if name not in ("gate", "profile")
    }
    base = st.fixed_dictionaries({}, optional=fields)
    extra = schema.get("additionalProperties", True)
    if isinstance(extra, dict):
        base = st.dictionaries(st.text(min_size=1, max_size=3), _value(extra, defs, depth + 1))
    near_names = [name[:-1] for name in properties] + ["note", "eror_rate"]
    unknown = st.dictionaries(st.sampled_from(near_names or ["x"]), WRONG, max_size=2)
    return st.tuples(base, unknown).map(lambda pair: {**pair[1], **pair[0]})


def _documents(identity: str) -> Any:
    schema = shipped_schemas()[identity]
    parts = identity.removeprefix(f"{SCHEMA_ID_PREFIX}:").split(":")
    fixed = {"gate": parts[0]}
    if len(parts) == 2:
        fixed["profile"] = parts[1]
    body = _object(schema, schema.get("$defs", {}), 0)
    return body.map(lambda document: {**document, **fixed})


@settings(
    max_examples=int(os.environ.get("GATEKEEPER_PRECHECK_EXAMPLES", "300")),
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data(), identity=st.sampled_from(SCHEMA_IDS))
def test_success_fast_check_never_accepts_what_models_refuse(
    data: st.DataObject, identity: str
) -> None:
    document = data.draw(_documents(identity))
    rule_set = _gate_and_profile(document)
    assert rule_set is not None
    fast = _fast_accepts(document, *rule_set)
    models = _models_accept(document, *rule_set)
    if fast:
        assert models, json.dumps(_as_float(document), default=str)
    elif models:
        assert _only_stricter(document), json.dumps(_as_float(document), default=str)


def test_success_misspelt_field_gets_a_note_from_the_schema() -> None:
    document = {"gate": "rollout", "canary": {"eror_rate": [0.1], "shards": {"a": {"cpus": []}}}}
    assert list(field_notes(schema_id("rollout", "decision-matrix"), document)) == [
        "canary.eror_rate is not a known field (did you mean canary.error_rate?); "
        "canary.error_rate counts as missing evidence",
        "canary.shards.a.cpus is not a known field (did you mean canary.shards.a.cpu?); "
        "canary.shards.a.cpu counts as missing evidence",
    ]
