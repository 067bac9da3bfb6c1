"""Refuse policies that crash regopy, before regopy sees them.

regopy 1.5.2 (rego-cpp) aborts the whole process - or returns a wrong or empty
result - when two packages define functions of the same name with different
arities (``_invalid(field, message)`` in one package, ``_invalid(m, o, t, f)`` in
another), depending on the order the modules are added. OPA accepts such a
policy. A crash cannot be caught, so this check reads the function heads and
raises :class:`PolicyError` naming both definitions: exit 2 with a cause, never a
core dump.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from gatekeeper._exceptions import PolicyError

_PACKAGE = re.compile(r"^package\s+([\w.\[\]\"-]+)", re.MULTILINE)
_FUNCTION_HEAD = re.compile(r"^(?:default\s+)?([A-Za-z_]\w*)\(", re.MULTILINE)


def check_function_arities(modules: Mapping[str, str], engine: str) -> None:
    """Raise ``PolicyError`` when one function name has several arities across packages."""
    seen: dict[str, dict[int, tuple[str, str]]] = {}
    for file_name, source in sorted(modules.items()):
        package_match = _PACKAGE.search(source)
        package = package_match.group(1) if package_match else "?"
        for head in _FUNCTION_HEAD.finditer(source):
            arity = _arity(source, head.end())
            if arity is None:
                continue
            seen.setdefault(head.group(1), {}).setdefault(arity, (package, file_name))
    clashes = []
    for name, arities in sorted(seen.items()):
        packages = {package for package, _ in arities.values()}
        if len(arities) > 1 and len(packages) > 1:
            where = ", ".join(
                f"{name}/{arity} in {package} ({file_name})"
                for arity, (package, file_name) in sorted(arities.items())
            )
            clashes.append(where)
    if clashes:
        raise PolicyError(
            f"{engine}: policy not supported by regopy: one function name with different "
            f"arities in different packages crashes regopy 1.5.2: {'; '.join(clashes)}; "
            "rename one of them"
        )


def _arity(source: str, start: int) -> int | None:
    """Count the top-level arguments from just after ``(`` to its matching ``)``."""
    depth, commas, saw_token = 0, 0, False
    for index in range(start, min(len(source), start + 2000)):
        char = source[index]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                return commas + 1 if saw_token else 0
            depth -= 1
        elif char == "," and depth == 0:
            commas += 1
        elif char == "\n" and depth == 0 and not saw_token:
            continue
        if not char.isspace():
            saw_token = True
    return None
