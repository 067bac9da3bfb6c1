"""Host built-ins give OPA's exact text: every format x every kind of value, against ``opa eval``.

The same policy runs on the embedded engine (``sprintf`` answered by the host)
and on ``opa eval`` (OPA's Go ``sprintf``); every string must be identical. Values
come from the input (number text as written), from the data document, and from
Rego arithmetic and set construction (numbers and sets the module computes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gatekeeper.engines import EngineOptions, open_engine
from gatekeeper.engines._embedded import load_module
from gatekeeper.engines._wasm_builtins import go_sprintf, sprintf
from gatekeeper.engines._wasm_host import WasmPolicy, data_pages, make_engine
from gatekeeper.engines._wasm_policy import policy_wasm
from gatekeeper.engines._wasm_reader import Unreadable, read_value
from gatekeeper.engines._wasm_results import MAX_INTERNED_BYTES
from gatekeeper.engines._wasm_values import RegoNumber, RegoSet, parse_value, result_set
from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._files import PolicySet
from tests.engines.conftest import MakePolicy

POLICY = """package gatekeeper.main

computed := [
	180 * 1.15, 0.1 + 0.2, 1 / 3, 100000 * 10, 1234567.0 * 1,
	-0.5 * 2, 7 / 2, 0.008 * 100, 1e-7 * 3, 2 - 2.5, 10 / 4, 3 * 7, 1e6,
	{"b", "a", 3, 1}, set(), {[2, 1], [1, 2]}, data.gatekeeper.t.label, data.gatekeeper.t.n,
]

values := array.concat(input.values, computed)

