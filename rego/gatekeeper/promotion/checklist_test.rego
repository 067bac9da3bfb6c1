package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

# One row per checklist item of the default profile: the evidence pointer, a value just
# inside and just outside the threshold, the violation outside, an input threshold
# looser than the profile's, and the input paths whose removal leaves the item
# without evidence (`missing` names the fields MISSING_EVIDENCE reports).
_rows := [
	{
		"code": "SHADOW_REQUESTS", "pointer": "/shadow/requests", "inside": 1000, "outside": 999, "looser": 500,
		"message": "shadow evaluation saw 999 requests < 1000 required", "threshold": 1000,
		"rule": "promotion.shadow_requests", "remove": ["shadow/requests"], "missing": ["shadow.requests"],
	},
	{
		"code": "SHADOW_DURATION", "pointer": "/shadow/duration_hours", "inside": 24, "outside": 23.9, "looser": 12,
		"message": "shadow evaluation ran 23.9 hours < 24 hours required", "threshold": 24,
		"rule": "promotion.shadow_duration", "remove": ["shadow/duration_hours"], "missing": ["shadow.duration_hours"],
	},
	{
		"code": "GOLD_SECURITY", "pointer": "/gold_set/security_pass_rate", "inside": 0.95, "outside": 0.94,
		"looser": 0.9, "message": "gold-set security pass rate 0.94 < 0.95 required", "threshold": 0.95,
		"rule": "promotion.gold_security",
		# Both sources absent (gold set and the metrics fallback): fail closed.
		"remove": ["gold_set/security_pass_rate", "metrics/security_pass_rate"],
		# metrics.security_pass_rate is also SECURITY_PASS_RATE's own evidence.
		"missing": ["gold_set.security_pass_rate", "metrics.security_pass_rate"],
	},
	{
		"code": "GOLD_OVERALL", "pointer": "/gold_set/overall_pass_rate", "inside": 0.9, "outside": 0.89,
		"looser": 0.8, "message": "gold-set overall pass rate 0.89 < 0.9 required", "threshold": 0.9,
		"rule": "promotion.gold_overall", "remove": ["gold_set/overall_pass_rate"],
		"missing": ["gold_set.overall_pass_rate"],
	},
	{
		"code": "COST", "pointer": "/metrics/cost_delta", "inside": 0.1, "outside": 0.11, "looser": 0.2,
		"message": "cost increase 0.11 > 0.1 budget", "threshold": 0.1,
		"rule": "promotion.cost", "remove": ["metrics/cost_delta"], "missing": ["metrics.cost_delta"],
	},
	{
		"code": "INCIDENTS", "pointer": "/incidents/active", "inside": 0, "outside": 1, "looser": 2,
		"message": "1 active incidents on the target (V2) > 0 allowed", "threshold": 0,
		"rule": "promotion.incidents", "remove": ["incidents/active"], "missing": ["incidents.active"],
	},
	{
		"code": "P95_LATENCY", "pointer": "/metrics/p95_latency_ms", "inside": 3000, "outside": 3001, "looser": 4000,
		"message": "p95 latency 3001 ms > 3000 ms", "threshold": 3000,
		"rule": "promotion.p95_latency", "remove": ["metrics/p95_latency_ms"], "missing": ["metrics.p95_latency_ms"],
	},
	{
		"code": "ERROR_RATE", "pointer": "/metrics/error_rate", "inside": 0.02, "outside": 0.021, "looser": 0.05,
		"message": "error rate 0.021 > 0.02", "threshold": 0.02,
		"rule": "promotion.error_rate", "remove": ["metrics/error_rate"], "missing": ["metrics.error_rate"],
	},
	{
		"code": "ACCURACY_DELTA", "pointer": "/metrics/accuracy_delta", "inside": 0.02, "outside": 0.019,
		"looser": 0.01, "message": "accuracy delta 0.019 < 0.02 required", "threshold": 0.02,
		"rule": "promotion.accuracy_delta", "remove": ["metrics/accuracy_delta"],
		# The delta is also the evidence of SIGNIFICANCE: one MISSING_EVIDENCE for both.
		"missing": ["metrics.accuracy_delta"],
	},
	{
		"code": "SECURITY_PASS_RATE", "pointer": "/metrics/security_pass_rate", "inside": 0.95, "outside": 0.94,
		"looser": 0.9, "message": "security pass rate 0.94 < 0.95 required", "threshold": 0.95,
		"rule": "promotion.security_pass_rate", "remove": ["metrics/security_pass_rate"],
		# gold_set.security_pass_rate is present, so only this item lacks evidence.
		"missing": ["metrics.security_pass_rate"],
	},
	{
		"code": "SIGNIFICANCE", "pointer": "/statistical_tests/accuracy_p_value", "inside": 0.049, "outside": 0.05,
		"looser": 0.1, "message": "accuracy improvement not significant: p = 0.05 (alpha 0.05), delta = 0.03",
		"threshold": 0.05, "rule": "promotion.significance", "extra": {"delta": 0.03},
		"remove": ["statistical_tests/accuracy_p_value"], "missing": ["statistical_tests.accuracy_p_value"],
	},
]

