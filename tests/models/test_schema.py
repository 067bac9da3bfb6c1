"""JSON Schemas from the models: valid, agreeing with the validator, and documented."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from _input_examples import APPROVAL, PROFILES, PROMOTION, ROLLOUT

from gatekeeper._cli import main
from gatekeeper.models import ROLLOUT_PROFILES, input_schema
from gatekeeper.models._docs import render_inputs_markdown, update_readme

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
        "docs/inputs.md is stale: python -m gatekeeper.models._docs > docs/inputs.md"
    )


def test_success_every_model_field_is_documented() -> None:
    text = render_inputs_markdown()
    for field in ("canary.shards.<name>.cpu", "versions[].was_production", "post_rollback.health"):
        assert f"| {field} |" in text


def test_success_readme_input_reference_is_up_to_date() -> None:
    written = (REPO / "README.md").read_text(encoding="utf-8")
    assert written == update_readme(written), (
        "README's input reference is stale: python -m gatekeeper.models._docs --readme"
    )