decision := {
	"gate": "rollout",
	"allow": true,
	"action": "continue",
	"violations": [sprintf(f, [v]) | some f in input.formats; some v in values],
	"warnings": [sprintf(f, args) | some f in input.multi_formats; some args in input.multi_args],
	"authority": [],
	"decision_window_minutes": null,
	"default_action": null,
}
"""

# number text matters to OPA's conversion; an engine receives the text json.dumps writes
VALUES_JSON = """[
	0, 1, -1, 42, 9223372036854775807, 9223372036854775808, -9223372036854775809,
	123456789012345678901234567890, 1.5, 0.1, 1e-7, 1e21, 1e20, 123456.0, 1234567,
	1234567.5, 2.50, -0.0, 1E3, 0.00001, 0.0001, 100000, 999999.9, 1e+300,
	"text", "quo\\"te", "tab\\t nl\\n", "\\u00fcn\\u00efcode \\u2603", "", "%v",
	null, true, false, [1, "a", null, 2.50], {"k": 1, "a": [2, {"z": null}]}, {}, []
]"""

FORMATS = [
    "%v", "%s", "%d", "%f", "%.2f", "%.0f", "%e", "%.3e", "%g", "%q", "%x", "%X",
    "%5v|", "%-6v|", "%05d", "%+d", "% d", "%8.3f", "%-8.2f|", "%t", "%c", "%o", "%b",
    "<%v>", "%%", "%.1f%%", "%v%%", "%s=%v", "no verbs", "%", "%!", "%3s|", "%.2s",
    "%+v", "%#v", "%+.1e", "%6.2v|", "%-+5d|", "%[1]v", "%[3]v", "%U", "%08.3f",
    "%T", "%9T|", "%-9T|", "%.3T", "%010T", "%+T", "%[2]T",
]  # fmt: skip

MULTI_FORMATS = ["%v and %v", "%s %d %v", "%v", "%*d", "%[2]v %[1]v", "%.*f"]
MULTI_ARGS: list[list[object]] = [[], [1], [1, 2], [3, 2.5, "x"], ["a", "b", "c", "d"]]


@pytest.mark.opa
def test_sprintf_text_is_opas_on_every_format_and_value(
    make_policy: MakePolicy, opa_binary: str, tmp_path: Path
) -> None:
    policy = make_policy(
        {"gatekeeper/main.rego": POLICY},
        {"gatekeeper/t": {"label": 'from "data"', "n": 0.0050}},
    )
    document = json.loads(
        '{"values": '
        + VALUES_JSON
        + ', "formats": '
        + json.dumps(FORMATS)
        + ', "multi_formats": '
        + json.dumps(MULTI_FORMATS)
        + ', "multi_args": '
        + json.dumps(MULTI_ARGS)
        + "}"
    )
    options = EngineOptions(opa_binary=opa_binary)
    embedded = open_engine("embedded", policy, options).evaluate(document)
    reference = open_engine("opa-cli", policy, options).evaluate(document)
    assert len(embedded["violations"]) == len(reference["violations"]) > 1000
    mismatches = [
        (i, ours, theirs)
        for i, (ours, theirs) in enumerate(
            zip(embedded["violations"], reference["violations"], strict=True)
        )
        if ours != theirs
    ]
    assert not mismatches, "\n".join(map(repr, mismatches))
    multi = [
        (MULTI_FORMATS[i // len(MULTI_ARGS)], MULTI_ARGS[i % len(MULTI_ARGS)], ours, theirs)
        for i, (ours, theirs) in enumerate(
            zip(embedded["warnings"], reference["warnings"], strict=True)
        )
        if ours != theirs
    ]
    assert not multi, "\n".join(map(repr, multi))


def test_value_dump_reader_keeps_number_text_and_sets() -> None:
    value = parse_value('{"a": [1, 2.50, 1e3], "s": {3, "x"}, "e": set(), "o": {}}')
    assert value["a"] == [RegoNumber("1"), RegoNumber("2.50"), RegoNumber("1e3")]
    assert isinstance(value["s"], RegoSet) and set(value["s"]) == {"3", "x"}
    assert value["e"] == RegoSet() and value["o"] == {}


def test_result_set_sorts_nested_sets_and_leaves_set_like_strings() -> None:
    with_sets = '{{"result": {"s": {3, "a", 1}, "e": set(), "t": "{1, 2}", "n": [2.50]}}}'
    assert result_set(with_sets) == [
        {"result": {"e": [], "n": [2.5], "s": [1, 3, "a"], "t": "{1, 2}"}}
    ]
    plain = '{{"result": {"z": {"b": 1, "a": "set()"}, "a": "{\\"q\\", 1}"}}}'
    parsed = result_set(plain)
    assert parsed == [{"result": {"a": '{"q", 1}', "z": {"a": "set()", "b": 1}}}]
    assert list(parsed[0]["result"]) == ["a", "z"] and list(parsed[0]["result"]["z"]) == ["a", "b"]
    assert result_set("set()") == []


def test_go_formatting_of_floats_follows_strconv() -> None:
    assert go_sprintf("%v %v %v %v", [1e6, 123456.0, 1e-5, 0.0001]) == "1e+06 123456 1e-05 0.0001"
    assert go_sprintf("%v", [123456789.5]) == "1.234567895e+08"
    assert go_sprintf("%d %s", [1.5, 2]) == "%!d(float64=1.5) %!s(int64=2)"
    assert go_sprintf("%v", []) == "%!v(MISSING)"
    assert go_sprintf("x", [1]) == "x%!(EXTRA int64=1)"


def test_sprintf_integer_conversions() -> None:
    assert sprintf("%v", [RegoNumber("9223372036854775808")]) == "9223372036854775808"
    assert sprintf("%d", [RegoNumber("1.0")]) == "%!d(float64=1)"
    assert sprintf("%v", [None]) == "null"


# -- arguments read from the module's memory, results kept per instance ---------------------

KINDS_POLICY = """package gatekeeper.main

decision := {
	"gate": "rollout",
	"allow": true,
	"action": "continue",
	"violations": [sprintf(f, [v]) | some f in input.formats; some v in input.values],
	"warnings": [sprintf("%v|%v", [input.values, {"k": input.values[0]}])],
	"authority": [],
	"decision_window_minutes": null,
	"default_action": null,
}
"""

POINTER_POLICY = """package gatekeeper.main

