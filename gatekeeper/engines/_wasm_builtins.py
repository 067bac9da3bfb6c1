"""Built-ins the OPA Wasm module asks its host for, giving OPA's exact text.

OPA compiles most built-ins into the module; the few it cannot (``sprintf``
among them) are imported from the host and listed by the module's ``builtins``
export. Arguments arrive as Rego values dumped by ``opa_value_dump`` (JSON, plus
``{1, 2}`` / ``set()`` for sets), read here with number text kept, so ``sprintf``
can convert numbers exactly as OPA's ``topdown/strings.go`` does: an integer
that fits 64 bits is an ``int``, other integer text a ``big.Int``, anything else
a ``float64``; then Go's ``fmt.Sprintf`` formats them.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from gatekeeper.engines._wasm_values import RegoNumber, go_quote, rego_text

Builtin = Callable[..., Any]

_INT64_MIN = -(2**63)
_INT64_MAX = 2**63 - 1


class BuiltinError(Exception):
    """A host built-in refused its operands (OPA's message)."""


# --- Go's fmt.Sprintf ---------------------------------------------------------------------


class _BigInt(int):
    """An integer beyond 64 bits (Go's ``*big.Int``)."""


def _operand(value: Any) -> Any:
    """OPA's conversion of one sprintf operand to a Go value."""
    if isinstance(value, RegoNumber):
        text = str(value)
        if _is_integer_text(text):
            number = int(text)
            return number if _INT64_MIN <= number <= _INT64_MAX else _BigInt(number)
        return float(text)
    if isinstance(value, str):
        return value
    return rego_text(value)


def _is_integer_text(text: str) -> bool:
    body = text[1:] if text[:1] in "+-" else text
    return body.isdigit() and body.isascii()


def go_sprintf(fmt: str, args: Sequence[Any]) -> str:
    """Go's ``fmt.Sprintf(fmt, args...)`` for ``int64``, ``*big.Int``, ``float64`` and ``string``.

    Follows ``fmt.(*pp).doPrintf``: flags, ``*`` width and precision, ``[n]``
    argument indexes, and the ``%!verb(...)``, ``MISSING``, ``BADINDEX``,
    ``BADWIDTH``, ``BADPREC``, ``NOVERB`` and ``EXTRA`` notes.
    """
    state = _Printf(fmt, args)
    return state.run()


class _Printf:
    def __init__(self, fmt: str, args: Sequence[Any]) -> None:
        self.fmt = fmt
        self.args = args
        self.out: list[str] = []
        self.arg_num = 0
        self.reordered = False
        self.good_arg_num = True

    def run(self) -> str:
        """The formatted text, with Go's notes for what the format got wrong."""
        fmt, end = self.fmt, len(self.fmt)
        i = 0
        while i < end:
            self.good_arg_num = True
            start = i
            while i < end and fmt[i] != "%":
                i += 1
            self.out.append(fmt[start:i])
            if i >= end:
                break
            i += 1
            flags = ""
            while i < end and fmt[i] in "#0+- ":
                flags += fmt[i]
                i += 1
            i, flags, width, precision = self._sizes(i, flags)
            if i >= end:
                self.out.append("%!(NOVERB)")
                break
            self._verb(fmt[i], flags, width, precision)
            i += 1
        if not self.reordered and self.arg_num < len(self.args):
            extra = ", ".join(
                f"{_go_type(a, pointer=True)}={_format_one(a, 'v', '', None, None)}"
                for a in self.args[self.arg_num :]
            )
            self.out.append(f"%!(EXTRA {extra})")
        return "".join(self.out)

    def _sizes(self, i: int, flags: str) -> tuple[int, str, int | None, int | None]:
        """Read ``[n]``, width and precision at ``i``: (position, flags, width, precision)."""
        fmt, end = self.fmt, len(self.fmt)
        i, after_index = self._arg_number(i)
        width: int | None = None
        if i < end and fmt[i] == "*":
            i += 1
            width = self._int_from_arg()
            if width is None:
                self.out.append("%!(BADWIDTH)")
            elif width < 0:
                width, flags = -width, flags.replace("0", "") + "-"
            after_index = False
        else:
            width, i = _parse_number(fmt, i)
            if after_index and width is not None:
                self.good_arg_num = False
        precision: int | None = None
        if i + 1 < end and fmt[i] == ".":
            i += 1
            if after_index:
                self.good_arg_num = False
            i, after_index = self._arg_number(i)
            if i < end and fmt[i] == "*":
                i += 1
                precision = self._int_from_arg()
                if precision is not None and precision < 0:
                    precision = None
                if precision is None:
                    self.out.append("%!(BADPREC)")
                after_index = False
            else:
                precision, i = _parse_number(fmt, i)
                precision = precision or 0
        if not after_index:
            i, after_index = self._arg_number(i)
        return i, flags, width, precision

    def _verb(self, verb: str, flags: str, width: int | None, precision: int | None) -> None:
        """Write the next operand as ``verb`` says (or Go's note for a bad or missing one)."""
        if verb == "%":
            self.out.append("%")
        elif not self.good_arg_num:
            self.out.append(f"%!{verb}(BADINDEX)")
        elif self.arg_num >= len(self.args):
            self.out.append(f"%!{verb}(MISSING)")
        elif verb == "p" and isinstance(self.args[self.arg_num], _BigInt):
            raise BuiltinError(
                "sprintf: %p of a number beyond int64 prints a memory address in OPA, "
                "which no engine can repeat"
            )
        elif verb == "T":  # the operand's Go type, printed as a string
            name = _go_type(self.args[self.arg_num], pointer=True)
            self.out.append(_format_one(name, "s", flags, width, precision))
            self.arg_num += 1
        else:
            if verb == "v":  # %+v / %#v: Go's plusV / sharpV, not a sign or a prefix
                flags = flags.replace("+", "P").replace("#", "S")
            self.out.append(_format_one(self.args[self.arg_num], verb, flags, width, precision))
            self.arg_num += 1

    def _arg_number(self, i: int) -> tuple[int, bool]:
        """Read ``[n]`` at ``i``: (new position, whether an index was found)."""
        fmt = self.fmt
        if i >= len(fmt) or fmt[i] != "[":
            return i, False
        self.reordered = True
        close = fmt.find("]", i + 1) if len(fmt) - i >= 3 else -1
        if close < 0:
            self.good_arg_num = False
            return i + 1, False
        number, after = _parse_number(fmt, i + 1)
        if number is None or after != close:
            self.good_arg_num = False
            return close + 1, False
        if 0 <= number - 1 < len(self.args):
            self.arg_num = number - 1
            return close + 1, True
        self.good_arg_num = False
        return close + 1, True

    def _int_from_arg(self) -> int | None:
        if self.arg_num >= len(self.args):
            return None
        value = self.args[self.arg_num]
        self.arg_num += 1
        if isinstance(value, int) and not isinstance(value, _BigInt) and abs(value) <= 1_000_000:
            return value
        return None


def _parse_number(fmt: str, i: int) -> tuple[int | None, int]:
    start = i
    while i < len(fmt) and fmt[i].isdigit() and fmt[i].isascii():
        i += 1
        if i - start > 6:  # Go refuses a width or precision beyond 1e6
            return None, i
    return (int(fmt[start:i]) if i > start else None), i


def _go_type(value: Any, pointer: bool = False) -> str:
    if isinstance(value, _BigInt):
        return "*big.Int" if pointer else "big.Int"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "float64"
    return "string"


def _format_one(value: Any, verb: str, flags: str, width: int | None, precision: int | None) -> str:
    if isinstance(value, _BigInt):  # big.Int formats itself and sees plusV as '+'
        text = _format_int(value, verb, flags.replace("P", "+"), precision)
    elif isinstance(value, int):
        text = _format_int(value, verb, flags, precision)
        if precision is not None:
            flags = flags.replace("0", "")  # Go pads a number with a precision with spaces
    elif isinstance(value, float):
        text = _format_float(value, verb, flags, precision)
    elif "S" in flags and verb == "v":
        text = go_quote(value)
    else:
        text = _format_str(value, verb, flags, precision)
    if text is None:
        if isinstance(value, _BigInt):  # big.Int's own Format reports a bad verb
            return f"%!{verb}(big.Int={int(value)})"
        inner = _format_one(value, "v", flags, width, precision)
        return f"%!{verb}({_go_type(value)}={inner})"
    return _pad(text, flags, width, numeric=not isinstance(value, str))


def _pad(text: str, flags: str, width: int | None, numeric: bool) -> str:
    if width is None or len(text) >= width:
        return text
    if "-" in flags:
        return text + " " * (width - len(text))
    if "0" in flags:
        sign = text[0] if numeric and text[:1] in ("+", "-", " ") else ""
        body = text[len(sign) :]
        return sign + "0" * (width - len(text)) + body
    return " " * (width - len(text)) + text


def _sign(negative: bool, flags: str) -> str:
    if negative:
        return "-"
    if "+" in flags:
        return "+"
    if " " in flags:
        return " "
    return ""


def _format_int(value: int, verb: str, flags: str, precision: int | None) -> str | None:
    bases = {"d": 10, "v": 10, "b": 2, "o": 8, "x": 16, "X": 16}
    if isinstance(value, _BigInt):
        if verb == "s":
            verb = "d"
        elif verb not in bases:
            return None
    if verb == "c":
        return chr(value) if _is_rune(value) else "\ufffd"
    if verb == "U" and not isinstance(value, _BigInt):
        return f"U+{value & 0xFFFFFFFFFFFFFFFF:04X}"
    if verb == "q":
        return _quote_rune(value)
    if verb not in bases:
        return None
    digits = format(abs(value), {2: "b", 8: "o", 10: "d", 16: "x"}[bases[verb]])
    if verb == "X":
        digits = digits.upper()
    if precision is not None:
        digits = digits.rjust(precision, "0") if not (precision == 0 and value == 0) else ""
    prefix = ""
    if "#" in flags:
        prefix = {"o": "0", "x": "0x", "X": "0X", "b": "0b"}.get(verb, "")
    return _sign(value < 0, flags) + prefix + digits


def _is_rune(value: int) -> bool:
    return 0 <= value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF


def _quote_rune(value: int) -> str:
    """Go's ``strconv.QuoteRune``."""
    if not _is_rune(value):
        return "'\ufffd'"
    char = chr(value)
    if char == "'":
        return "'\\''"
    if char == '"':
        return "'\"'"
    return "'" + go_quote(char)[1:-1] + "'"


def _float_bits(value: float) -> tuple[bool, int, int]:
    """(negative, mantissa, binary exponent) with the mantissa's implicit bit included."""
    bits = struct.unpack(">Q", struct.pack(">d", value))[0]
    negative = bool(bits >> 63)
    exponent = (bits >> 52) & 0x7FF
    mantissa = bits & ((1 << 52) - 1)
    if exponent == 0:
        return negative, mantissa, -1074
    return negative, mantissa | (1 << 52), exponent - 1075


def _format_float_binary(value: float, verb: str) -> str:
    """Go's ``%b`` (decimal mantissa, binary exponent) and ``%x`` / ``%X`` (hex float)."""
    negative, mantissa, exponent = _float_bits(value)
    sign = "-" if negative else ""
    if verb == "b":
        return f"{sign}{mantissa}p{'+' if exponent >= 0 else '-'}{abs(exponent)}"
    if value == 0:
        text = f"{sign}0x0p+00"
    else:
        hexed = float.hex(abs(value))  # 0x1.8000000000000p+0
        body, _, power = hexed[2:].partition("p")
        body = body.rstrip("0").rstrip(".")
        power_value = int(power)
        text = f"{sign}0x{body}p{'+' if power_value >= 0 else '-'}{abs(power_value):02d}"
    return text.upper() if verb == "X" else text


def _format_float(value: float, verb: str, flags: str, precision: int | None) -> str | None:
    if verb in ("b", "x", "X") and precision is None:
        return _format_float_binary(value, verb)
    if verb not in ("v", "e", "E", "f", "F", "g", "G"):
        return None
    if math.isinf(value) or math.isnan(value):
        body = "NaN" if math.isnan(value) else "Inf"
        return ("+" if "+" in flags and body != "NaN" else "") + body if value > 0 else "-Inf"
    negative = math.copysign(1.0, value) < 0
    magnitude = abs(value)
    if verb in ("f", "F"):
        body = f"{magnitude:.{6 if precision is None else precision}f}"
    elif verb in ("e", "E"):
        # Python prints the exponent as Go does: a sign and at least two digits (1e+06).
        body = f"{magnitude:.{6 if precision is None else precision}e}"
    else:
        body = _go_g(magnitude, precision)
    if verb in ("E", "G"):
        body = body.upper()
    return _sign(negative, flags) + body


def _go_g(magnitude: float, precision: int | None) -> str:
    """Go's ``strconv.FormatFloat(f, 'g', prec, 64)`` (``%v`` is ``%g`` shortest)."""
    if magnitude == 0:
        return "0"
    if precision is None:
        digits_tuple = Decimal(repr(magnitude)).normalize().as_tuple()
        digits = "".join(str(d) for d in digits_tuple.digits)
        exponent = int(digits_tuple.exponent)
        eprec = 6
    else:
        shown = f"{magnitude:.{max(precision, 1) - 1}e}"
        mantissa, _, exp_text = shown.partition("e")
        digits = mantissa.replace(".", "").rstrip("0") or "0"
        exponent = int(exp_text) - (len(digits) - 1)
        eprec = max(precision, 1)
        if eprec > len(digits) and len(digits) >= len(digits) + exponent:
            eprec = len(digits)
    digits = digits.rstrip("0") or "0"
    decimal_point = len(digits) + exponent
    exp = decimal_point - 1
    if exp < -4 or exp >= eprec:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{mantissa}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if decimal_point <= 0:
        return "0." + "0" * (-decimal_point) + digits
    if decimal_point >= len(digits):
        return digits + "0" * (decimal_point - len(digits))
    return digits[:decimal_point] + "." + digits[decimal_point:]


def _format_str(value: str, verb: str, flags: str, precision: int | None) -> str | None:
    if verb in ("s", "v"):
        return value if precision is None else value[:precision]
    if verb == "q":
        return go_quote(value if precision is None else value[:precision])
    if verb in ("x", "X"):
        hexed = value.encode("utf-8").hex()
        prefix = "0x" if "#" in flags else ""
        return prefix + hexed.upper() if verb == "X" else prefix + hexed
    return None


# --- the built-ins --------------------------------------------------------------------------


def sprintf(fmt: Any, values: Any) -> str:
    """OPA's ``sprintf(format, values)``."""
    if not isinstance(fmt, str) or isinstance(fmt, RegoNumber):
        raise BuiltinError("sprintf: operand 1 must be string")
    if not isinstance(values, list):
        raise BuiltinError("sprintf: operand 2 must be array")
    if fmt == "%d" and len(values) == 1 and isinstance(values[0], RegoNumber):
        operand = _operand(values[0])
        if isinstance(operand, int) and not isinstance(operand, _BigInt):
            return str(operand)
    return go_sprintf(fmt, [_operand(v) for v in values])


HOST_BUILTINS: dict[str, Builtin] = {"sprintf": sprintf}
