"""Results of host built-in calls, kept per argument list for one Wasm policy instance.

A built-in such as ``sprintf`` is pure: the same arguments give the same text.
The text of each call is kept (``text``). A text asked for a second time is
*interned*: after the evaluation it is laid out as a string value below the
heap base, beside the data document (``layout``), so later evaluations get its
address (``address``) without allocating. Values below the heap base outlive
evaluations; neither the compiled policy nor OPA's built-ins free a value they
are given (the data document is given to them the same way). Past a limit the
interned strings are dropped and the heap base goes back (``reset``).
"""

from __future__ import annotations

from collections.abc import Hashable

from gatekeeper.engines._wasm_reader import STRING_HEADER_SIZE, string_value

MAX_TEXTS = 4096
MAX_INTERNED_BYTES = 1 << 20


class BuiltinResults:
    """Texts by call key; addresses of the interned ones; the ones to intern next."""

    def __init__(self) -> None:
        self._texts: dict[Hashable, bytes] = {}
        self._addresses: dict[Hashable, int] = {}
        self._pending: dict[Hashable, bytes] = {}
        self._interned_bytes = 0

    def address(self, key: Hashable) -> int | None:
        """The address of the interned string for ``key``, if there is one."""
        return self._addresses.get(key)

    def text(self, key: Hashable) -> bytes | None:
        """The text for ``key`` if it was seen before (it is then interned next)."""
        data = self._texts.get(key)
        if data is not None:
            self._pending[key] = data
        return data

    def remember(self, key: Hashable, data: bytes) -> None:
        """Keep the text of a call (all texts are dropped at :data:`MAX_TEXTS`)."""
        if len(self._texts) >= MAX_TEXTS:
            self._texts.clear()
        self._texts[key] = data

    def has_pending(self) -> bool:
        """Whether texts wait to be interned."""
        return bool(self._pending)

    def pending_size(self) -> int:
        """Bytes that :meth:`layout` will need."""
        return sum(STRING_HEADER_SIZE + len(data) for data in self._pending.values())

    def fits(self) -> bool:
        """Whether the pending texts stay within :data:`MAX_INTERNED_BYTES`."""
        return self._interned_bytes + self.pending_size() <= MAX_INTERNED_BYTES

    def layout(self, addr: int) -> bytes:
        """The pending texts as string values from ``addr`` on; they are interned there."""
        blocks = []
        for key, data in self._pending.items():
            block = string_value(addr, data)
            self._addresses[key] = addr
            blocks.append(block)
            addr += len(block)
        self._pending.clear()
        laid_out = b"".join(blocks)
        self._interned_bytes += len(laid_out)
        return laid_out

    def discard_pending(self) -> None:
        """Forget what waits to be interned (the evaluation failed)."""
        self._pending.clear()

    def reset(self) -> None:
        """Forget every interned address (the heap base goes back)."""
        self._addresses.clear()
        self._interned_bytes = 0
