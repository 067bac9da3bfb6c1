"""The package's layout (README, "Architecture"): stages as packages, each importing only
the stages below it, no import circles, nothing loose at the package root.

Imports are read from the source (``ast``), at module level and inside functions
alike, so a lazy import cannot hide an arrow up a layer or a circle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "gatekeeper"

LAYERS = {
    "models": 0,
    "limits": 1,
    "reports": 1,
    "policy": 2,
    "state": 2,
    "engines": 3,
    "log": 3,
    "metrics": 3,
    "check": 4,
    "bdd": 5,
    "serve": 5,
    "audit": 6,
    "cli": 7,
}
"""Stage -> its floor: a stage imports only stages on lower floors (the package's own
``__init__``, which holds only the version, is below them all)."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path) -> Iterator[str]:
    """Every gatekeeper module ``path`` imports (a name imported from a package that is
    itself a module counts as that module)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            targets = [str(node.args[0].value)]
        else:
            continue
        for target in targets:
            if target in MODULES:
                yield target


GRAPH = {name: set(_imports(path)) - {name} for name, path in MODULES.items()}


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_success_the_package_root_holds_only_its_entry_points() -> None:
    loose = {path.name for path in PACKAGE.glob("*.py")}
    assert loose == {"__init__.py", "__main__.py"}
    assert {path.name for path in PACKAGE.iterdir() if path.is_dir()} - {"__pycache__"} == set(
        LAYERS
    )


def test_success_every_stage_imports_only_stages_below_it() -> None:
    upward = [
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if _stage(module) in LAYERS
        and _stage(target) != _stage(module)
        and LAYERS.get(_stage(target), -1) >= LAYERS[_stage(module)]
    ]
    assert upward == []


def test_success_no_module_imports_itself_through_others() -> None:
    """No circle of imports: a depth-first walk meets no module already on its path."""
    circles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            circles.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for target in sorted(GRAPH[module]):
            if not target.startswith(module + "."):  # a package's face naming its parts
                visit(target, [*path, module])
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, [])
    assert circles == []
