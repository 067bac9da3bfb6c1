"""The embedded engine: regopy (rego-cpp) in this process, compiled once.

The policy modules and data are compiled into one bundle when the engine opens;
each :meth:`EmbeddedEngine.evaluate` sets the input and runs the bundle's
entrypoint plan (``query_bundle_entrypoint``), so a batch of decisions never
parses or compiles the policy again.

Thread safety: a regopy interpreter holds one input at a time, so an engine
instance serialises its evaluations with a lock. Use one engine per thread for
parallel work.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from typing import Any

from gatekeeper._exceptions import EngineError, PolicyError
from gatekeeper._jsontext import dumps_exact
from gatekeeper._policy_files import ENTRYPOINT, PolicySet
from gatekeeper.engines._protocol import EngineOptions
from gatekeeper.engines._regopy_guard import check_function_arities
from gatekeeper.engines._result import require_decision, undefined_decision

NAME = "embedded"
_LENGTH_PREFIXED = re.compile(r"\((error|errormsg|errorcode) (\d+):")


class EmbeddedEngine:
    """Evaluates the decision entrypoint with regopy, reusing one compiled bundle."""

    name = NAME

    def __init__(self, policy: PolicySet, options: EngineOptions | None = None) -> None:
        import regopy

        check_function_arities(policy.modules, NAME)
        self._regopy = regopy
        self._options = options or EngineOptions()
        self._modules = dict(policy.modules)
        self._lock = threading.Lock()
        interpreter = regopy.Interpreter()
        interpreter.log_level = regopy.LogLevel.NONE  # errors come back as exceptions
        interpreter.strict_built_in_errors = self._options.strict_builtin_errors
        try:
            interpreter.add_data_json(json.dumps(policy.data))
            for name, source in sorted(policy.modules.items()):
                interpreter.add_module(name, source)
            bundle = interpreter.build(None, [ENTRYPOINT])
        except regopy.RegoError as exc:
            raise PolicyError(
                f"{NAME}: policy compile error: {self._describe(str(exc.args[0]))}"
            ) from exc
        if not bundle.ok():
            raise PolicyError(f"{NAME}: policy compile error: the bundle did not build")
        self._interpreter: Any = interpreter
        self._bundle: Any = bundle

    def version(self) -> str:
        """``regopy <version>``."""
        return f"regopy {self._regopy.__version__}"

    def evaluate(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """Run the compiled entrypoint for ``document``."""
        try:
            text = dumps_exact(document)
        except ValueError as exc:
            raise EngineError(f"{NAME}: input is not JSON: {exc}") from exc
        with self._lock:
            if self._interpreter is None:
                raise EngineError(f"{NAME}: the engine is closed")
            try:
                self._interpreter.set_input_term(text)
                ok, text, errors = _query_entrypoint(self._interpreter, self._bundle)
            except self._regopy.RegoError as exc:
                raise EngineError(
                    f"{NAME}: evaluation error: {self._describe(str(exc.args[0]))}"
                ) from exc
        if not ok:
            raise EngineError(f"{NAME}: evaluation error: {'; '.join(errors) or text}")
        return require_decision(NAME, _single_value(text))

    def close(self) -> None:
        """Drop the interpreter and its bundle."""
        with self._lock:
            self._bundle = None
            self._interpreter = None

    def _describe(self, sexpr: str) -> str:
        """Turn regopy's error S-expression into ``file:line:col: message`` lines."""
        messages = _parse_error_sexpr(sexpr, self._modules)
        return "; ".join(messages) if messages else sexpr.strip()


def _query_entrypoint(interpreter: Any, bundle: Any) -> tuple[bool, str, list[str]]:
    """Run the bundle's entrypoint plan: (ok, output text, error messages).

    regopy's ``Output`` class parses the text itself and crashes on the error
    S-expression that rego-cpp prints for some run-time errors (for example
    "Recursion detected in rule body"), so the C API is called directly here.
    """
    from regopy.rego_shared import (
        rego_bundle_query_entrypoint,
        rego_free_output,
        rego_output_node,
        rego_output_ok,
        rego_output_string,
    )

    output = rego_bundle_query_entrypoint(interpreter._impl, bundle._impl, ENTRYPOINT)
    try:
        ok = bool(rego_output_ok(output))
        text = rego_output_string(output)
        errors = [] if ok else _error_messages(rego_output_node(output))
    finally:
        rego_free_output(output)
    return ok, text, errors


def _single_value(text: str) -> Any:
    """The one value of an entrypoint query, or ``EngineError`` when undefined."""
    if text.strip() == "undefined":
        raise undefined_decision(NAME)
    try:
        parsed = json.loads(text)
    except ValueError as exc:
        messages = [m for m in _parse_error_sexpr(text, {}) if m]
        if messages:
            raise EngineError(f"{NAME}: evaluation error: {'; '.join(messages)}") from exc
        raise EngineError(f"{NAME}: unreadable engine output: {text[:200]!r}") from exc
    results = parsed if isinstance(parsed, list) else [parsed]
    if len(results) != 1 or not isinstance(results[0], dict):
        raise EngineError(f"{NAME}: expected one result, got {len(results)}")
    expressions = results[0].get("expressions")
    if not isinstance(expressions, list) or len(expressions) != 1:
        raise undefined_decision(NAME)
    return expressions[0]


def _error_messages(node: Any) -> list[str]:
    """The message and code texts found in a regopy error node."""
    from regopy import NodeKind
    from regopy.rego_shared import rego_node_get, rego_node_size, rego_node_type, rego_node_value

    wanted = {NodeKind.ErrorMessage.value, NodeKind.ErrorCode.value}
    found: list[str] = []

    def walk(impl: Any) -> None:
        if rego_node_type(impl) in wanted:
            value = rego_node_value(impl)
            if value:
                found.append(value)
        for index in range(rego_node_size(impl)):
            walk(rego_node_get(impl, index))

    walk(node)
    return found


def _parse_error_sexpr(sexpr: str, modules: Mapping[str, str]) -> list[str]:
    """Read ``(error N:file|offset|len (errormsg N:text) ...)`` entries."""
    messages: list[str] = []
    location = ""
    position = 0
    while True:
        match = _LENGTH_PREFIXED.search(sexpr, position)
        if match is None:
            break
        kind, length = match.group(1), int(match.group(2))
        start = match.end()
        value = sexpr[start : start + length]
        position = start + length
        if kind == "error":
            location = _location(value, sexpr[position:], modules)
        elif kind == "errormsg":
            message = f"{location}: {value}" if location else value
            if message not in messages:
                messages.append(message)
    return messages


def _location(file_name: str, rest: str, modules: Mapping[str, str]) -> str:
    offset_match = re.match(r"\|(\d+)\|", rest)
    source = modules.get(file_name)
    if offset_match is None or source is None:
        return file_name
    offset = int(offset_match.group(1))
    line = source.count("\n", 0, offset) + 1
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return f"{file_name}:{line}:{column}"
