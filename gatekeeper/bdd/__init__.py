"""gatekeeper's Gherkin step library (a pytest plugin) and scenario coverage.

``gatekeeper.bdd.plugin`` is the pytest plugin (entry point ``gatekeeper``);
``gatekeeper.bdd.coverage.run_scenarios`` runs feature suites and reports which
decision-matrix and authority-matrix cells they prove.
"""

from __future__ import annotations
