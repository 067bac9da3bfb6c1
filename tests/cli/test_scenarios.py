"""Every example input in ``scenarios/`` gives its documented action and exit code.

A file ``scenarios/<gate>/[<profile>/[<environment>/]]<action>--<description>.json``
(the folders name the rule set the caller chooses: ``--profile``, ``--environment``)
documents the action the policy gives for it (as ``opa eval`` on the raw file would). Through
``gatekeeper check`` (embedded engine) the exit code follows README "The decision": 0 for an
allowing action, 1 for a blocking one. A file ``invalid_input--<description>.json``
is an input the policy refuses with ``INVALID_INPUT``: ``gatekeeper check`` exits 2
(the input models may refuse it before any engine runs; then no decision is printed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.cli._main import main
from gatekeeper.engines import Engine, open_engine
from gatekeeper.models import ALLOWING_ACTIONS, INVALID_INPUT
from gatekeeper.models._examples import scenario_options
from gatekeeper.policy._files import load_policy_set

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"
ROSTER = SCENARIOS / "roster.json"
WAIVERS = SCENARIOS / "waivers.json"
DATA = [path for path in (ROSTER, WAIVERS) if path.exists()]
FILES = sorted(p for p in SCENARIOS.rglob("*--*.json"))


INVALID_PREFIX = "invalid_input"


def _expected_action(path: Path) -> str:
    return path.name.split("--", 1)[0]


def _unwrap(document: Any) -> Any:
    if isinstance(document, dict) and set(document) == {"input"}:
        return document["input"]
    return document


@pytest.fixture(scope="module")
def engine(policy_dir: Path) -> Iterator[Engine]:
    """One embedded engine on the policy plus the example roster, for the whole module."""
    opened = open_engine("embedded", load_policy_set(policy_dir, DATA))
    yield opened
    opened.close()


def test_success_there_are_scenarios_for_every_gate() -> None:
    gates = {p.relative_to(SCENARIOS).parts[0] for p in FILES}
    assert {"promotion", "rollout"} <= gates


def _options(path: Path) -> list[str]:
    """The caller's rule set for a scenario: its folder (``rollout/<profile>/[<env>/]``)."""
    return scenario_options(path.relative_to(SCENARIOS).parts)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, dict[str, Any]]:
    """Every scenario through ``gatekeeper check --batch``, one run per folder (the caller
    chooses the rule set per folder): its output line by file."""
    folder = tmp_path_factory.mktemp("scenarios")
    by_folder: dict[Path, list[Path]] = {}
    for path in FILES:
        by_folder.setdefault(path.parent, []).append(path)
    checked: dict[Path, dict[str, Any]] = {}
    for index, (parent, files) in enumerate(sorted(by_folder.items())):
        batch, out = folder / f"batch-{index}.jsonl", folder / f"out-{index}.jsonl"
        batch.write_text("".join(json.dumps(json.loads(p.read_text())) + "\n" for p in files))
        args = ["check", "--batch", str(batch), "-o", str(out), *_options(files[0])]
        args += ["--decision-log", str(folder / "log.jsonl")]
        for data in DATA:
            args += ["--data", str(data)]
        main(args)
        results = [json.loads(line) for line in out.read_text().splitlines()]
        assert [r["line"] for r in results] == list(range(1, len(files) + 1)), parent
        checked.update(zip(files, results, strict=True))
    return checked


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(SCENARIOS)) for p in FILES])
def test_success_scenario_outcome(
    path: Path, engine: Engine, checked: dict[Path, dict[str, Any]]
) -> None:
    expected = _expected_action(path)
    raw = engine.evaluate(_unwrap(json.loads(path.read_text())))
    invalid = any(v["code"] == INVALID_INPUT for v in raw["violations"])
    assert invalid is (expected == INVALID_PREFIX), "INVALID_INPUT only in invalid_input files"
    if not invalid:
        assert raw["action"] == expected, "the policy's action differs from the file name"
    exit_code = 2 if invalid else (0 if expected in ALLOWING_ACTIONS else 1)

    result = checked[path]
    assert result["exit_code"] == exit_code
    if invalid and "error" in result:
        assert "must be" in result["error"]  # refused by the input models, naming the field
        return
    if invalid:  # refused by the policy: the decision names the field
        assert INVALID_INPUT in {v["code"] for v in result["violations"]}
        assert result["allow"] is False
        return
    assert result["action"] == expected
    assert result["allow"] is (exit_code == 0)


@pytest.mark.parametrize("path", FILES[:: max(1, len(FILES) // 6)])
def test_success_single_check_matches_batch(
    path: Path, checked: dict[Path, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", str(path), "--format", "json", *_options(path)]
    for data in DATA:
        args += ["--data", str(data)]
    code = main(args)
    out = capsys.readouterr().out
    assert code == checked[path]["exit_code"]
    if out:
        single = json.loads(out)
        for key in ("gate", "allow", "action", "violations", "warnings", "authority"):
            assert single[key] == checked[path][key]
