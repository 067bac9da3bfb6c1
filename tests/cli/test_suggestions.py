"""A mistyped option, command or choice is answered with the likely spelling (exit 2)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

PROMOTE = REPO_ROOT / "scenarios" / "promotion" / "promote--spec-6-example.json"


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["check", str(PROMOTE), "--fromat", "json"], "(did you mean --format?)"),
        (["check", str(PROMOTE), "--polcy-data=x"], "(did you mean --policy-data?)"),
        (["chek", str(PROMOTE)], "(did you mean check?)"),
        (["check", str(PROMOTE), "--format", "jsn"], "(did you mean json?)"),
    ],
)
def test_fail_a_typo_names_the_likely_spelling(args: list[str], hint: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gatekeeper", *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert hint in done.stderr, done.stderr


def test_success_an_unrelated_word_gets_no_guess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gatekeeper", "check", str(PROMOTE), "--zzzzzz"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "did you mean" not in done.stderr
