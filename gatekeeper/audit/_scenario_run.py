"""Child process of the audit: run the Gherkin suite once and write what each scenario proves.

Usage: ``python -m gatekeeper.audit._scenario_run RESULT.json FEATURES POLICY_DIR [DATA...]``.
Runs :func:`gatekeeper.bdd.coverage.run_scenarios` on the embedded engine and writes
its scenarios (outcome, cells, rule codes, the gates they asked, the codes the
decisions held, the Examples row) as JSON. pytest's own output goes to stderr. Exit 0
when the result was written.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run the suite and write the result file; 2 on usage or run errors."""
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    result_file, features, policy_dir, *data = argv
    from gatekeeper.bdd.coverage import run_scenarios
    from gatekeeper.models._exceptions import GatekeeperError

    try:
        with contextlib.redirect_stdout(sys.stderr):
            report = run_scenarios(
                features,
                engine="embedded",
                policy_dir=policy_dir,
                data=data,
                pytest_args=["-q", "--no-header"],
            )
    except GatekeeperError as exc:
        print(f"scenario run: {exc}", file=sys.stderr)
        return 2
    scenarios = [
        {
            "name": run.name,
            "nodeid": run.nodeid,
            "feature": run.feature,
            "outcome": run.outcome,
            "cells": list(run.cells),
            "rules": list(run.rules),
            "gates": sorted(([gate, profile] for gate, profile in run.gates), key=str),
            "observed": sorted([gate, code] for gate, code in run.observed),
            "findings": sorted(list(finding) for finding in run.findings),
            "example": dict(run.example),
        }
        for run in report.scenarios
    ]
    document = {
        "pytest_exit_code": report.pytest_exit_code,
        "undeclared_cells": list(report.undeclared_cells),
        "scenarios": scenarios,
    }
    Path(result_file).write_text(json.dumps(document, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
