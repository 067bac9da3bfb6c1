"""One revision for one rule set (docs/policy-data.md): runtime documents (roster,
waivers) are logged beside the revision with their own digests, never folded into it;
``check``, ``serve``, ``bundle build`` and the audit show the same revision."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from gatekeeper.cli._main import main
from gatekeeper.log._decision_log import verify_log
from gatekeeper.policy._files import load_policy_set
from tests.conftest import REPO_ROOT, OpaServerFactory
from tests.serve.conftest import ServerFactory

SCENARIOS = REPO_ROOT / "scenarios"
ROSTER = SCENARIOS / "roster.json"
WAIVERS = SCENARIOS / "waivers.json"
PROMOTE = SCENARIOS / "promotion" / "promote--spec-6-example.json"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _records(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_success_runtime_data_leaves_the_revision_alone() -> None:
    plain = load_policy_set()
    with_data = load_policy_set(extra_data=(ROSTER, WAIVERS))
    assert plain.digest == with_data.digest and plain.revision == with_data.revision
    assert plain.data_digests == {}
    assert set(with_data.data_digests) == {"data.gatekeeper.roster", "data.gatekeeper.waivers"}
    assert all(d.startswith("sha256:") for d in with_data.data_digests.values())


def test_success_check_logs_the_data_digests_beside_the_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "decisions.jsonl"
    for extra in ([], ["--data", str(ROSTER)]):
        code, _, err = _run(["check", str(PROMOTE), "--decision-log", str(log), *extra], capsys)
        assert code == 0, err
    first, second = _records(log)
    assert first["policy_digest"] == second["policy_digest"] == load_policy_set().digest
    assert first["data_digests"] == {}
    assert second["data_digests"] == load_policy_set(extra_data=(ROSTER,)).data_digests
    assert verify_log(log).ok


def test_success_a_record_without_data_digests_still_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Records written before ``data_digests`` existed stay readable (``log verify``)."""
    from gatekeeper.log._decision_log import canonical_json, sha256_hex

    log = tmp_path / "old.jsonl"
    assert main(["check", str(PROMOTE), "--decision-log", str(log)]) == 0
    record = _records(log)[0]
    del record["data_digests"]
    line = canonical_json(record)
    log.write_bytes(line + b"\n")
    Path(f"{log}.head").write_text(json.dumps({"seq": 1, "sha256": sha256_hex(line)}))
    capsys.readouterr()
    code, out, err = _run(["log", "verify", str(log)], capsys)
    assert code == 0, out + err


@pytest.mark.opa
def test_success_same_rules_same_revision_in_check_serve_bundle_and_audit(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    serve: ServerFactory,
    opa_server: OpaServerFactory,
) -> None:
    policy = load_policy_set()
    log = tmp_path / "decisions.jsonl"
    code, _, err = _run(
        ["check", str(PROMOTE), "--data", str(ROSTER), "--decision-log", str(log)], capsys
    )
    assert code == 0, err
    checked = _records(log)[0]["policy_revision"]

    server = serve("--data", str(ROSTER), "--data", str(WAIVERS))
    served = httpx.get(f"{server.url}/readyz", timeout=10).json()["policy_revision"]

    bundle = tmp_path / "bundle.tar.gz"
    code, out, err = _run(["bundle", "build", "-o", str(bundle), "--json"], capsys)
    assert code == 0, err
    built = json.loads(out)
    code, out, err = _run(
        ["bundle", "build", "-o", str(tmp_path / "b2.tar.gz"), "--json", "--data", str(ROSTER)],
        capsys,
    )
    assert code == 0, err
    built_with_data = json.loads(out)

    report = tmp_path / "audit.json"
    _run(
        [
            *("audit", "--format", "json", "-o", str(report), "--no-scenarios", "--no-opa"),
            *("--data", str(ROSTER), "--data", str(WAIVERS), "--decision-log", str(log)),
        ],
        capsys,
    )
    audited = json.loads(report.read_text())
    assert checked == served == policy.revision == audited["revision"]["policy_revision"]
    assert built["revision"] == built_with_data["revision"] == f"sha256:{policy.digest}"
    assert audited["revision"]["policy_digest"] == policy.digest
    assert "other than the current" not in json.dumps(audited["auditor_summary"])

    # an OPA server holding the bundle built without --data serves check without --data
    opa = opa_server("-b", str(bundle))
    base = ["check", str(PROMOTE), "--engine", "opa-server", "--opa-url", opa.url]
    code, _, err = _run([*base, "--decision-log", str(tmp_path / "opa.jsonl")], capsys)
    assert code == 0, err
    # ... and refuses, naming the document, a run whose roster it does not hold
    code, out, err = _run(
        [*base, "--data", str(ROSTER), "--decision-log", str(tmp_path / "x.jsonl")], capsys
    )
    assert (code, out) == (2, "") and "data.gatekeeper.roster" in err, err
    # the bundle built with the roster serves the run with the roster, same revision
    opa_data = opa_server("-b", str(tmp_path / "b2.tar.gz"))
    args = ["check", str(PROMOTE), "--engine", "opa-server", "--opa-url", opa_data.url]
    code, _, err = _run(
        [*args, "--data", str(ROSTER), "--decision-log", str(tmp_path / "x.jsonl")], capsys
    )
    assert code == 0, err
