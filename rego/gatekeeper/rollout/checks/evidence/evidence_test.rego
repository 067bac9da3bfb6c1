package gatekeeper.rollout.checks.evidence_test

import data.gatekeeper.rollout.checks.evidence
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("flags", {"evidence": {"canary.s": "series"}})}

_profiles := {"t": object.union(syn.profiles(_checks).t, {"evidence": {"phase_percent": "number"}})}

test_success_complete_input if {
	found := {f.extra.field | some f in evidence.findings} with input as syn.doc({"canary": {"s": [1]}})
		with data.gatekeeper.profiles.rollout as _profiles
	found == set()
}

test_fail_profile_and_check_evidence_missing if {
	found := {f.extra.field | some f in evidence.findings} with input as {"profile": "t"}
		with data.gatekeeper.profiles.rollout as _profiles
	found == {"phase_percent", "canary.s"}
}

test_fail_missing_evidence_finding if {
	[f | some f in evidence.findings] == [{
		"check": "evidence",
		"class": "missing",
		"code": "MISSING_EVIDENCE",
		"message": "missing evidence: canary.s",
		"observed": null,
		"threshold": null,
		"rule": "rollout.evidence",
		"severity": "high",
		"extra": {"field": "canary.s"},
	}] with input as syn.doc({"canary": {"s": []}})
		with data.gatekeeper.profiles.rollout as _profiles
}

test_success_each_type if {
	cases := [
		[[0.5], "series", true],
		[[], "series", false],
		[["1"], "series", false],
		[[true], "flags", true],
		[[1], "flags", false],
		[1, "number", true],
		["1", "number", false],
		[0.5, "value", true],
		[[0.5], "value", true],
		[[], "value", false],
		[{"a": 1}, "object", true],
		[{}, "object", false],
		["x", "string", true],
		[1, "string", false],
		[[], "array", true],
		[{}, "array", false],
	]
	mismatches := [c |
		some c in cases
		present := evidence.present with input as {"profile": "t", "x": c[0]}
			with data.gatekeeper.profiles.rollout as {"t": {"evidence": {"x": c[1]}, "checks": {}}}
		"x" in (present != c[2])
	]
	mismatches == []
}
