"""``gatekeeper doctor``: what this install can do, what is missing, and the command that fixes it.

Each check is a small function returning :class:`Finding` rows; nothing here
changes the machine. The core (``check`` on the embedded engine) is ``required``;
everything else is optional and names the job that needs it.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from gatekeeper import __version__
from gatekeeper.models._exceptions import GatekeeperError
from gatekeeper.models._extras import EXTRAS, install_hint, is_installed

OK = "ok"
MISSING = "missing"
WARN = "warn"
_REINSTALL = "pip install --force-reinstall gatekeeper"
_UNWRITABLE_LOG = "set --decision-log or $GATEKEEPER_DECISION_LOG to a writable file"


def opa_install_hint() -> str:
    """How to get ``opa``: the release the shipped Wasm was built with (its manifest is the
    one place that names it), on PATH or in ``$GATEKEEPER_OPA``."""
    from gatekeeper.engines._wasm_policy import read_manifest

    manifest = read_manifest() or {}
    pinned = f"v{manifest['opa_version']}" if manifest.get("opa_version") else "latest"
    return (
        f"install opa {pinned} (a single binary from the Open Policy Agent releases, or "
        f"`go install github.com/open-policy-agent/opa@{pinned}`), put it on PATH or set "
        "$GATEKEEPER_OPA"
    )


@dataclass(frozen=True)
class Finding:
    """One line of the doctor's report."""

    area: str
    name: str
    status: str
    detail: str
    needed_for: str = ""
    fix: str = ""
    required: bool = False


def _dist_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def check_python() -> list[Finding]:
    """The interpreter and gatekeeper itself."""
    version = ".".join(str(part) for part in sys.version_info[:3])
    status, fix = (OK, "") if sys.version_info >= (3, 11) else (MISSING, "use Python 3.11 or newer")
    python = f"{version} ({sys.executable})"
    here = f"{__version__} ({Path(__file__).parent})"
    return [
        Finding("core", "gatekeeper", OK, here, required=True),
        Finding("core", "python", status, python, "everything", fix, required=True),
    ]


def check_core_packages() -> list[Finding]:
    """The packages ``gatekeeper check`` imports."""
    rows = []
    for dist, module in (("pydantic", "pydantic"), ("jinja2", "jinja2"), ("pyyaml", "yaml")):
        version = _dist_version(dist) if is_installed(module) else None
        status, fix = (OK, "") if version else (MISSING, _REINSTALL)
        detail = version or "not installed"
        rows.append(Finding("core", dist, status, detail, "gatekeeper check", fix, required=True))
    return rows


def check_embedded_engine() -> list[Finding]:
    """Open the default engine on the packaged policy, as ``gatekeeper check`` does."""
    from gatekeeper.engines import open_engine
    from gatekeeper.models._exceptions import GatekeeperError
    from gatekeeper.policy._files import load_policy_set

    needed = "gatekeeper check (default engine)"
    try:
        policy = load_policy_set()
        engine = open_engine("embedded", policy)
        try:
            version = engine.version()
        finally:
            engine.close()
    except (GatekeeperError, ImportError, OSError) as exc:
        return [Finding("engines", "embedded", MISSING, str(exc), needed, _REINSTALL, True)]
    return [
        Finding("engines", "embedded", OK, version, needed, required=True),
        Finding("policy", "packaged policy", OK, f"{policy.revision} ({policy.root})"),
    ]


def _opa_source(configured: str | None) -> tuple[str | None, str]:
    """Where the ``opa`` binary comes from, as ``find_opa_binary`` would choose it."""
    from gatekeeper.policy._opa_tool import OPA_BINARY_ENV, go_bin_dirs

    explicit = configured or os.environ.get(OPA_BINARY_ENV)
    if explicit:
        return shutil.which(explicit), f"${OPA_BINARY_ENV}" if not configured else "--opa-binary"
    on_path = shutil.which("opa")
    if on_path:
        return on_path, "PATH"
    for folder in go_bin_dirs():
        candidate = folder / "opa"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate), "go-bin"
    return None, ""


def check_opa_binary(configured: str | None = None) -> list[Finding]:
    """The ``opa`` binary: for ``--engine opa-cli``, ``bundle build`` and audit coverage."""
    from gatekeeper.models._exceptions import EngineError
    from gatekeeper.policy._opa_tool import opa_version

    needed = "--engine opa-cli, bundle build, audit test coverage"
    path, source = _opa_source(configured)
    if path is None:
        return [Finding("engines", "opa", MISSING, "not found", needed, opa_install_hint())]
    try:
        version = opa_version(path)
    except EngineError as exc:
        return [Finding("engines", "opa", MISSING, str(exc), needed, opa_install_hint())]
    if source == "go-bin":
        detail = f"{version} at {path}: found in Go's bin folder, which is not on PATH"
        fix = f'export PATH="{Path(path).parent}:$PATH" (other tools will not find opa otherwise)'
        return [Finding("engines", "opa", WARN, detail, needed, fix)]
    return [Finding("engines", "opa", OK, f"{version} at {path} (from {source})", needed)]


