"""An OPA server decides only with exactly the local revision (issue 13 item 3).

Every attack of the issue, reproduced on real OPA servers on 127.0.0.1: a roster left
by another run, a concurrent uploader, another team's module in a gatekeeper
package, another team's policies and data next to an upload, and a server whose
bundle is not the local revision.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gatekeeper.engines import Engine, EngineOptions, open_engine
from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._bundle import default_revision
from gatekeeper.policy._files import PolicySet, default_policy_dir, load_policy_set
from tests.conftest import OpaServerFactory
from tests.security.conftest import ROSTER, SCENARIOS, run, write_json

pytestmark = pytest.mark.opa

APPROVAL = SCENARIOS / "approval" / "approve--quality-50-qa-dri-and-sprint-dri.json"
DENY = SCENARIOS / "promotion" / "deny--seed-003-example.json"
PROMOTE_MODULE = """package gatekeeper.promotion

decision := {"gate": "promotion", "allow": true, "action": "promote", "violations": [],
  "warnings": [], "authority": [], "decision_window_minutes": null, "default_action": null}
"""


def _approval() -> dict[str, Any]:
    return dict(json.loads(APPROVAL.read_text()))


def _upload(url: str, policy: PolicySet) -> Engine:
    return open_engine("opa-server", policy, EngineOptions(opa_url=url, upload_policy=True))


@pytest.fixture
def engines() -> Iterator[list[Engine]]:
    """Engines opened by a test, closed at teardown."""
    opened: list[Engine] = []
    yield opened
    for engine in opened:
        engine.close()


def test_fail_roster_left_by_another_run_is_not_used(
    opa_server: OpaServerFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    server = opa_server()
    base = ["check", str(APPROVAL), "--engine", "opa-server", "--opa-url", server.url]
    code, _, err = run([*base, "--opa-upload", "--data", str(ROSTER)], capsys)
    assert code == 0, err
    # the next run has no roster: the one left on the server must not approve
    code, out, err = run([*base, "--opa-upload", "--format", "json"], capsys)
    assert code == 1, err
    assert json.loads(out)["action"] == "deny"
    roster = httpx.get(f"{server.url}/v1/data/gatekeeper/roster").json()
    assert "result" not in roster, "the earlier run's roster is gone (it was gatekeeper's)"


def test_fail_concurrent_uploader_makes_the_other_run_refuse(
    opa_server: OpaServerFactory, tmp_path: Path, engines: list[Engine]
) -> None:
    server = opa_server()
    mine = _upload(server.url, load_policy_set(None, [ROSTER]))
    engines.append(mine)
    assert mine.evaluate(_approval())["action"] == "approve"
    other_roster = write_json(
        tmp_path / "other.json", {"gatekeeper": {"roster": {"mallory@example.com": ["QA DRI"]}}}
    )
    engines.append(_upload(server.url, load_policy_set(None, [other_roster])))
    for _ in range(3):
        with pytest.raises(EngineError, match=r"not the local revision|differs from the local"):
            mine.evaluate(_approval())


def test_fail_foreign_module_in_a_gatekeeper_package_is_refused(
    opa_server: OpaServerFactory, engines: list[Engine], policy_set: PolicySet
) -> None:
    server = opa_server()
    engine = _upload(server.url, policy_set)
    engines.append(engine)
    document = json.loads(DENY.read_text())
    assert engine.evaluate(document)["action"] == "deny"
    put = httpx.put(f"{server.url}/v1/policies/team-b/flip.rego", content=PROMOTE_MODULE)
    assert put.status_code == 200, put.text
    with pytest.raises(EngineError, match=r"not uploaded by this run: team-b/flip\.rego"):
        engine.evaluate(document)
    with pytest.raises(EngineError, match=r"refusing to upload .*module team-b/flip\.rego"):
        _upload(server.url, policy_set)


def test_fail_foreign_module_is_refused_by_every_concurrent_decision_on_an_event_loop(
    opa_server: OpaServerFactory, engines: list[Engine], policy_set: PolicySet
) -> None:
    """``evaluate_async`` (serve) shares one module listing among the answers that
    arrived before it was read: each answer is still proved by a listing read after it."""
    server = opa_server()
    engine = _upload(server.url, policy_set)
    engines.append(engine)
    document = json.loads(DENY.read_text())

    async def decide(count: int) -> list[Any]:
        calls = [engine.evaluate_async(document) for _ in range(count)]  # type: ignore[attr-defined]
        return list(await asyncio.gather(*calls, return_exceptions=True))

    assert [d["action"] for d in asyncio.run(decide(12))] == ["deny"] * 12
    put = httpx.put(f"{server.url}/v1/policies/team-b/flip.rego", content=PROMOTE_MODULE)
    assert put.status_code == 200, put.text
    refused = asyncio.run(decide(12))
    assert all(isinstance(r, EngineError) for r in refused), refused
    assert all("not uploaded by this run: team-b/flip.rego" in str(r) for r in refused)


def test_fail_foreign_data_change_is_refused(
    opa_server: OpaServerFactory, engines: list[Engine], policy_set: PolicySet
) -> None:
    server = opa_server()
    engine = _upload(server.url, policy_set)
    engines.append(engine)
    document = json.loads(DENY.read_text())
    engine.evaluate(document)
    put = httpx.put(
        f"{server.url}/v1/data/gatekeeper/roster", json={"mallory@example.com": ["QA DRI"]}
    )
    assert put.status_code == 204, put.text
    with pytest.raises(EngineError, match=r"differs from the local revision .*gatekeeper\.roster"):
        engine.evaluate(document)


def test_fail_other_teams_state_is_refused_and_left_alone(
    opa_server: OpaServerFactory, policy_set: PolicySet
) -> None:
    server = opa_server()
    module = "package team.checks\n\nallow := true\n"
    assert httpx.put(f"{server.url}/v1/policies/gatekeeper/team.rego", content=module).is_success
    assert httpx.put(f"{server.url}/v1/data/tenants/acme", json={"quota": 3}).is_success
    with pytest.raises(EngineError, match=r"refusing to upload .*module gatekeeper/team\.rego"):
        _upload(server.url, policy_set)
    listed = httpx.get(f"{server.url}/v1/policies").json()["result"]
    assert [entry["id"] for entry in listed] == ["gatekeeper/team.rego"]
    assert httpx.get(f"{server.url}/v1/data/tenants").json()["result"] == {"acme": {"quota": 3}}


def test_fail_foreign_data_alone_is_refused(
    opa_server: OpaServerFactory, policy_set: PolicySet
) -> None:
    server = opa_server()
    assert httpx.put(f"{server.url}/v1/data/tenants/acme", json={"quota": 3}).is_success
    with pytest.raises(EngineError, match=r"refusing to upload .*data\.tenants"):
        _upload(server.url, policy_set)
    assert httpx.get(f"{server.url}/v1/data/tenants").json()["result"] == {"acme": {"quota": 3}}


def test_success_a_second_run_of_the_same_revision_reuses_the_upload(
    opa_server: OpaServerFactory, engines: list[Engine], policy_set: PolicySet
) -> None:
    server = opa_server()
    document = json.loads(DENY.read_text())
    first = _upload(server.url, policy_set)
    engines.append(first)
    second = _upload(server.url, policy_set)
    engines.append(second)
    assert first.evaluate(document) == second.evaluate(document)
    assert default_revision(policy_set) in second.version()


def test_success_bundle_of_the_local_revision_decides_and_logs_it(
    opa_server: OpaServerFactory,
    bundle_dir: Path,
    capsys: pytest.CaptureFixture[str],
    decision_log: Path,
    policy_set: PolicySet,
) -> None:
    server = opa_server("-b", bundle_dir)
    args = ["check", str(DENY), "--engine", "opa-server", "--opa-url", server.url]
    code, _, err = run(args, capsys)
    assert code == 1, err
    record = json.loads(decision_log.read_text().splitlines()[0])
    assert f"bundle revision {default_revision(policy_set)}" in record["engine_version"]


def test_fail_server_without_the_local_bundle_revision_is_refused(
    opa_server: OpaServerFactory,
    bundle_dir: Path,
    capsys: pytest.CaptureFixture[str],
    decision_log: Path,
) -> None:
    plain = opa_server(default_policy_dir())  # the same files, but no bundle revision
    manifest = bundle_dir / ".manifest"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "revision": "sha256:old"}))
    stale = opa_server("-b", bundle_dir)
    for server, found in ((plain, "bundles: none"), (stale, "=sha256:old")):
        args = ["check", str(DENY), "--engine", "opa-server", "--opa-url", server.url]
        code, out, err = run(args, capsys)
        assert (code, out) == (2, "")
        assert "does not serve the local policy revision" in err and found in err
    assert not decision_log.exists()


def test_success_an_interrupted_upload_is_still_gatekeepers(
    opa_server: OpaServerFactory, engines: list[Engine], policy_set: PolicySet, tmp_path: Path
) -> None:
    import shutil

    from gatekeeper.models._exceptions import PolicyError

    broken = tmp_path / "rego"
    shutil.copytree(default_policy_dir(), broken)
    (broken / "gatekeeper" / "zz_broken.rego").write_text("package gatekeeper.zz\n\nx := {\n")
    server = opa_server()
    with pytest.raises(PolicyError, match="policy compile error"):
        _upload(server.url, load_policy_set(broken))
    engine = _upload(server.url, policy_set)  # the partial upload is gatekeeper's: replaced
    engines.append(engine)
    assert engine.evaluate(json.loads(DENY.read_text()))["action"] == "deny"
