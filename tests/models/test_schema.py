"""JSON Schemas from the models: valid, agreeing with the validator, and documented."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from _input_examples import APPROVAL, PROFILES, PROMOTION, ROLLOUT

from gatekeeper.cli._main import main
from gatekeeper.models import ROLLOUT_PROFILES, input_schema, validate_input
from gatekeeper.models._exceptions import InputError
from tools.input_docs import render_inputs_markdown, update_readme

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("gate", "document"),
    [
        ("promotion", PROMOTION),
        ("rollout", ROLLOUT),
        ("approval", APPROVAL),
        *[("rollout", document) for document in PROFILES.values()],
    ],
)
def test_success_examples_validate_against_the_schema(gate: str, document: dict[str, Any]) -> None:
    schema = input_schema(gate)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


@pytest.mark.parametrize("profile", list(ROLLOUT_PROFILES))
def test_success_each_profile_schema_is_valid(profile: str) -> None:
    jsonschema.Draft202012Validator.check_schema(input_schema("rollout", profile))


@pytest.mark.parametrize(
    ("path", "value"),
    [(("phase_percent",), 0), (("canary", "error_rate"), [1.5]), (("canary", "ndcg_at_10"), None)],
)
def test_fail_schema_rejects_what_the_validator_rejects(path: tuple[str, ...], value: Any) -> None:
    document = copy.deepcopy(ROLLOUT)
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    validator = jsonschema.Draft202012Validator(input_schema("rollout", "decision-matrix"))
    assert list(validator.iter_errors(document))


def test_success_schema_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "approval"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["trigger_type"]["enum"][0] == "automated"
    assert main(["schema", "rollout", "--profile", "blue-green"]) == 0
    assert "post_rollback" in json.loads(capsys.readouterr().out)["properties"]


def test_fail_schema_command_unknown_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "rollout", "--profile", "nope"]) == 2
    assert "unknown rollout profile 'nope'" in capsys.readouterr().err


def test_success_docs_inputs_md_is_up_to_date() -> None:
    written = (REPO / "docs" / "inputs.md").read_text(encoding="utf-8")
    assert written == render_inputs_markdown(), (
        "docs/inputs.md is stale: python -m tools.input_docs > docs/inputs.md"
    )


def test_success_every_model_field_is_documented() -> None:
    text = render_inputs_markdown()
    for field in ("canary.shards.<name>.cpu", "versions[].was_production", "post_rollback.health"):
        assert f"| {field} |" in text


def test_success_readme_input_reference_is_up_to_date() -> None:
    written = (REPO / "README.md").read_text(encoding="utf-8")
    assert written == update_readme(written), (
        "README's input reference is stale: python -m tools.input_docs --readme"
    )


SCENARIOS = sorted((REPO / "scenarios").rglob("*.json"))


def _unwrapped(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text())
    inner = document.get("input", document) if isinstance(document, dict) else document
    assert isinstance(inner, dict)
    return inner


@pytest.mark.parametrize(
    "path",
    [p for p in SCENARIOS if p.name != "roster.json"],
    ids=lambda p: p.parent.name + "/" + p.stem,
)
def test_success_schema_and_cli_agree_on_every_scenario(path: Path) -> None:
    document = _unwrapped(path)
    gate = document.get("gate", "promotion")
    errors = list(jsonschema.Draft202012Validator(input_schema(gate)).iter_errors(document))
    try:
        validate_input(document)
    except InputError as exc:
        assert errors, f"the CLI refuses ({exc}) but the schema accepts"
    else:
        assert not errors, [error.message for error in errors]


@pytest.mark.parametrize(
    ("gate", "document", "message"),
    [
        ("promotion", {}, "'gate' is a required property"),
        ("promotion", {"version": {"state": "production"}}, "'gate' is a required property"),
        ("rollout", {"gate": "rollout", "profile": "nope"}, "'nope' is not one of"),
        ("rollout", {"profile": "gray-scale"}, "'gate' is a required property"),
        ("approval", {"gate": "approval", "decision": "maybe"}, "'maybe' is not one of"),
    ],
)
def test_fail_schema_refuses_what_the_cli_refuses(
    gate: str, document: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError):
        validate_input(document)
    errors = list(jsonschema.Draft202012Validator(input_schema(gate)).iter_errors(document))
    assert any(message in error.message for error in errors), [e.message for e in errors]


def test_success_promotion_schema_accepts_a_shadow_version_without_gate() -> None:
    document = {"version": {"state": "shadow"}}
    assert validate_input(document).gate == "promotion"
    assert not list(
        jsonschema.Draft202012Validator(input_schema("promotion")).iter_errors(document)
    )


@pytest.mark.parametrize("profile", list(ROLLOUT_PROFILES))
def test_fail_rollout_schema_names_the_wrong_field_of_the_right_profile(profile: str) -> None:
    document = copy.deepcopy(PROFILES.get(profile, ROLLOUT))
    document["profile"] = profile
    document["phase_percent"] = "twenty"
    validator = jsonschema.Draft202012Validator(input_schema("rollout"))
    best = jsonschema.exceptions.best_match(validator.iter_errors(document))
    assert best is not None
    assert best.json_path == "$.phase_percent"
    assert "'twenty' is not of type" in best.message
    with pytest.raises(InputError, match="phase_percent"):
        validate_input(document)


def test_success_schemas_carry_distinct_ids() -> None:
    ids = [input_schema(gate)["$id"] for gate in ("promotion", "rollout", "approval")]
    ids += [input_schema("rollout", profile)["$id"] for profile in ROLLOUT_PROFILES]
    assert len(set(ids)) == len(ids)
    assert input_schema("rollout", "gray-scale")["$id"] == "urn:gatekeeper:input:rollout:gray-scale"
