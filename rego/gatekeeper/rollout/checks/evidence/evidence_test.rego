package gatekeeper.rollout.checks.evidence_test

import data.gatekeeper.rollout.checks.evidence
import data.gatekeeper.rollout.fixtures_test as fx

test_success_complete_inputs if {
	count(evidence.findings) == 0 with input as fx.dm
	count(evidence.findings) == 0 with input as fx.gs
	count(evidence.findings) == 0 with input as fx.env
	count(evidence.findings) == 0 with input as fx.mr
	count(evidence.findings) == 0 with input as fx.bg
}

test_fail_missing_error_rate_and_phase if {
	doc := json.remove(fx.dm, ["canary/error_rate", "phase_percent"])
	{f.extra.field | some f in evidence.findings} == {"canary.error_rate", "phase_percent"} with input as doc
}

test_fail_wrong_types_are_missing_evidence if {
	doc := json.patch(fx.dm, [
		{"op": "replace", "path": "canary/error_rate", "value": []},
		{"op": "replace", "path": "canary/p99_latency_ms", "value": "fast"},
		{"op": "replace", "path": "canary/success_gates", "value": {}},
		{"op": "replace", "path": "canary/ndcg_at_10", "value": [0.5]},
	])
	fields := {f.extra.field | some f in evidence.findings} with input as doc
	fields == {"canary.error_rate", "canary.p99_latency_ms", "canary.success_gates", "canary.ndcg_at_10"}
}

test_fail_missing_per_profile_fields if {
	cases := [
		[json.remove(fx.gs, ["canary/slo_checks"]), {"canary.slo_checks"}],
		[json.remove(fx.env, ["environment"]), {"environment"}],
		[json.remove(fx.mr, ["versions"]), {"versions"}],
		[json.remove(fx.mr, ["canary/drift_severity"]), {"canary.drift_severity"}],
	]
	every c in cases {
		fields := {f.extra.field | some f in evidence.findings} with input as c[0]
		fields == c[1]
	}
}

test_success_value_type_accepts_number_or_series if {
	cases := [
		[0.5, "value", true],
		[[0.5], "value", true],
		[[], "value", false],
		["x", "string", true],
		[1, "string", false],
		[[], "array", true],
		[{}, "array", false],
		[[true], "flags", true],
		[[1], "flags", false],
	]
	every c in cases {
		present := evidence.present with input as {"profile": "decision-matrix", "x": c[0]}
			with data.gatekeeper.profiles.rollout["decision-matrix"].evidence as {"x": c[1]}
		found := "x" in present
		found == c[2]
	}
}
