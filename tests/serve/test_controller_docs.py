"""The docs' controller YAML decoded strictly with Argo Rollouts' and Flagger's API types.

docs/controllers.md's AnalysisTemplate and Rollout go through ``argo-harness
decode`` (Argo Rollouts v1.9.2's v1alpha1 types with sigs.k8s.io/yaml's
UnmarshalStrict, then Argo's ValidateMetrics), its Canary through
``flagger-harness decode`` (Flagger v1.36.1's v1beta1 types, the webhook types of
the Canary CRD). An unknown or misspelt field fails either.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from gatekeeper.serve._outcomes import FLAGGER_HOOKS
from tests.serve.conftest import CONTROLLERS_DOC, doc_yaml_documents, harness


def test_the_docs_yaml_decodes_strictly(tmp_path: Path) -> None:
    """Argo's and Flagger's API types decode the docs' YAML; an unknown field fails."""
    argo_docs = tmp_path / "argo.yaml"
    argo_docs.write_text(doc_yaml_documents("AnalysisTemplate", "Rollout"))
    argo_bin, flagger_bin = harness("argo"), harness("flagger")
    done = subprocess.run(
        [argo_bin, "decode", str(argo_docs)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    kinds = [json.loads(line)["kind"] for line in done.stdout.splitlines()]
    assert kinds == ["AnalysisTemplate", "Rollout"]
    canary = tmp_path / "canary.yaml"
    canary.write_text(doc_yaml_documents("Canary"))
    done = subprocess.run(
        [flagger_bin, "decode", str(canary)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    (line,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(line["hooks"]) == sorted(FLAGGER_HOOKS)  # every hook serve answers
    # the same decoding refuses a misspelt field, in either API
    bad = tmp_path / "bad.yaml"
    bad.write_text(argo_docs.read_text().replace("inconclusiveLimit:", "inconclusiveLimt:"))
    done = subprocess.run(
        [argo_bin, "decode", str(bad)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "inconclusiveLimt" in done.stderr, done.stderr
    bad.write_text(canary.read_text().replace("threshold:", "treshold:"))
    done = subprocess.run(
        [flagger_bin, "decode", str(bad)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "treshold" in done.stderr, done.stderr


PROVING_FILES = {
    "A": "test_serve_argo_analysis.py",
    "F": "test_serve_flagger_hooks.py",
    "M": "test_serve_live_manual.py",
}


def test_every_row_of_the_outcome_table_names_tests_that_exist() -> None:
    """docs/controllers.md, One table: each row's "proven by" names harness tests."""
    text = CONTROLLERS_DOC.read_text(encoding="utf-8")
    section = text.split("## One table", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| ")]
    assert table[0].endswith("| proven by |"), table[0]
    rows = table[1:]  # under the header
    assert len(rows) == 10, rows
    for row in rows:
        proven = row.rstrip(" |").rsplit("|", 1)[1]
        named = 0
        for part in proven.split(";"):
            letter, _, names = part.strip().partition(" ")
            source = (Path(__file__).parent / PROVING_FILES[letter]).read_text(encoding="utf-8")
            for name in re.findall(r"`(test_\w+)`", names):
                assert f"\ndef {name}(" in source, (letter, name)
                named += 1
        assert named, row
