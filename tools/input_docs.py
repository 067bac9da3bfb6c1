"""Render the input reference (``docs/inputs.md``) from the models' JSON Schemas.

The reference is generated, so the README cannot drift from the validator:
``python -m tools.input_docs > docs/inputs.md`` rewrites it, and a test
fails when the file differs from what the models say.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from gatekeeper.models._rollout import ROLLOUT_PROFILES
from gatekeeper.models._schema import input_schema
from gatekeeper.models._types import UNIT_KEY

INTRO = """\
# Gate inputs

Generated from gatekeeper's input models (`python -m tools.input_docs`);
`gatekeeper schema GATE [--profile P]` prints the same as JSON Schema.

Rules that hold for every field:

- Numbers are JSON numbers: `"0.5"` (a string), `true`, `NaN` and `Infinity` are
  refused. Rates, shares and p-values lie within [0, 1] (`0.005` = 0.5%); counts
  are whole numbers >= 0 (`3.0` is accepted as 3); a phase lies within (0, 100].
- A field that is absent is *missing evidence*: the input is still valid, and the
  policy decides (`MISSING_EVIDENCE`, never a pass). `null` is refused for every
  field listed here - omit the field instead (Rego orders `null` below every
  number, so a null could pass a comparison).
- Fields not listed here are allowed and passed to the policy untouched (inputs
  come from many tools); the policy never reads them. So a misspelt field name
  (`eror_rate`) leaves the real field absent: the gate denies for missing
  evidence. That is the fail-closed side of the choice; `gatekeeper check`
  prints a note on stderr (`canary.eror_rate is not a known field (did you mean
  canary.error_rate?)`), and `--batch` adds it to the line's `notes`.
- An invalid input is refused before any engine runs, with the field path
  (`canary.error_rate[2]: must be within [0, 1] (got 1.5)`), and exit 2.
  `gatekeeper check` first checks the input against these schemas as shipped
  in the package (`gatekeeper/models/input-schemas.json`, written by
  `python -m tools.build_schemas`, which CI keeps in step with the
  models); only when that check does not vouch for the input are the models
  built, and they decide and name the field. The check is never looser than the
  models (tests compare both on every scenario and on generated inputs).
- `gatekeeper check` accepts the bare object or OPA's `{"input": {...}}` form;
  `--gate` fills the gate when absent and must not contradict it. The caller
  chooses a rollout input's rule set: `--profile` (default `decision-matrix`)
  and, for the `environment` profile, `--environment`; the input's `profile`
  and `environment` may only confirm that choice (a mismatch exits 2 naming
  both), and the policy receives the caller's choice.
- Numbers reach every engine with the digits the file holds
  (`0.02000000000000000001` is above 0.02, as `opa eval` says); duplicate keys,
  `NaN` and `Infinity` are refused; an input over `--max-input-bytes` (default
  8 MiB) is refused without being read further.
- Series (arrays per interval) are oldest first, newest last, one value per
  `interval_seconds` (default 60).
"""


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        extra = {k: v for k, v in node.items() if k != "$ref"}
        node = {**schema["$defs"][name], **extra}
    return node


def _constraints(node: Mapping[str, Any]) -> str:
    parts = ["required"] if node.get("x-required") else []
    if "const" in node:
        parts.append(f"`{json.dumps(node['const'])}`")
    if "enum" in node:
        parts.append("one of " + ", ".join(f"`{json.dumps(v)}`" for v in node["enum"]))
    low, high = node.get("minimum"), node.get("maximum")
    exclusive_low = node.get("exclusiveMinimum")
    if exclusive_low is not None and high is not None:
        parts.append(f"within ({exclusive_low}, {high}]")
    elif low is not None and high is not None:
        parts.append(f"within [{low}, {high}]")
    elif exclusive_low is not None:
        parts.append(f"> {exclusive_low}")
    elif low is not None:
        parts.append(f">= {low}")
    return "; ".join(parts)


def _type(schema: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    kind = node.get("type")
    if "const" in node or "enum" in node:
        return "string"
    if kind == "array":
        return f"array of {_type(schema, _resolve(schema, node.get('items', {})))}"
    return str(kind or "any")


def _rows(
    schema: Mapping[str, Any], node: Mapping[str, Any], prefix: str
) -> Iterator[tuple[str, str, str, str, str]]:
    required = set(node.get("required", ()))
    for name, raw in node.get("properties", {}).items():
        field = _resolve(schema, raw)
        if name in required:
            field = {**field, "x-required": True}
        path = f"{prefix}{name}"
        description = str(raw.get("description") or field.get("description") or "")
        unit = str(raw.get(UNIT_KEY) or field.get(UNIT_KEY) or "")
        item = _resolve(schema, field.get("items", {})) if field.get("type") == "array" else None
        values = field.get("additionalProperties")
        if "properties" in field:
            yield path, "object", "", "", description
            yield from _rows(schema, field, f"{path}.")
        elif item is not None and "properties" in item:
            yield path, "array of object", "", "", description
            yield from _rows(schema, item, f"{path}[].")
        elif isinstance(values, Mapping) and values:
            value_node = _resolve(schema, values)
            if "properties" in value_node:
                yield path, "object (by name)", "", "", description
                yield from _rows(schema, value_node, f"{path}.<name>.")
            else:
                kind = f"object of {_type(schema, value_node)} (by name)"
                yield path, kind, unit, _constraints(value_node), description
        else:
            constraints = _constraints(item if item is not None else field)
            yield path, _type(schema, field), unit, constraints, description


def _table(schema: Mapping[str, Any]) -> str:
    lines = ["| field | type | unit | constraints | meaning |", "|---|---|---|---|---|"]
    for row in _rows(schema, schema, ""):
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    return "\n".join(lines)


def render_inputs_markdown() -> str:
    """The whole ``docs/inputs.md`` text."""
    sections = [INTRO]
    sections.append(
        '## Promotion gate (`gate: "promotion"`)\n\n' + _table(input_schema("promotion"))
    )
    for profile in ROLLOUT_PROFILES:
        schema = input_schema("rollout", profile)
        title = f"## Rollout gate, profile `{profile}`"
        if profile == "decision-matrix":
            title += " (the default)"
        description = str(schema.get("description", "")).replace("``", "`")
        sections.append(f"{title}\n\n{description}\n\n{_table(schema)}")
    sections.append('## Approval gate (`gate: "approval"`)\n\n' + _table(input_schema("approval")))
    return "\n\n".join(section.rstrip() for section in sections) + "\n"


README_BEGIN = "<!-- inputs:begin"
README_END = "<!-- inputs:end -->"


def render_readme_block() -> str:
    """The input reference as the README carries it: no title, headings one level down."""
    body = render_inputs_markdown().split("\n", 1)[1].lstrip("\n")
    return "\n".join("#" + line if line.startswith("## ") else line for line in body.split("\n"))


def update_readme(text: str) -> str:
    """Return ``text`` (the README) with the block between the input markers regenerated."""
    start = text.index(README_BEGIN)
    start = text.index("\n", start) + 1
    end = text.index(README_END)
    return text[:start] + "\n" + render_readme_block() + "\n" + text[end:]


if __name__ == "__main__":
    import sys
    from pathlib import Path

    if sys.argv[1:] == ["--readme"]:
        readme = Path("README.md")
        readme.write_text(update_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(render_inputs_markdown(), end="")
