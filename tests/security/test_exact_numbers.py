"""Numbers keep their JSON text from the file to every engine (issue 13 item 9).

``0.02000000000000000001`` is above the error-rate limit 0.02, and ``opa eval`` on
the file says so; a reader that rounds through a float would see 0.02 and promote.
"""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from gatekeeper.check._input import load_document
from gatekeeper.models import validate_input
from gatekeeper.models._exceptions import InputError
from gatekeeper.models._jsontext import dumps_exact
from tests.conftest import OpaServerFactory
from tests.security.conftest import PROMOTE, run

EXACT = "0.02000000000000000001"


def _exact_input(tmp_path: Path) -> Path:
    text = PROMOTE.read_text(encoding="utf-8")
    assert '"error_rate": 0.01,' in text
    path = tmp_path / "exact.json"
    path.write_text(text.replace('"error_rate": 0.01,', f'"error_rate": {EXACT},'))
    return path


def _opa_eval(opa_binary: str, policy_dir: Path, path: Path) -> str:
    query = "data.gatekeeper.main.decision.action"
    completed = subprocess.run(
        [
            opa_binary,
            "eval",
            "-f",
            "json",
            "--ignore",
            "*_test.rego",
            "-d",
            str(policy_dir),
            "-i",
            str(path),
            query,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return str(json.loads(completed.stdout)["result"][0]["expressions"][0]["value"])


ENGINES = ["embedded", "opa-cli", "opa-server"]


@pytest.mark.opa
@pytest.mark.parametrize("engine", ENGINES)
def test_fail_a_hair_above_the_limit_is_denied_as_opa_eval_denies(
    engine: str,
    tmp_path: Path,
    opa_binary: str,
    policy_dir: Path,
    opa_server: OpaServerFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _exact_input(tmp_path)
    reference = _opa_eval(opa_binary, policy_dir, path)
    assert reference == "deny"
    args = ["check", str(path), "--engine", engine, "--format", "json"]
    if engine == "opa-server":
        args += ["--opa-url", opa_server().url, "--opa-upload"]
    code, out, err = run(args, capsys)
    decision = json.loads(out)
    assert (code, decision["action"]) == (1, reference), err
    assert any(v["code"] == "ERROR_RATE" for v in decision["violations"])


def test_success_models_accept_exact_numbers(tmp_path: Path) -> None:
    # the model checks ranges on the exact number; the document keeps its text
    document = load_document(str(_exact_input(tmp_path)))
    checked = validate_input(document)
    assert checked.document["metrics"]["error_rate"] == Decimal(EXACT)
    assert dumps_exact(checked.document["metrics"]).count(EXACT) == 1
    bad = {**document, "metrics": {**document["metrics"], "error_rate": Decimal("1.0000001")}}
    with pytest.raises(InputError, match=r"metrics\.error_rate"):
        validate_input(bad)
    counted = {**document, "shadow": {"requests": Decimal("1500.0"), "duration_hours": 26}}
    assert validate_input(counted).document["shadow"]["requests"] == Decimal("1500.0")
