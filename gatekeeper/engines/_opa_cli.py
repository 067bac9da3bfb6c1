"""The opa-cli engine: one ``opa eval`` process per decision.

The policy is read by ``opa`` itself from exactly the files gatekeeper digested
(each module and data file named on the command line with ``--data``, never the
whole folder, so a stray file there is ignored by every engine alike), plus the
``--data`` files; the input goes in on stdin. A policy data file that the
organisation's layer (``--policy-data``) changed is given as the merged document,
written once to a private temporary folder. Each decision is a whole process -
that is what the CLI is, and the benchmark shows what it costs.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gatekeeper.engines._protocol import EngineOptions
from gatekeeper.engines._result import require_decision, undefined_decision
from gatekeeper.limits._deadline import time_left
from gatekeeper.models._exceptions import EngineError, PolicyError
from gatekeeper.models._jsontext import dumps_exact
from gatekeeper.policy._files import ENTRYPOINT_QUERY, PolicySet
from gatekeeper.policy._opa_tool import find_opa_binary, opa_version

NAME = "opa-cli"
_COMPILE_CODES = (
    "rego_parse_error",
    "rego_compile_error",
    "rego_type_error",
    "rego_unsafe_var_error",
    "rego_recursion_error",
)


class OpaCliEngine:
    """Runs ``opa eval`` for each input."""

    name = NAME

    def __init__(self, policy: PolicySet, options: EngineOptions | None = None) -> None:
        self._options = options or EngineOptions()
        self._binary = find_opa_binary(self._options.opa_binary)
        self._version: str | None = None
        command = [self._binary, "eval", "--format", "json", "--stdin-input"]
        for path in policy.module_files:
            command += ["--data", str(path)]
        self._layered: tempfile.TemporaryDirectory[str] | None = None
        if policy.layered:
            self._layered = tempfile.TemporaryDirectory(prefix="gatekeeper-policy-data-")
        for index, path in enumerate(policy.data_files):
            source = path
            if self._layered is not None and path in policy.layered:
                source = Path(self._layered.name) / f"{index}.json"
                source.write_text(json.dumps(policy.layered[path]), encoding="utf-8")
            command += ["--data", f"{_data_prefix(policy, path)}:{source}"]
        for path in policy.extra_data_files:
            command += ["--data", str(path)]
        if self._options.strict_builtin_errors:
            command.append("--strict-builtin-errors")
        command.append(ENTRYPOINT_QUERY)
        self.command: tuple[str, ...] = tuple(command)

    def version(self) -> str:
        """``opa <version>`` of the binary in use."""
        if self._version is None:
            self._version = opa_version(self._binary, self._options.timeout_seconds)
        return self._version

    def evaluate(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """Run one ``opa eval`` on ``document``."""
        try:
            payload = dumps_exact(document)
        except ValueError as exc:
            raise EngineError(f"{NAME}: input is not JSON: {exc}") from exc
        try:
            completed = subprocess.run(
                self.command,
                input=payload,
                capture_output=True,
                text=True,
                timeout=time_left(self._options.timeout_seconds),
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise EngineError(
                f"{NAME}: opa eval gave no answer within {self._options.timeout_seconds:g}s"
            ) from exc
        except OSError as exc:
            raise EngineError(f"{NAME}: cannot run {self._binary}: {exc}") from exc
        answer = _parse_json(completed.stdout)
        if completed.returncode != 0:
            raise _failure(completed.returncode, answer, completed.stderr)
        if not isinstance(answer, dict):
            raise EngineError(f"{NAME}: unreadable opa eval output: {completed.stdout[:200]!r}")
        results = answer.get("result")
        if not results:
            raise undefined_decision(NAME)
        try:
            value = results[0]["expressions"][0]["value"]
        except (KeyError, IndexError, TypeError) as exc:
            raise EngineError(f"{NAME}: unexpected opa eval output shape: {exc!r}") from exc
        return require_decision(NAME, value)

    def close(self) -> None:
        """Remove the layered data files, if any (every decision is its own process)."""
        if self._layered is not None:
            self._layered.cleanup()


def _data_prefix(policy: PolicySet, path: Path) -> str:
    """The data path of a data file in the policy folder (its folder), as ``opa -d`` gives it."""
    parts = path.parent.relative_to(policy.root).parts
    return ".".join(parts) if parts else ""


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text) if text.strip() else None
    except ValueError:
        return None


def _failure(returncode: int, answer: Any, stderr: str) -> Exception:
    errors = answer.get("errors") if isinstance(answer, dict) else None
    if not isinstance(errors, list) or not errors:
        detail = stderr.strip() or "no error message"
        return EngineError(f"{NAME}: opa eval failed (exit {returncode}): {detail[:500]}")
    described = "; ".join(_describe(error) for error in errors if isinstance(error, dict))
    codes = {error.get("code") for error in errors if isinstance(error, dict)}
    if codes & set(_COMPILE_CODES):
        return PolicyError(f"{NAME}: policy compile error: {described}")
    return EngineError(f"{NAME}: opa eval failed (exit {returncode}): {described}")


def _describe(error: Mapping[str, Any]) -> str:
    location = error.get("location")
    where = ""
    if isinstance(location, dict) and location.get("file"):
        where = f"{location['file']}:{location.get('row', '?')}:{location.get('col', '?')}: "
    code = f" ({error['code']})" if error.get("code") else ""
    message = " ".join(str(error.get("message", "unknown error")).split())
    return f"{where}{message}{code}"
