"""The exact JSON reader and writer: numbers keep their text, bad JSON is refused."""

from __future__ import annotations

import copy
import json
import pickle
from decimal import Decimal

import pytest

from gatekeeper.models._jsontext import Encoded, dumps_exact, loads_exact


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


# -- Encoded: an object written once ----------------------------------------------------------

DOCUMENT_TEXT = '{"z": [1, 2.50, "é\\u2028"], "a": {"y": null, "b": 1E+400}, "m": true}'


def test_success_encoded_text_is_what_the_writer_writes() -> None:
    document = loads_exact(DOCUMENT_TEXT)
    encoded = Encoded(document)
    assert encoded == document and encoded.sorted_keys
    assert encoded.text == dumps_exact(document, sort_keys=True)
    assert dumps_exact(encoded, sort_keys=True) == dumps_exact(document, sort_keys=True)
    assert dumps_exact({"input": encoded}) == '{"input":' + encoded.text + "}"


def test_success_encoded_with_a_field_is_the_same_object_with_it() -> None:
    encoded = Encoded(loads_exact(DOCUMENT_TEXT))
    stamped = encoded.with_field("now", "2026-01-01T00:00:00Z")
    assert loads_exact(stamped.text) == {**encoded, "now": "2026-01-01T00:00:00Z"} == stamped
    assert not stamped.sorted_keys  # so a canonical writer walks it again
    assert dumps_exact(stamped, sort_keys=True) == dumps_exact(dict(stamped), sort_keys=True)
    replaced = stamped.with_field("now", 1)
    assert replaced["now"] == 1 and loads_exact(replaced.text) == replaced
    assert Encoded({}).with_field("now", "t").text == '{"now":"t"}'


def test_fail_encoded_is_read_only_so_its_text_stays_true() -> None:
    encoded = Encoded({"a": 1})
    for change in (
        lambda: encoded.__setitem__("a", 2),
        lambda: encoded.update(a=2),
        lambda: encoded.pop("a"),
        lambda: encoded.clear(),
    ):
        with pytest.raises(TypeError, match="read-only"):
            change()
    assert encoded == {"a": 1} and encoded.text == '{"a":1}'
    assert copy.deepcopy(encoded).text == pickle.loads(pickle.dumps(encoded)).text == '{"a":1}'


def test_fail_encoded_refuses_what_is_not_json() -> None:
    with pytest.raises(ValueError, match="not a JSON number"):
        Encoded({"x": float("nan")})
