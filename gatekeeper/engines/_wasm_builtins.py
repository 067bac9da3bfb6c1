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
    """Go's ``fmt.Sprintf(fmt, args...)`` for ``int``, big ``int``, ``float`` and ``str``."""
    out: list[str] = []
    index = 0
    position = 0
    length = len(fmt)
    while position < length:
        percent = fmt.find("%", position)
        if percent < 0:
            out.append(fmt[position:])
            break
        out.append(fmt[position:percent])
        position = percent + 1
        if position >= length:
            out.append("%!(NOVERB)")
            break
        flags = ""
        while position < length and fmt[position] in "+-# 0":
            flags += fmt[position]
            position += 1
        width, position, index = _number_or_star(fmt, position, args, index)
        precision: int | None = None
        if position < length and fmt[position] == ".":
            position += 1
            precision, position, index = _number_or_star(fmt, position, args, index)
            precision = precision or 0
        if position >= length:
            out.append("%!(NOVERB)")
            break
        verb = fmt[position]
        position += 1
        if verb == "%":
            out.append("%")
            continue
        if index >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        out.append(_format_one(args[index], verb, flags, width, precision))
        index += 1
    if index < len(args):
        extra = ", ".join(
            f"{_go_type(a)}={_format_one(a, 'v', '', None, None)}" for a in args[index:]
        )
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)


def _number_or_star(
    fmt: str, position: int, args: Sequence[Any], index: int
) -> tuple[int | None, int, int]:
    if position < len(fmt) and fmt[position] == "*":
        value = args[index] if index < len(args) else None
        return (value if isinstance(value, int) else None), position + 1, index + 1
    start = position
    while position < len(fmt) and fmt[position].isdigit():
        position += 1
    return (int(fmt[start:position]) if position > start else None), position, index


def _go_type(value: Any) -> str:
    if isinstance(value, _BigInt):
        return "*big.Int"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    return "string"


def _format_one(value: Any, verb: str, flags: str, width: int | None, precision: int | None) -> str:
    if isinstance(value, int):
        text = _format_int(value, verb, flags, precision)
    elif isinstance(value, float):
        text = _format_float(value, verb, flags, precision)
    else:
        text = _format_str(value, verb, precision)
    if text is None:
        return f"%!{verb}({_go_type(value)}={_format_one(value, 'v', '', None, None)})"
    return _pad(text, flags, width, numeric=not isinstance(value, str))


def _pad(text: str, flags: str, width: int | None, numeric: bool) -> str:
    if width is None or len(text) >= width:
        return text
    if "-" in flags:
        return text + " " * (width - len(text))
    if "0" in flags and numeric:
        sign = text[0] if text[:1] in "+- " else ""
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
    if isinstance(value, _BigInt) and verb == "s":
        verb = "d"
    if verb in ("e", "E", "f", "F", "g", "G") and isinstance(value, _BigInt):
        return None
    if verb == "c":
        return chr(value) if 0 <= value <= 0x10FFFF else "\ufffd"
    if verb == "q":
        return "'" + chr(value) + "'" if 0 <= value <= 0x10FFFF else None
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


def _format_float(value: float, verb: str, flags: str, precision: int | None) -> str | None:
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
        body = _go_exponent(f"{magnitude:.{6 if precision is None else precision}e}")
    else:
        body = _go_g(magnitude, precision)
    if verb in ("E", "G"):
        body = body.upper()
    return _sign(negative, flags) + body


def _go_exponent(text: str) -> str:
    """Python prints ``1e+06`` like Go; both keep at least two exponent digits."""
    return text


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


def _format_str(value: str, verb: str, precision: int | None) -> str | None:
    if verb in ("s", "v"):
        return value if precision is None else value[:precision]
    if verb == "q":
        return go_quote(value if precision is None else value[:precision])
    if verb in ("x", "X"):
        hexed = value.encode("utf-8").hex()
        return hexed.upper() if verb == "X" else hexed
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
