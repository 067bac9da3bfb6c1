"""``--format pdf``: the HTML audit printed by headless Chromium (its print styles apply)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from gatekeeper.audit._process import run_tool
from gatekeeper.models._exceptions import GatekeeperError

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_ENV = "GATEKEEPER_CHROMIUM"


def find_chromium() -> str:
    """``$GATEKEEPER_CHROMIUM`` or the first Chromium on PATH; a clear error otherwise."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise GatekeeperError(
        f"--format pdf needs headless Chromium: none of {', '.join(BROWSERS)} is on PATH "
        f"(install chromium, or set {CHROMIUM_ENV})"
    )


def html_to_pdf(html: str, output: Path, chromium: str | None = None) -> None:
    """Print ``html`` to ``output`` with ``chromium --headless --print-to-pdf``."""
    browser = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="gatekeeper-pdf-") as scratch:
        page = Path(scratch) / "audit.html"
        page.write_text(html, encoding="utf-8")
        target = Path(scratch) / "audit.pdf"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(scratch) / 'profile'}",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        completed = run_tool(command, f"--format pdf: {browser}", timeout=300)
        if completed.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            tail = completed.stderr.strip().splitlines()[-3:]
            raise GatekeeperError(f"--format pdf: {browser} printed no PDF: {' / '.join(tail)}")
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(target), output)
