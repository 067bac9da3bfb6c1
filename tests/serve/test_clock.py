"""The trigger of a new pending decision comes from the policy data, for real decisions."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.check._options import CheckOptions, RuleSet
from gatekeeper.check._pipeline import Pipeline, prepare
from gatekeeper.serve._clock import manual_trigger
from tests.serve._loop import rollout_input


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    log = tmp_path_factory.mktemp("clock") / "decisions.jsonl"
    opened = Pipeline(CheckOptions(decision_log=str(log)))
    try:
        yield opened
    finally:
        opened.close()


def decided(pipeline: Pipeline, document: dict[str, Any]) -> dict[str, Any]:
    outcome = pipeline.decide(prepare(document, RuleSet()))
    return dict(outcome.record["decision"])


def gate_failed(document: dict[str, Any]) -> dict[str, Any]:
    failed = copy.deepcopy(document)
    failed["canary"]["success_gates"]["recall_at_50"] = False
    return failed


@pytest.mark.parametrize(
    ("phase", "gate", "ndcg", "trigger"),
    [
        (5, True, 0.5240, "gate_failure"),
        (25, False, 0.5183, "quality_regression"),
        (50, False, 0.5183, "quality_regression"),
        # both fire at 25%: the decision names the gate failure's 2-min window
        (25, True, 0.5183, "gate_failure"),
    ],
)
def test_the_trigger_is_the_matrix_row_of_the_manual_cell(
    pipeline: Pipeline, phase: float, gate: bool, ndcg: float, trigger: str
) -> None:
    document = rollout_input(phase=phase, ndcg=ndcg)
    decision = decided(pipeline, gate_failed(document) if gate else document)
    assert decision["action"] == "manual_decision"
    data = pipeline.policy.data
    assert manual_trigger(data, "decision-matrix", phase, decision) == trigger


def test_no_trigger_when_the_cell_is_automatic(pipeline: Pipeline) -> None:
    decision = decided(pipeline, gate_failed(rollout_input(phase=50, ndcg=0.5240)))
    assert decision["action"] == "auto_rollback"
    assert manual_trigger(pipeline.policy.data, "decision-matrix", 50, decision) is None
    assert manual_trigger(pipeline.policy.data, "blue-green", 50, decision) is None


def test_a_rollouts_config_never_carries_pending_decision(tmp_path: Path) -> None:
    from gatekeeper.models._exceptions import MetricsError
    from gatekeeper.serve._live import load_rollouts
    from tests.serve.conftest import rollouts_config

    path = rollouts_config("http://127.0.0.1:9", tmp_path / "rollouts.yaml")
    config = json.loads(path.read_text(encoding="utf-8"))
    config["rollouts"][0]["base"]["pending_decision"] = {"trigger": "gate_failure"}
    path.write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(MetricsError, match="base: pending_decision: filled by serve"):
        load_rollouts(path)


@pytest.mark.parametrize(
    ("ndcg", "then_ndcg"),
    [(0.5240, 0.5240), (0.5183, 0.5183), (0.5183, 0.5240), (0.5240, 0.5183), (0.5183, None)],
)
def test_a_settlement_that_says_it_does_not_write_leaves_the_store_as_it_was(
    pipeline: Pipeline, tmp_path: Path, ndcg: float, then_ndcg: float | None
) -> None:
    """serve settles on the event loop only what :meth:`Settlement.writes` says stays
    a read: each settlement is checked against the real SQLite store's rows
    (``None``: a person decided rollback; the revision stays rolled back, nothing closes)."""
    from gatekeeper.serve._clock import Clock, now_utc
    from gatekeeper.state import RolloutKey
    from gatekeeper.state._sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "state.sqlite3")
    clock = Clock(store, pipeline.policy.data)
    key = RolloutKey("shop", "checkout", "r1")
    try:
        for value in (ndcg, then_ndcg):
            if value is None:
                store.decide(key, "rollback", ("bob@example.com",), now_utc())
                value = ndcg
            filled, measured = clock.fill(key, rollout_input(ndcg=value), "test")
            record = {"decision": decided(pipeline, filled)}
            settlement = clock.settlement(measured, "decision-matrix", 25.0)
            before = (store.pending(key), store.open_pending())
            settlement(record)
            unchanged = (store.pending(key), store.open_pending()) == before
            assert settlement.writes(record) is not unchanged, (value, record["decision"])
    finally:
        store.shutdown()
