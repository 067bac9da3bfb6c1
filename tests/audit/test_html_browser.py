"""The HTML audit in a real browser: headless Chromium renders it; matrices and gaps show."""

from __future__ import annotations

import html
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from gatekeeper.cli._main import main
from tests.conftest import missing

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's chromium; missing fails under CI=true, skips otherwise."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    missing("chromium is missing (apt-get install chromium)")


@pytest.fixture(scope="module")
def html_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML audit of the shipped policy (no scenario run: the gaps section is populated)."""
    output = tmp_path_factory.mktemp("html") / "audit.html"
    code = main(["audit", "--format", "html", "--no-scenarios", "--no-opa", "-o", str(output)])
    assert code == 1  # scenarios-not-run is a gap
    return output


def _run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_html_is_self_contained(html_report: Path) -> None:
    text = html_report.read_text("utf-8")
    assert "<style>" in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text)
    assert "<link" not in text and "<script" not in text


def test_browser_shows_matrices_and_gaps(chromium: str, html_report: Path, tmp_path: Path) -> None:
    completed = _run(chromium, tmp_path / "profile", "--dump-dom", html_report.as_uri())
    assert completed.returncode == 0, completed.stderr[-2000:]
    # <wbr> marks where a cell may wrap (after an underscore); it is no text
    dom = html.unescape(completed.stdout).replace("<wbr>", "")
    assert 'id="gaps"' in dom and "scenarios-not-run" in dom
    matrix = dom[dom.index('id="matrix-decision-matrix"') :]
    matrix = matrix[: matrix.index("</table>")]
    assert re.search(
        r"<th>gate failure \[performance\]</th>\s*<td[^>]*>manual_decision "
        r"\(5 min, then auto_rollback\)</td>",
        matrix,
    )
    assert matrix.count("<td") == 20
    authority = dom[dom.index('id="matrix-authority"') :]
    authority = authority[: authority.index("</table>")]
    assert re.search(
        r"<th>quality</th>\s*<td[^>]*>QA DRI</td>\s*<td[^>]*>QA DRI</td>\s*"
        r"<td[^>]*>QA DRI \+ Sprint DRI</td>",
        authority,
    )
    assert dom.index('id="gaps"') < dom.index('id="matrix-decision-matrix"')


def _png_pixels(path: Path) -> tuple[int, int, set[bytes]]:
    """Width, height and the set of distinct RGB(A) pixels of an 8-bit PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    colours: set[bytes] = set()
    previous = bytearray(stride)
    offset = 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (
                    line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)
                ) & 255
        colours.update(bytes(line[i : i + 3]) for i in range(0, stride, channels * 7))
        previous = line
    return width, height, colours


def test_screenshot_is_not_blank(chromium: str, html_report: Path, tmp_path: Path) -> None:
    screenshot = tmp_path / "audit.png"
    completed = _run(
        chromium,
        tmp_path / "profile",
        f"--screenshot={screenshot}",
        "--window-size=1024,1280",
        "--hide-scrollbars",
        html_report.as_uri(),
    )
    assert completed.returncode == 0 and screenshot.is_file(), completed.stderr[-2000:]
    keep = os.environ.get("GATEKEEPER_KEEP_SCREENSHOT")
    if keep:
        shutil.copyfile(screenshot, keep)
    width, height, colours = _png_pixels(screenshot)
    assert (width, height) == (1024, 1280)
    assert len(colours) > 20, "the page rendered blank"
    assert bytes((0xFF, 0xF1, 0xF0)) in colours, "the gaps box (#fff1f0) is not on screen"