def check_extras() -> list[Finding]:
    """Each optional extra: installed versions, or the ``pip install`` that brings it."""
    needed = {
        "metrics": "build-input, check --from-metrics",
        "server": "--engine opa-server",
        "bdd": "scenarios, audit scenario evidence, the pytest step library",
        "postgres": "--log-store postgresql, serve --state postgresql",
    }
    rows = []
    for extra, modules in EXTRAS.items():
        missing = [module for module in modules if not is_installed(module)]
        if missing:
            detail = "not installed: " + ", ".join(missing)
            rows.append(
                Finding("extras", extra, MISSING, detail, needed[extra], install_hint(extra))
            )
            continue
        names = {"pytest_bdd": "pytest-bdd"}
        versions = [
            f"{module} {_dist_version(names.get(module, module)) or '?'}" for module in modules
        ]
        rows.append(Finding("extras", extra, OK, ", ".join(versions), needed[extra]))
    return rows


def check_decision_log() -> list[Finding]:
    """Where ``check`` appends its decisions, and whether it can."""
    from gatekeeper.log._decision_log import log_path

    path = log_path(None)
    folder = path.parent if str(path.parent) else Path(".")
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    writable = os.access(path if path.exists() else existing, os.W_OK)
    status, fix = (OK, "") if writable else (MISSING, _UNWRITABLE_LOG)
    detail = f"{path} ({'exists' if path.exists() else 'created on first decision'})"
    return [Finding("files", "decision log", status, detail, "gatekeeper check", fix)]


def check_caches() -> list[Finding]:
    """The on-disk cache of compiled policies, when the embedded engine keeps one."""
    try:
        module: Any = importlib.import_module("gatekeeper.engines._wasm_cache")
    except ImportError:
        return [Finding("files", "cache", OK, "the embedded engine keeps no cache on disk")]
    folder = Path(module.cache_dir())
    try:
        for checked in (folder, folder / "compiled", folder / "wasm"):
            module.check_folder(checked)
    except GatekeeperError as exc:
        fix = f"rm -r {folder}, or set ${module.CACHE_DIR_ENV} to a folder only you can write"
        return [Finding("files", "cache", MISSING, str(exc), "gatekeeper check", fix, True)]
    if not folder.is_dir():
        return [Finding("files", "cache", OK, f"{folder} (empty: filled on first use)")]
    files = [p for p in folder.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    detail = f"{folder}: {len(files)} entries, {size / 1_048_576:.1f} MiB"
    return [Finding("files", "cache", OK, detail, "", f"rm -r {folder} to clear it")]


CHECKS: tuple[Callable[[], list[Finding]], ...] = (
    check_python,
    check_core_packages,
    check_embedded_engine,
    check_opa_binary,
    check_extras,
    check_decision_log,
    check_caches,
)


def run_doctor() -> list[Finding]:
    """Every finding, in report order."""
    rows: list[Finding] = []
    for check in CHECKS:
        rows.extend(check())
    return rows


def is_healthy(rows: list[Finding]) -> bool:
    """Whether everything ``gatekeeper check`` needs is there."""
    return all(row.status != MISSING for row in rows if row.required)


def format_text(rows: list[Finding]) -> str:
    """A table for a terminal, then the fixes."""
    marks = {OK: "ok", MISSING: "MISSING", WARN: "warn"}
    width = max(len(row.name) for row in rows)
    lines = []
    for row in rows:
        line = f"{marks[row.status]:<7} {row.name:<{width}}  {row.detail}"
        if row.needed_for and row.status != OK:
            line += f"  [needed for {row.needed_for}]"
        lines.append(line)
    fixes = [row for row in rows if row.fix and row.status != OK]
    if fixes:
        lines.append("")
        lines.append("To fix:")
        lines.extend(f"  {row.name}: {row.fix}" for row in fixes)
    verdict = "ready" if is_healthy(rows) else "NOT ready"
    lines.append("")
    lines.append(f"gatekeeper check (embedded engine): {verdict}")
    return "\n".join(lines) + "\n"


def as_json(rows: list[Finding]) -> list[dict[str, Any]]:
    """The findings as JSON objects."""
    return [asdict(row) for row in rows]
