"""A pytest plugin that feeds the progress line: scenarios done out of collected."""

from __future__ import annotations

from typing import Any

from gatekeeper.reports._progress import note


class ScenarioProgress:
    """Counts finished scenarios (and failures) and reports them with :func:`note`."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.failed = 0

    def _note(self) -> None:
        failed = f", {self.failed} failed" if self.failed else ""
        note(f"scenario {self.done}/{self.total}{failed}")

    def pytest_collection_finish(self, session: Any) -> None:
        """Remember how many scenarios will run."""
        self.total = len(session.items)
        self._note()

    def pytest_runtest_logreport(self, report: Any) -> None:
        """Count a scenario once: at its call, or at a setup that did not pass."""
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.done += 1
            self.failed += int(report.failed)
            self._note()