decision := {
	"gate": "rollout",
	"allow": true,
	"action": "continue",
	"violations": [sprintf("%p", [v]) | some v in input.values],
	"warnings": [],
	"authority": [],
	"decision_window_minutes": null,
	"default_action": null,
}
"""


@pytest.mark.opa
def test_pointer_verb_matches_opa_or_refuses_what_opa_cannot_repeat(
    make_policy: MakePolicy, opa_binary: str
) -> None:
    """``%p`` of a value is Go's bad-verb note, the same everywhere; of a number beyond
    int64 OPA prints the address of its ``*big.Int``, different on every run: the
    embedded engine refuses to decide rather than invent one."""
    policy = make_policy({"gatekeeper/main.rego": POINTER_POLICY})
    options = EngineOptions(opa_binary=opa_binary)
    reference = open_engine("opa-cli", policy, options)
    embedded = open_engine("embedded", policy, options)
    plain = {"values": [0, -7, 1.5, "text", True, None, [1], {"a": 1}]}
    assert embedded.evaluate(plain) == reference.evaluate(plain)
    big = {"values": [9223372036854775808]}
    assert reference.evaluate(big)["violations"][0].startswith("0x")  # an address
    with pytest.raises(EngineError, match="memory address"):
        embedded.evaluate(big)


# a number and a string with the same text, in and out of arrays: never the same call
KINDS_JSON = """[5, "5", 5.0, "5.0", true, "true", null, "null", [5], ["5"], [[]], 1e2, "1e2",
	{"a": 5}, ["x", {"y": [5, "5"]}]]"""


@pytest.mark.opa
def test_repeated_calls_keep_kinds_apart_and_match_opa(
    make_policy: MakePolicy, opa_binary: str
) -> None:
    policy = make_policy({"gatekeeper/main.rego": KINDS_POLICY})
    document = json.loads(
        '{"values": ' + KINDS_JSON + ', "formats": ["%v", "%q", "%d", "%s", "%x"]}'
    )
    options = EngineOptions(opa_binary=opa_binary)
    reference = open_engine("opa-cli", policy, options).evaluate(document)
    embedded = open_engine("embedded", policy, options)
    results = [embedded.evaluate(document) for _ in range(4)]  # computed, kept, interned
    assert all(result == reference for result in results)


LONG_TEXT_POLICY = """package gatekeeper.main

decision := {
	"gate": "rollout",
	"allow": true,
	"action": "continue",
	"violations": [sprintf(f, [input.text]) | some f in ["<%v>", "[%v]", "(%s)"]],
	"warnings": [],
	"authority": [],
	"decision_window_minutes": null,
	"default_action": null,
}
"""


@pytest.mark.opa
def test_interned_results_past_the_memory_limit_start_over(
    make_policy: MakePolicy, opa_binary: str
) -> None:
    policy = make_policy({"gatekeeper/main.rego": LONG_TEXT_POLICY})
    options = EngineOptions(opa_binary=opa_binary)
    # each input's three texts take about 60% of the memory kept for interned results
    inputs = {name: {"text": name * (MAX_INTERNED_BYTES // 5)} for name in ("a", "b")}
    reference = open_engine("opa-cli", policy, options)
    expected = {name: reference.evaluate(document) for name, document in inputs.items()}
    embedded = open_engine("embedded", policy, options)
    for name in "aabbaabba":
        assert embedded.evaluate(inputs[name]) == expected[name], name


def test_shipped_policy_reads_builtin_arguments_from_memory(policy_set: PolicySet) -> None:
    source = policy_wasm(policy_set.modules, None)
    engine = make_engine()
    module, _compiled = load_module(engine, source.wasm)
    wasm = WasmPolicy(engine, module, policy_set.data, "embedded", data_pages(source.wasm))
    try:
        assert wasm.reads_memory
    finally:
        wasm.close()


def test_memory_reader_refuses_what_makes_no_sense() -> None:
    string_beyond_memory = memoryview(bytes([4, 0, 0, 0, 9, 0, 0, 0, 250, 255, 0, 0]))
    unknown_kind = memoryview(bytes([42, 0, 0, 0]))
    for view in (string_beyond_memory, unknown_kind, memoryview(b"")):
        with pytest.raises(Unreadable):
            read_value(view, 0)
    assert read_value(memoryview(bytes([2, 1])), 0) is True
