"""`gatekeeper backtest` on a generated log of labelled canaries whose answer is known.

Six canaries of the sequential profile, each decided once a minute for 12 minutes and
logged (real decisions of the shipped policy, written to a real decision log with the
minute they were taken at). Per 1,000 requests a minute in each arm:

- bad-fast: canary 60 errors, baseline 20 (caught by both rule sets, at minute 1);
- bad-slow: canary 30, baseline 20 (the bound passes 1 at the 7th look, never 1.5:
  caught by the current rules, missed by the proposed ones, whose error limit is 1.5);
- bad-unseen: 20 and 20 (the problem was not in the measurements: missed by both);
- good-noisy: 60 and 20, yet labelled good (blocked by both);
- good-a, good-b: 20 and 20 (passed by both).
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gatekeeper.check._options import RuleSet
from gatekeeper.check._pipeline import exit_code_of, prepare
from gatekeeper.cli._main import main
from gatekeeper.engines import EngineOptions, open_engine
from gatekeeper.log._decision_log import DecisionLog, new_record
from gatekeeper.metrics import ArmSeries, SeriesSet, build_rollout
from gatekeeper.models import parse_decision
from gatekeeper.policy._files import load_policy_set

REPO = Path(__file__).resolve().parents[2]
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LOOKS = 12
CANARIES = {  # name: (outcome, canary errors, baseline errors) per 1,000 requests a minute
    "bad-fast": ("bad", 60, 20),
    "bad-slow": ("bad", 30, 20),
    "bad-unseen": ("bad", 20, 20),
    "good-noisy": ("good", 60, 20),
    "good-a": ("good", 20, 20),
    "good-b": ("good", 20, 20),
}


def _input(canary_errors: int, baseline_errors: int, looks: int) -> dict[str, Any]:
    def arm(name: str, errors: int) -> ArmSeries:
        requests = np.full(looks, 1000.0)
        counts = np.full(looks, float(errors))
        return ArmSeries(
            arm=name,
            metrics={
                "requests": requests,
                "errors": counts,
                "error_rate": counts / requests,
                "slow_requests": np.full(looks, 10.0),
                "p99_latency_ms": np.full(looks, 180.0),
            },
        )

    series = SeriesSet(
        start=0.0,
        interval_seconds=60,
        count=looks,
        arms={"canary": arm("canary", canary_errors), "baseline": arm("baseline", baseline_errors)},
    )
    return build_rollout(series, "sequential", 10)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The decision log and the outcomes file."""
    folder = tmp_path_factory.mktemp("backtest")
    policy = load_policy_set()
    engine = open_engine("embedded", policy, EngineOptions())
    log = DecisionLog(folder / "decisions.jsonl")
    releases = []
    try:
        for number, (name, (outcome, canary, baseline)) in enumerate(CANARIES.items()):
            begin = START + timedelta(hours=number)
            for look in range(1, LOOKS + 1):
                prepared = prepare(_input(canary, baseline, look), RuleSet(profile="sequential"))
                raw = engine.evaluate(prepared.judged)
                decision = parse_decision(raw, expected_gate="rollout")
                record = new_record(
                    gate="rollout",
                    document=prepared.recorded,
                    decision=raw,
                    policy_digest=policy.digest,
                    policy_revision=policy.revision,
                    engine="embedded",
                    engine_version="test",
                    exit_code=exit_code_of(decision),
                )
                record["time"] = _stamp(begin + timedelta(minutes=look))
                log.append(record)
            entry = {
                "release": name,
                "outcome": outcome,
                "from": _stamp(begin),
                "until": _stamp(begin + timedelta(minutes=30)),
            }
            if outcome == "bad":
                entry["confirmed_at"] = _stamp(begin + timedelta(minutes=20))
            releases.append(entry)
    finally:
        engine.close()
    outcomes = folder / "outcomes.json"
    outcomes.write_text(json.dumps({"releases": releases}), encoding="utf-8")
    return log.path, outcomes


