"""A host for an OPA-compiled Wasm policy, following OPA's documented Wasm ABI.

The module imports ``env.memory`` (with at least the pages it declares),
``env.opa_abort``, optionally ``env.opa_println``, and ``env.opa_builtin0`` ..
``opa_builtin4`` for the built-ins it lists in its ``builtins`` export. The data
document is parsed into the module's heap once (``opa_json_parse``); the heap
pointer after it is saved, and every decision writes its input there and calls
``opa_eval`` (ABI 1.2) with a heap pointer just past the input, so each
evaluation starts from the same heap and nothing leaks between decisions (the
heap base moves only past interned built-in results, below).

A host built-in (``sprintf``) reads its arguments from the module's memory
(``_wasm_reader``) and answers with a string value it lays out in one
``opa_malloc`` block. Its text is kept per argument list, and a text asked for
again is interned below the heap base after the evaluation (``_wasm_results``):
the next evaluations get its address without a call into the module.

A deadline per evaluation uses wasmtime's epoch interruption: one daemon thread
advances the engine's epoch every :data:`TICK_SECONDS` while evaluations run.
"""

from __future__ import annotations

import ctypes
import json
import threading
from collections.abc import Mapping
from typing import Any

import wasmtime

from gatekeeper.engines._wasm_builtins import HOST_BUILTINS, BuiltinError
from gatekeeper.engines._wasm_reader import (
    STRING_HEADER_SIZE,
    Unreadable,
    call_key,
    first_index,
    read_value,
    same_value,
    string_value,
)
from gatekeeper.engines._wasm_results import BuiltinResults
from gatekeeper.engines._wasm_values import RegoNumber, parse_value
from gatekeeper.models._exceptions import EngineError, PolicyError

TICK_SECONDS = 0.02
_PAGE = 65536
# read directly and compared with the module's own dump when an instance starts
_PROBE = (
    b"[null,true,false,0,-7,12,2.50,0.5183,-0.0051,1e3,1E+20,-1.5e-7,"
    b'123456789012345678901234567890.125,"",  "a\\u00e9\\n\\"b",["x",[1,2.0]]]'
)


def data_pages(wasm: bytes) -> int:
    """Memory pages the module's active data segments need (``opa build`` can declare fewer).

    Reads the Wasm binary's data section (id 11): each segment's ``i32.const`` offset
    plus its length. A module whose data section cannot be read this way gets 0, and
    its declared minimum is used.
    """
    position = 8
    try:
        while position < len(wasm):
            section_id = wasm[position]
            size, start = _uleb(wasm, position + 1)
            if section_id == 11:
                return _segments_pages(wasm, start)
            position = start + size
    except (IndexError, ValueError):
        return 0
    return 0


def _segments_pages(wasm: bytes, position: int) -> int:
    count, position = _uleb(wasm, position)
    end = 0
    for _ in range(count):
        flags, position = _uleb(wasm, position)
        if flags != 0 or wasm[position] != 0x41:
            raise ValueError("not an active i32.const data segment")
        offset, position = _sleb(wasm, position + 1)
        if wasm[position] != 0x0B:
            raise ValueError("unexpected offset expression")
        length, position = _uleb(wasm, position + 1)
        position += length
        end = max(end, offset + length)
    return -(-end // _PAGE)


def _leb(data: bytes, position: int, *, signed: bool) -> tuple[int, int]:
    """A LEB128 number at ``position``: ``(value, position after it)``."""
    result = shift = 0
    while True:
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            if signed and byte & 0x40:
                result -= 1 << shift
            return result, position


def _uleb(data: bytes, position: int) -> tuple[int, int]:
    return _leb(data, position, signed=False)


def _sleb(data: bytes, position: int) -> tuple[int, int]:
    return _leb(data, position, signed=True)


def make_engine() -> wasmtime.Engine:
    """A wasmtime engine with epoch interruption (the deadline) switched on."""
    config = wasmtime.Config()
    config.epoch_interruption = True
    return wasmtime.Engine(config)


CONFIG_TAG = "epoch-interruption"


class _Ticker:
    """Advances an engine's epoch every tick while anybody waits on a deadline."""

    def __init__(self, engine: wasmtime.Engine) -> None:
        self._engine = engine
        self._active = 0
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def __enter__(self) -> None:
        with self._condition:
            self._active += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="gatekeeper-wasm-deadline", daemon=True
                )
                self._thread.start()
            if self._active == 1:  # the thread may wait for work
                self._condition.notify()

    def __exit__(self, *_: object) -> None:
        with self._condition:
            self._active -= 1

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify()

    def _run(self) -> None:
        with self._condition:
            while not self._stopped:
                if self._active == 0:
                    self._condition.wait()
                    continue
                self._condition.wait(TICK_SECONDS)
                self._engine.increment_epoch()


