"""The server's two worker threads, fed by coroutines: the embedded engine and the log writer.

Both run for real here: the embedded engine on gatekeeper's own policy, the group
log on a decision log in a temporary folder. What the server relies on: every
coroutine gets its own answer (never a neighbour's), an error reaches the
coroutine that waits for it, a cancelled request never blocks the others, and
closing finishes what was queued and refuses what comes after.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.engines import open_engine
from gatekeeper.engines._embedded import EmbeddedEngine
from gatekeeper.log._decision_log import DecisionLog, verify_log
from gatekeeper.models._exceptions import DecisionLogError, EngineError
from gatekeeper.policy._files import PolicySet
from gatekeeper.serve._decider import GroupLog
from gatekeeper.serve._engine_thread import EngineThread
from tests.conftest import REPO_ROOT, sample_record


def _inputs() -> list[dict[str, Any]]:
    documents = []
    for path in sorted((REPO_ROOT / "scenarios").glob("*/*--*.json")):
        document = json.loads(path.read_text())
        documents.append(document.get("input", document))
    return documents


@pytest.fixture
def engine(policy_set: PolicySet) -> Iterator[EmbeddedEngine]:
    opened = open_engine("embedded", policy_set)
    assert isinstance(opened, EmbeddedEngine)
    yield opened
    opened.close()


def test_every_coroutine_gets_the_decision_of_its_own_input(engine: EmbeddedEngine) -> None:
    documents = _inputs()
    assert len(documents) > 20
    expected = [engine.evaluate(document) for document in documents]
    worker = EngineThread(engine)

    async def main() -> list[dict[str, Any]]:
        return await asyncio.gather(*(worker.evaluate(document) for document in documents * 3))

    try:
        answers = asyncio.run(main())
    finally:
        worker.close()
    assert answers == expected * 3


def test_an_engine_error_reaches_the_waiting_request_and_the_thread_goes_on(
    engine: EmbeddedEngine, policy_set: PolicySet
) -> None:
    document = _inputs()[0]
    closed = open_engine("embedded", policy_set)
    closed.close()
    broken, working = EngineThread(closed), EngineThread(engine)

    async def main() -> tuple[list[Any], dict[str, Any]]:
        failures = await asyncio.gather(
            *(broken.evaluate(document) for _ in range(5)), return_exceptions=True
        )
        return failures, await working.evaluate(document)

    try:
        failures, answer = asyncio.run(main())
        assert all(isinstance(f, EngineError) and "closed" in str(f) for f in failures)
        assert answer == engine.evaluate(document)
        with pytest.raises(EngineError, match="closed"):
            asyncio.run(broken.evaluate(document))  # the thread still answers
    finally:
        broken.close()
        working.close()


def test_a_cancelled_request_is_skipped_and_blocks_nobody(engine: EmbeddedEngine) -> None:
    first, second, third = _inputs()[:3]
    worker = EngineThread(engine)
    hold = engine._lock  # the engine's own lock: the thread waits on it mid-evaluation

    async def main() -> tuple[dict[str, Any], dict[str, Any], bool]:
        hold.acquire()
        try:
            one = asyncio.ensure_future(worker.evaluate(first))
            await asyncio.sleep(0.05)  # the thread has taken the first input and waits
            two = asyncio.ensure_future(worker.evaluate(second))
            three = asyncio.ensure_future(worker.evaluate(third))
            await asyncio.sleep(0)
            two.cancel()
        finally:
            await asyncio.sleep(0.01)
            hold.release()
        results = await asyncio.wait_for(asyncio.gather(one, three), 30)
        return results[0], results[1], two.cancelled()

    try:
        answer_one, answer_three, cancelled = asyncio.run(main())
    finally:
        worker.close()
    assert cancelled
    assert answer_one == engine.evaluate(first)
    assert answer_three == engine.evaluate(third)


def test_closing_evaluates_what_is_queued_then_refuses(engine: EmbeddedEngine) -> None:
    document = _inputs()[0]
    worker = EngineThread(engine)

    async def main() -> list[Any]:
        queued = [asyncio.ensure_future(worker.evaluate(document)) for _ in range(10)]
        await asyncio.sleep(0)  # every one is queued
        closing = threading.Thread(target=worker.close)
        closing.start()
        answers = await asyncio.gather(*queued)
        closing.join()
        return answers

    answers = asyncio.run(main())
    assert answers == [engine.evaluate(document)] * 10
    with pytest.raises(EngineError, match="stopping"):
        asyncio.run(worker.evaluate(document))


def _record(index: int) -> dict[str, Any]:
    return sample_record({"gate": "rollout", "n": index}, decision_id=f"d-{index}")


def test_concurrent_records_are_all_logged_in_one_chain(tmp_path: Path) -> None:
    path = tmp_path / "decisions.jsonl"
    group_log = GroupLog(DecisionLog(path))

    async def main() -> None:
        await asyncio.gather(*(group_log.append_async(_record(i)) for i in range(200)))

    threads = [
        threading.Thread(target=group_log.append, args=(_record(1000 + i),)) for i in range(20)
    ]
    for thread in threads:
        thread.start()
    asyncio.run(main())
    for thread in threads:
        thread.join()
    group_log.close()
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert sorted(r["decision_id"] for r in lines) == sorted(
        [f"d-{i}" for i in range(200)] + [f"d-{1000 + i}" for i in range(20)]
    )
    assert [r["seq"] for r in lines] == list(range(1, 221))
    assert verify_log(path).ok
    with pytest.raises(DecisionLogError, match="stopping"):
        group_log.append(_record(0))


def test_a_log_that_cannot_be_written_fails_every_waiting_request(tmp_path: Path) -> None:
    path = tmp_path / "decisions.jsonl"
    path.mkdir()  # a folder where the log file should be: every append fails
    group_log = GroupLog(DecisionLog(path))

    async def main() -> list[Any]:
        return await asyncio.gather(
            *(group_log.append_async(_record(i)) for i in range(5)), return_exceptions=True
        )

    try:
        failures = asyncio.run(main())
    finally:
        group_log.close()
    assert len(failures) == 5
    assert all(isinstance(f, DecisionLogError) and "cannot append" in str(f) for f in failures)