@pytest.fixture(scope="module")
def stricter_error_limit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The proposed rules: the error check needs a bound above 1.5, not 1."""
    folder = tmp_path_factory.mktemp("proposed") / "rego"
    shutil.copytree(REPO / "rego", folder)
    data_file = folder / "gatekeeper/profiles/rollout/sequential/data.json"
    data = json.loads(data_file.read_text("utf-8"))
    assert data["checks"]["error_rate_worse"]["limit"] == {"value": 1}
    data["checks"]["error_rate_worse"]["limit"] = {"value": 1.5}
    data_file.write_text(json.dumps(data), encoding="utf-8")
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["backtest", *args])
    return code, capsys.readouterr().out


def _against(
    capsys: pytest.CaptureFixture[str], labelled: tuple[Path, Path], policy: Path, fmt: str
) -> tuple[int, str]:
    """Backtest the labelled log against the rules in ``policy``, as ``fmt``."""
    log, outcomes = labelled
    return _run(
        capsys, str(log), "--outcomes", str(outcomes), "--policy-dir", str(policy), "--format", fmt
    )


def test_backtest_reports_the_known_confusion_matrix(
    labelled: tuple[Path, Path], stricter_error_limit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _against(capsys, labelled, stricter_error_limit, "json")
    report = json.loads(out)
    assert code == 1  # the proposed rules miss a bad release the current ones caught
    assert report["decided"] == len(CANARIES) * LOOKS and report["errors"] == []
    current, proposed = report["current"], report["proposed"]
    assert (current["bad_caught"], current["bad_missed"]) == (2, 1)
    assert (current["good_blocked"], current["good_passed"]) == (1, 2)
    assert current["caught"] == ["bad-fast", "bad-slow"]
    assert current["good_releases_blocked"] == ["good-noisy"]
    assert (proposed["bad_caught"], proposed["bad_missed"]) == (1, 2)
    assert (proposed["good_blocked"], proposed["good_passed"]) == (1, 2)
    # bad-fast at its first look (0 min), bad-slow at its 7th (6 min): median 3
    assert current["median_minutes_to_detect"] == 3.0
    assert proposed["median_minutes_to_detect"] == 1.0  # a bound above 1.5 takes one more look
    # confirmed 20 min after the start: 19 and 13 min ahead of the confirmation
    assert current["median_minutes_before_confirmation"] == 16.0
    changed = sorted(
        (c["version"], c["time"][11:16], c["old_action"], c["new_action"])
        for c in report["changes"]
    )
    # bad-slow from its 7th look (promoted once the 10-minute window is covered), and
    # the first look of the two 3x canaries (a bound above 1.5 takes a second look)
    assert changed == [
        ("bad-fast", "09:01", "auto_rollback", "continue"),
        *[("bad-slow", f"10:0{m}", "auto_rollback", "continue") for m in (7, 8, 9)],
        *[("bad-slow", f"10:{m}", "auto_rollback", "promote_next_step") for m in (10, 11, 12)],
        ("good-noisy", "12:01", "auto_rollback", "continue"),
    ]


def test_the_same_rules_change_nothing_and_exit_zero(
    labelled: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _against(capsys, labelled, REPO / "rego", "markdown")
    assert code == 0
    assert "| bad releases caught | 2 | 2 |" in out
    assert "| good releases blocked | 1 | 1 |" in out
    assert "| line |" not in out  # no changed decision


def test_text_report_side_by_side(
    labelled: tuple[Path, Path], stricter_error_limit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log, outcomes = labelled
    _, out = _run(
        capsys, str(log), "--outcomes", str(outcomes), "--policy-dir", str(stricter_error_limit)
    )
    lines = out.splitlines()
    assert lines[0].startswith(f"backtest of {log}: 6 labelled release(s), 72 decision(s)")
    caught = next(line for line in lines if line.startswith("bad releases caught"))
    assert caught.split()[-2:] == ["2", "1"]
    assert sum(line.startswith("changed line") for line in lines) == 8


@pytest.mark.parametrize(
    ("outcomes", "message"),
    [
        ({"releases": []}, "releases: a non-empty list"),
        ({"releases": [{"release": "r", "outcome": "meh"}]}, r"releases\[0\].outcome"),
        ({"releases": [{"release": "r", "outcome": "bad", "from": "yesterday"}]}, "not a time"),
        ({"releases": [{"release": "r", "outcome": "bad", "colour": 1}]}, "unknown key"),
    ],
)
def test_a_bad_outcomes_file_exits_2_naming_the_field(
    labelled: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    outcomes: dict[str, Any],
    message: str,
) -> None:
    path = tmp_path / "outcomes.json"
    path.write_text(json.dumps(outcomes), encoding="utf-8")
    code = main(
        ["backtest", str(labelled[0]), "--outcomes", str(path), "--policy-dir", str(REPO / "rego")]
    )
    assert code == 2
    assert re.search(message, capsys.readouterr().err)


def test_backtest_a_git_revision(
    labelled: tuple[Path, Path],
    stricter_error_limit: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--rev``: the proposed rules are the policy folder of a commit (as replay takes it)."""
    from tests.cli.test_replay import _git, _policy_repository

    log, outcomes = labelled
    repository = _policy_repository(tmp_path, "policy in force")
    data = Path("gatekeeper/profiles/rollout/sequential/data.json")
    shutil.copy(stricter_error_limit / data, repository / "rego" / data)
    _git(repository, "commit", "-qam", "error bound must pass 1.5")
    args = [str(log), "--outcomes", str(outcomes), "--repo", str(repository), "--format", "json"]
    code, out = _run(capsys, *args, "--rev", "HEAD")
    assert (code, json.loads(out)["proposed"]["bad_caught"]) == (1, 1)
    code, out = _run(capsys, *args, "--rev", "HEAD~1")
    assert (code, json.loads(out)["changes"]) == (0, [])


def test_backtest_an_organisations_threshold_layer(
    labelled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--policy-data``: the current rules with the organisation's thresholds over them."""
    log, outcomes = labelled
    layer = tmp_path / "org-policy" / "rollout" / "sequential"
    layer.mkdir(parents=True)
    (layer / "data.json").write_text(
        json.dumps({"checks": {"error_rate_worse": {"limit": {"value": 1.5}}}}), encoding="utf-8"
    )
    args = [str(log), "--outcomes", str(outcomes), "--format", "json"]
    code, out = _run(capsys, *args, "--policy-data", str(tmp_path / "org-policy"))
    report = json.loads(out)
    assert (code, report["current"]["bad_caught"], report["proposed"]["bad_caught"]) == (1, 2, 1)