class WasmPolicy:
    """One instance of a compiled OPA Wasm policy with its data loaded.

    ``reads_memory`` tells whether built-in arguments are read straight from the
    module's memory (the reader agreed with the module's own dump of a probe value
    when the instance started); otherwise every argument is dumped and parsed.
    """

    def __init__(
        self,
        engine: wasmtime.Engine,
        module: wasmtime.Module,
        data: Mapping[str, Any],
        label: str,
        min_pages: int = 0,
    ) -> None:
        self._label = label
        self._engine = engine
        self._store = wasmtime.Store(engine)
        self._store.set_epoch_deadline(2**62)
        self._pending: Exception | None = None
        self._ticker = _Ticker(engine)
        self._builtins: dict[int, Any] = {}
        self._results = BuiltinResults()
        self._memory_view: memoryview | None = None
        self.reads_memory = False
        self._memory = wasmtime.Memory(
            self._store, wasmtime.MemoryType(_memory_limits(module, min_pages))
        )
        try:
            instance = wasmtime.Instance(self._store, module, self._imports(module))
        except wasmtime.WasmtimeError as exc:
            raise PolicyError(f"{label}: the Wasm policy does not instantiate: {exc}") from exc
        self._exports = instance.exports(self._store)
        self._bind_builtins()
        self._entrypoints = self._dump_json(self._call("entrypoints"))
        self.reads_memory = self._reads_directly()
        self._data_addr = self._load_json(json.dumps(data, allow_nan=False).encode("utf-8"))
        self._data_heap = self._base_heap = int(self._call("opa_heap_ptr_get"))

    # -- imports -----------------------------------------------------------------------------

    def _imports(self, module: wasmtime.Module) -> list[Any]:
        i32 = wasmtime.ValType.i32()
        provided: list[Any] = []
        for item in module.imports:
            name = item.name or ""
            if item.module != "env":
                raise PolicyError(f"{self._label}: unexpected Wasm import {item.module}.{name}")
            if name == "memory":
                provided.append(self._memory)
            elif name == "opa_abort":
                provided.append(
                    wasmtime.Func(self._store, wasmtime.FuncType([i32], []), self._abort)
                )
            elif name == "opa_println":
                provided.append(
                    wasmtime.Func(self._store, wasmtime.FuncType([i32], []), lambda _addr: None)
                )
            elif name.startswith("opa_builtin") and name[len("opa_builtin") :].isdigit():
                arity = int(name[len("opa_builtin") :])
                func_type = wasmtime.FuncType([i32] * (2 + arity), [i32])
                provided.append(wasmtime.Func(self._store, func_type, self._builtin_entry))
            else:
                raise PolicyError(f"{self._label}: unexpected Wasm import env.{name}")
        return provided

    def _abort(self, addr: int) -> None:
        message = self._read_string(addr)
        self._pending = EngineError(f"{self._label}: evaluation aborted: {message}")
        raise RuntimeError(message)

    def _builtin_entry(self, builtin_id: int, ctx: int, *arg_addrs: int) -> wasmtime.Val:
        """The import's entry: the result as a typed value (wasmtime converts it cheaper)."""
        return wasmtime.Val.i32(self._builtin_call(builtin_id, ctx, *arg_addrs))

    def _builtin_call(self, builtin_id: int, _ctx: int, *arg_addrs: int) -> int:
        try:
            _name, function = self._builtins[builtin_id]
            args = self._arguments(arg_addrs)
            key = call_key(builtin_id, args)
            if key is not None:
                interned = self._results.address(key)
                if interned is not None:
                    return interned
                known = self._results.text(key)
                if known is not None:
                    return self._new_string(known)
            result = function(*args)
            if not isinstance(result, str):
                return self._load_json(json.dumps(result, allow_nan=False).encode("utf-8"))
            encoded = result.encode("utf-8")
            if key is not None:
                self._results.remember(key, encoded)
            return self._new_string(encoded)
        except BuiltinError as exc:
            self._pending = EngineError(f"{self._label}: evaluation error: {exc}")
            raise
        except Exception as exc:
            self._pending = EngineError(f"{self._label}: host built-in failed: {exc!r}")
            raise

    def _arguments(self, addrs: tuple[int, ...]) -> list[Any]:
        """A built-in's arguments: read from memory, or dumped and parsed when they cannot be."""
        if not self.reads_memory:
            return [parse_value(self._dump_value(addr)) for addr in addrs]
        view = self._view()
        args = []
        for addr in addrs:
            try:
                args.append(read_value(view, addr))
            except Unreadable:
                args.append(parse_value(self._dump_value(addr)))
                view = self._view()  # the dump allocated: the memory may have grown
        return args

    def _new_string(self, data: bytes) -> int:
        """A string value holding ``data``, in one block of the module's heap."""
        addr = int(self._call("opa_malloc", STRING_HEADER_SIZE + len(data)))
        self._memory.write(self._store, string_value(addr, data), addr)
        return addr

    def _reads_directly(self) -> bool:
        """Whether values read from memory equal the module's own dump of them."""
        try:
            addr = self._load_json(_PROBE)
            dumped = parse_value(self._dump_value(addr))
            read = read_value(self._view(), addr)
            index = read_value(self._view(), first_index(self._view(), addr))
        except (Unreadable, ValueError, EngineError):
            return False
        return same_value(read, dumped) and same_value(index, RegoNumber("0"))

    def _bind_builtins(self) -> None:
        wanted = self._dump_json(self._call("builtins"))
        unknown = sorted(name for name in wanted if name not in HOST_BUILTINS)
        if unknown:
            raise PolicyError(
                f"{self._label}: the policy needs built-ins this host does not provide: "
                + ", ".join(unknown)
            )
        self._builtins = {int(i): (name, HOST_BUILTINS[name]) for name, i in wanted.items()}

    # -- memory helpers ----------------------------------------------------------------------

    def _call(self, name: str, *args: int) -> Any:
        function = self._exports[name]
        if not isinstance(function, wasmtime.Func):
            raise PolicyError(f"{self._label}: the Wasm export {name} is not a function")
        return function(self._store, *(wasmtime.Val.i32(arg) for arg in args))  # all i32 (ABI)

    def _view(self) -> memoryview:
        """The module's memory as it is now; a new view once it has grown (it may have moved)."""
        size = self._memory.data_len(self._store)
        if self._memory_view is None or len(self._memory_view) != size:
            base = ctypes.addressof(self._memory.data_ptr(self._store).contents)
            self._memory_view = memoryview((ctypes.c_ubyte * size).from_address(base)).cast("B")
        return self._memory_view

    def _read_string(self, addr: int) -> str:
        base = ctypes.addressof(self._memory.data_ptr(self._store).contents)
        return ctypes.string_at(base + addr).decode("utf-8")

    def _dump_json(self, addr: int) -> Any:
        return json.loads(self._read_string(int(self._call("opa_json_dump", addr))))

    def _dump_value(self, addr: int) -> str:
        return self._read_string(int(self._call("opa_value_dump", addr)))

    def _load_json(self, raw: bytes) -> int:
        addr = int(self._call("opa_malloc", len(raw)))
        self._memory.write(self._store, raw, addr)
        parsed = int(self._call("opa_json_parse", addr, len(raw)))
        if parsed == 0:
            raise EngineError(f"{self._label}: the Wasm policy could not parse a JSON value")
        return parsed

    def _ensure_size(self, end: int) -> None:
        size = self._memory.data_len(self._store)
        if end > size:
            self._memory.grow(self._store, -(-(end - size) // _PAGE))

    # -- evaluation --------------------------------------------------------------------------

    def entrypoint_id(self, entrypoint: str) -> int:
        """The module's number for ``entrypoint`` (``gatekeeper/main/decision``)."""
        try:
            return int(self._entrypoints[entrypoint])
        except KeyError:
            raise PolicyError(
                f"{self._label}: the Wasm policy has no entrypoint {entrypoint} "
                f"(it has {', '.join(sorted(self._entrypoints))})"
            ) from None

    def evaluate(self, entrypoint_id: int, input_json: bytes, timeout_seconds: float) -> str:
        """Evaluate for one input (JSON bytes); return the result set in OPA's value format."""
        input_addr = self._base_heap
        heap = input_addr + len(input_json)
        self._ensure_size(heap)
        self._memory.write(self._store, input_json, input_addr)
        self._pending = None
        ticks = max(1, int(timeout_seconds / TICK_SECONDS + 0.999999)) + 1
        self._store.set_epoch_deadline(ticks)
        try:
            with self._ticker:
                result_addr = self._call(
                    "opa_eval",
                    0,
                    entrypoint_id,
                    self._data_addr,
                    input_addr,
                    len(input_json),
                    heap,
                    1,
                )
        except Exception as exc:
            self._results.discard_pending()
            raise self._translate(exc, timeout_seconds) from exc
        finally:
            self._store.set_epoch_deadline(2**62)
        text = self._read_string(int(result_addr))
        if self._results.has_pending():
            self._intern_results()
        return text

    def _intern_results(self) -> None:
        """Lay out the built-in results asked for again below the heap base, for later calls."""
        if not self._results.fits():
            self._results.reset()
            self._base_heap = self._data_heap
            if not self._results.fits():
                self._results.discard_pending()
                return
        try:
            self._call("opa_heap_ptr_set", self._base_heap)
            addr = int(self._call("opa_malloc", self._results.pending_size()))
            self._memory.write(self._store, self._results.layout(addr), addr)
            self._base_heap = int(self._call("opa_heap_ptr_get"))
        except Exception:  # nothing interned is trusted; the next evaluation starts clean
            self._results.reset()
            self._results.discard_pending()
            self._base_heap = self._data_heap

    def _translate(self, exc: Exception, timeout_seconds: float) -> Exception:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            return pending
        trap_code = getattr(exc, "trap_code", None)
        if trap_code == wasmtime.TrapCode.INTERRUPT:
            return EngineError(
                f"{self._label}: deadline exceeded: no decision within {timeout_seconds:g}s "
                "(--timeout)"
            )
        return EngineError(f"{self._label}: evaluation trapped: {str(exc).splitlines()[0]}")

    def close(self) -> None:
        """Stop the deadline thread."""
        self._ticker.stop()


def _memory_limits(module: wasmtime.Module, min_pages: int) -> wasmtime.Limits:
    """The module's declared memory limits, raised to ``min_pages`` when it needs more."""
    for item in module.imports:
        if item.module == "env" and item.name == "memory":
            memory_type = item.type
            if isinstance(memory_type, wasmtime.MemoryType):
                limits = memory_type.limits
                return wasmtime.Limits(max(limits.min, min_pages), limits.max)
    raise PolicyError("the Wasm policy imports no memory: not an OPA Wasm module")
