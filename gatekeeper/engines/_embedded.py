"""The embedded engine: OPA's own compiler (Wasm) run in this process by wasmtime.

The policy is the Wasm build of the policy folder's modules (``opa build -t wasm``;
the shipped build for gatekeeper's own policy, see ``_wasm_policy``). Its machine
code is compiled once and cached on disk (``_wasm_cache``), so a cold check with a
warm cache only loads it. The data document (policy data plus ``--data`` files)
is parsed into the module once when the engine opens; before any decision the
module must prove it is the policy folder's build (its ``modules_sha256``
entrypoint answers the digest of the folder's modules, see ``_wasm_policy``).
Each decision writes its input and runs ``opa_eval``. Built-ins the module
imports (``sprintf``) are answered by the host with OPA's exact text
(``_wasm_builtins``).

Thread safety: one Wasm instance evaluates one input at a time, so an engine
serialises its evaluations with a lock. Use one engine per thread for parallel work.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gatekeeper.engines._protocol import EngineOptions
from gatekeeper.engines._result import require_decision, undefined_decision
from gatekeeper.limits._deadline import time_left
from gatekeeper.models._exceptions import EngineError, GatekeeperError, PolicyError
from gatekeeper.models._jsontext import dumps_exact
from gatekeeper.policy._files import ENTRYPOINT, PolicySet

if TYPE_CHECKING:
    from gatekeeper.engines._wasm_policy import WasmSource

NAME = "embedded"


def encode_document(document: Mapping[str, Any]) -> bytes:
    """The one serialisation of an input document for the Wasm policy (UTF-8 JSON)."""
    try:
        return dumps_exact(document).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise EngineError(f"{NAME}: input is not JSON: {exc}") from exc


class EmbeddedEngine:
    """Evaluates the decision entrypoint with the OPA-compiled Wasm policy.

    ``compiled`` tells whether this engine compiled the machine code (a cache miss)
    or loaded it from the cache; ``wasm_origin`` whether the Wasm is the shipped build.
    """

    name = NAME

    def __init__(self, policy: PolicySet, options: EngineOptions | None = None) -> None:
        from gatekeeper.engines import _wasm_host
        from gatekeeper.engines._wasm_policy import policy_wasm

        self._options = options or EngineOptions()
        self._lock = threading.Lock()
        source = policy_wasm(policy.modules, self._options.opa_binary)
        self._opa_version = source.opa_version
        self.wasm_origin = source.origin
        engine = _wasm_host.make_engine()
        module, entry = load_module(engine, source.wasm)
        self.compiled = entry is None
        self._policy: Any = _wasm_host.WasmPolicy(
            engine, module, policy.data, NAME, _wasm_host.data_pages(source.wasm)
        )
        try:
            self._prove_identity(source, entry)
            self._entrypoint = self._policy.entrypoint_id(ENTRYPOINT)
        except BaseException:
            self.close()
            raise

    def _prove_identity(self, source: WasmSource, entry: Path | None) -> None:
        """Refuse a module that does not answer the digest of the modules it must run."""
        from gatekeeper.engines._wasm_policy import IDENTITY_ENTRYPOINT

        try:
            identity = self._policy.entrypoint_id(IDENTITY_ENTRYPOINT)
            text = self._policy.evaluate(identity, b"{}", self._options.timeout_seconds)
            claimed = _single_value(text)
        except GatekeeperError as exc:
            claimed = f"no answer ({exc})"
        if claimed == source.modules_sha256:
            return
        raise _not_what_it_claims(claimed, source, entry)

    def version(self) -> str:
        """``opa <version> wasm, wasmtime <version>``."""
        return f"opa {self._opa_version} wasm, wasmtime {wasmtime_version()}"

    def evaluate(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """Run the compiled entrypoint for ``document``."""
        payload = encode_document(document)
        with self._lock:
            if self._policy is None:
                raise EngineError(f"{NAME}: the engine is closed")
            timeout = time_left(self._options.timeout_seconds)  # within a decision's deadline
            text = self._policy.evaluate(self._entrypoint, payload, timeout)
        return require_decision(NAME, _single_value(text))

    def close(self) -> None:
        """Drop the Wasm instance."""
        with self._lock:
            if self._policy is not None:
                self._policy.close()
            self._policy = None


def _not_what_it_claims(claimed: Any, source: WasmSource, entry: Path | None) -> EngineError:
    """The refusal of a module whose identity answer is not ``source.modules_sha256``."""
    from gatekeeper.engines._wasm_policy import SHIPPED_WASM

    shown = f"sha256:{claimed}" if isinstance(claimed, str) and len(claimed) == 64 else claimed
    files = [f"compiled code {entry}"] if entry else []
    files += [f"Wasm {source.location}"] if source.location else []
    cached = [str(path) for path in (entry, source.location) if path and path != SHIPPED_WASM]
    remedy = f"remove {' and '.join(cached)} and run again" if cached else "reinstall gatekeeper"
    return EngineError(
        f"{NAME}: the compiled policy is not the policy it claims: it was built from modules "
        f"{shown}, the policy folder's modules are sha256:{source.modules_sha256}; refusing "
        f"it ({'; '.join(files) or 'a fresh build'}): {remedy}"
    )


def _single_value(text: str) -> Any:
    """The one value of OPA's result set ``[{"result": ...}]``; undefined is an error."""
    from gatekeeper.engines._wasm_values import result_set

    try:
        results = result_set(text)
    except (ValueError, IndexError) as exc:
        raise EngineError(f"{NAME}: unreadable engine output: {text[:200]!r}") from exc
    if not results:
        raise undefined_decision(NAME)
    if len(results) != 1 or not isinstance(results[0], dict) or "result" not in results[0]:
        raise EngineError(f"{NAME}: expected one result, got {len(results)}")
    return results[0]["result"]