_threshold_name(code) := item.threshold if {
	some item in data.gatekeeper.profiles.promotion["default"].checklist
	item.code == code
}

_expected(row) := object.union(
	result.violation(row.code, row.message, row.outside, row.threshold, row.rule, "critical"),
	object.get(row, "extra", {}),
)

test_checklist_rows_cover_every_item if {
	{row.code | some row in _rows} == {item.code | some item in data.gatekeeper.profiles.promotion["default"].checklist}
}

test_success_every_item_just_inside_its_threshold if {
	failing := [row.code |
		some row in _rows
		promotion.violations != set() with input as _set(_valid, row.pointer, row.inside)
	]
	failing == []
}

test_fail_every_item_just_outside_its_threshold if {
	wrong := [[row.code, found] |
		some row in _rows
		found := promotion.violations with input as _set(_valid, row.pointer, row.outside)
		found != {_expected(row)}
	]
	wrong == []
}

test_fail_every_item_without_evidence if {
	wrong := [[row.code, found] |
		some row in _rows
		found := promotion.violations with input as json.remove(_valid, row.remove)
		{[v.code, v.field] | some v in found} != {["MISSING_EVIDENCE", field] | some field in row.missing}
	]
	wrong == []
}

test_fail_every_looser_input_threshold_ignored if {
	wrong := [[row.code, d] |
		some row in _rows
		name := _threshold_name(row.code)
		doc := json.patch(_valid, [
			{"op": "add", "path": row.pointer, "value": row.outside},
			{"op": "add", "path": "/thresholds", "value": {name: row.looser}},
		])
		d := promotion.decision with input as doc
		not _looser_ignored(d, row, name)
	]
	wrong == []
}

_looser_ignored(d, row, name) if {
	d.violations == [_expected(row)]
	[[w.code, w.field, w.observed, w.threshold] | some w in d.warnings] == [[
		"THRESHOLD_LOOSENING_IGNORED",
		concat(".", ["thresholds", name]),
		row.looser,
		row.threshold,
	]]
}

test_success_every_input_threshold_at_the_inside_value_applies if {
	# An input threshold at the row's inside value is as strict or stricter: it applies,
	# with no warning, and the inside value passes it.
	wrong := [[row.code, d] |
		some row in _rows
		name := _threshold_name(row.code)
		doc := json.patch(_valid, [
			{"op": "add", "path": row.pointer, "value": row.inside},
			{"op": "add", "path": "/thresholds", "value": {name: row.threshold}},
		])
		d := promotion.decision with input as doc
		[d.violations, d.warnings] != [[], []]
	]
	wrong == []
}

test_fail_significance_no_improvement if {
	no_gain := json.patch(_valid, [
		{"op": "replace", "path": "/metrics/accuracy_delta", "value": 0},
		{"op": "add", "path": "/thresholds", "value": {"accuracy_delta": 0.02}},
	])
	violations := promotion.violations with input as no_gain
	{v.code | some v in violations} == {"SIGNIFICANCE", "ACCURACY_DELTA"}
}

test_fail_significance_tightened_alpha if {
	strict := _set(_valid, "/thresholds", {"statistical_significance_p": 0.01})
	violations := promotion.violations with input as strict
	[v.threshold | some v in violations; v.code == "SIGNIFICANCE"] == [0.01]
}

test_fail_item_without_its_threshold_fails_closed if {
	# A checklist row naming a threshold the profile lacks holds nothing.
	broken := json.remove(data.gatekeeper.profiles.promotion["default"], ["thresholds/error_rate"])
	violations := promotion.violations with input as _valid
		with data.gatekeeper.profiles.promotion as {"default": broken}
	[[v.code, v.threshold] | some v in violations] == [["ERROR_RATE", null]]
}

test_fail_unknown_direction_fails_closed if {
	some i, item in data.gatekeeper.profiles.promotion["default"].checklist
	item.code == "COST"
	sideways := {"op": "replace", "path": sprintf("/checklist/%d/direction", [i]), "value": "sideways"}
	broken := json.patch(data.gatekeeper.profiles.promotion["default"], [sideways])
	violations := promotion.violations with input as _valid
		with data.gatekeeper.profiles.promotion as {"default": broken}
	[v.code | some v in violations] == ["COST"]
}
