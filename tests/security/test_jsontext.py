"""The exact JSON reader and writer: numbers keep their text, bad JSON is refused."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gatekeeper._jsontext import dumps_exact, loads_exact


@pytest.mark.parametrize(
    "text",
    ["0.02000000000000000001", "1E+400", "-0.0", "2.50", "1.5E-7", "12345678901234567890123"],
)
def test_success_number_text_survives_the_round_trip(text: str) -> None:
    value = loads_exact(f'{{"n": {text}}}')
    assert dumps_exact(value) == f'{{"n":{text}}}'


def test_success_fractions_are_decimals_and_integers_ints() -> None:
    value = loads_exact('{"a": 0.1, "b": 7}')
    assert value == {"a": Decimal("0.1"), "b": 7}
    assert type(value["b"]) is int


def test_success_without_decimals_it_writes_what_json_writes() -> None:
    value = {"z": [1.5, 0.1, 1e-7, True, None, 'é\u2028"'], "a": {"b": 10**30}}
    expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert dumps_exact(value, sort_keys=True) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1, "a": 2}', 'duplicate key "a"'),
        ('{"a": {"b": [1, NaN]}}', "a.b[1]: must be a finite number, got NaN"),
        ('{"x": Infinity}', "x: must be a finite number, got Infinity"),
        ("[-Infinity]", "[0]: must be a finite number, got -Infinity"),
    ],
)
def test_fail_bad_json_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        loads_exact(text)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("nan"), {1: 2}, {1}])
def test_fail_what_is_not_json_is_not_written(value: object) -> None:
    with pytest.raises(ValueError):
        dumps_exact(value)


def test_fail_too_deep_to_write_is_a_value_error() -> None:
    value: object = 1
    for _ in range(5000):
        value = [value]
    with pytest.raises(ValueError, match="nested too deeply"):
        dumps_exact(value)