@functools.cache
def wasmtime_version() -> str:
    """The installed wasmtime-py version, read from its distribution folder's name."""
    import wasmtime

    site = Path(wasmtime.__file__).resolve().parent.parent
    try:
        names = os.listdir(site)
    except OSError:
        names = []
    for name in names:
        if name.startswith("wasmtime-") and name.endswith(".dist-info"):
            return name[len("wasmtime-") : -len(".dist-info")]
    return "unknown"


def _runtime_stamp() -> str:
    """What identifies the wasmtime build: its version and its native library's size and time."""
    import wasmtime

    library = Path(wasmtime.__file__).resolve().parent
    stamps = [wasmtime_version()]
    for candidate in sorted(library.glob("*/_libwasmtime.*")):
        try:
            status = candidate.stat()
        except OSError:
            continue
        stamps.append(f"{candidate.name}:{status.st_size}:{status.st_mtime_ns}")
    return "|".join(stamps)


def load_module(engine: Any, wasm: bytes) -> tuple[Any, Path | None]:
    """The compiled module for ``wasm`` and the cache entry it was loaded from (None: compiled now).

    A cache someone else could have written is refused (``_wasm_cache.CacheRefused``).
    """
    import wasmtime

    from gatekeeper.engines import _wasm_cache
    from gatekeeper.engines._wasm_host import CONFIG_TAG

    key = hashlib.sha256(
        hashlib.sha256(wasm).digest() + f"|{_runtime_stamp()}|{CONFIG_TAG}".encode()
    ).hexdigest()
    path = _wasm_cache.cache_dir() / "compiled" / f"{key}.cwasm"
    payload = _wasm_cache.read_entry(path)
    if payload is not None:
        try:
            return wasmtime.Module.deserialize(engine, payload), path
        except wasmtime.WasmtimeError:
            pass
    try:
        module = wasmtime.Module(engine, wasm)
    except wasmtime.WasmtimeError as exc:
        raise PolicyError(f"{NAME}: the Wasm policy does not compile: {exc}") from exc
    _wasm_cache.write_entry(path, bytes(module.serialize()))
    return module, None
