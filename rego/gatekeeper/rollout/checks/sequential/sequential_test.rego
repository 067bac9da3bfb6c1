package gatekeeper.rollout.checks.sequential_test

import data.gatekeeper.rollout.checks.sequential
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {
	"worse": syn.check("sequential", {
		"evidence_field": "canary.sequential.errors",
		"metric": "error_rate",
		"limit": {"value": 1},
	}),
	"tail": syn.check("sequential", {
		"evidence_field": "canary.sequential.tail",
		"metric": "p99_latency",
		"limit": {"value": 1.25},
	}),
}

_profiles := {"t": object.union(syn.profiles(_checks).t, {"statistics": {
	"false_rollback_alpha": 0.05,
	"judged": ["worse", "tail"],
}})}

_evidence(bound, alpha) := {
	"e_value": 90,
	"e_max": 120.4,
	"lower_bound": bound,
	"alpha": alpha,
	"looks": 12,
	"canary_rate": 0.04,
	"baseline_rate": 0.02,
}

_doc(errors, tail) := syn.doc({"canary": {"sequential": {"errors": errors, "tail": tail}}})

test_level_is_the_budget_split_across_the_judged_checks if {
	sequential.level == 0.025 with data.gatekeeper.profiles.rollout as _profiles
		with input as syn.doc({})
}

test_fail_bound_above_the_limit_fires_with_its_evidence if {
	found := sequential.findings with input as _doc(_evidence(1.568, 0.025), _evidence(1.1, 0.025))
		with data.gatekeeper.profiles.rollout as _profiles
	found == {syn.finding("worse", "trigger", {
		"message": concat("", [
			"metric: canary 4% vs baseline 2%; ratio 1.568 or more with confidence at every look ",
			"(alpha 0.025: 0.05 across 2 checks; 12 looks, e-value 120) > 1",
		]),
		"observed": 1.568,
		"threshold": 1,
		"extra": {"e_value": 90, "e_max": 120.4, "looks": 12, "alpha": 0.025},
	})}
}

test_success_bound_at_the_limit_does_not_fire if {
	found := sequential.findings with input as _doc(_evidence(1, 0.025), _evidence(1.25, 0.025))
		with data.gatekeeper.profiles.rollout as _profiles
	found == set()
}

test_fail_bound_above_a_limit_other_than_one if {
	found := sequential.findings with input as _doc(_evidence(0.9, 0.025), _evidence(1.3, 0.025))
		with data.gatekeeper.profiles.rollout as _profiles
	{f.check | some f in found} == {"tail"}
}

test_fail_evidence_at_another_level_is_missing_evidence if {
	found := sequential.findings with input as _doc(_evidence(3, 0.05), _evidence(0.5, 0.025))
		with data.gatekeeper.profiles.rollout as _profiles
	found == {{
		"check": "worse",
		"class": "missing",
		"code": "MISSING_EVIDENCE",
		"message": concat("", [
			"missing evidence: canary.sequential.errors was measured at alpha 0.05; ",
			"profile t judges each of 2 checks at 0.025",
		]),
		"observed": 0.05,
		"threshold": 0.025,
		"rule": "rollout.evidence",
		"severity": "high",
		"extra": {"field": "canary.sequential.errors"},
	}}
}

test_fail_a_check_outside_the_budget_is_missing_evidence if {
	profiles := {"t": object.union(_profiles.t, {"statistics": {"false_rollback_alpha": 0.05, "judged": ["worse"]}})}
	found := sequential.findings with input as _doc(_evidence(0.5, 0.05), _evidence(0.5, 0.05))
		with data.gatekeeper.profiles.rollout as profiles
	found == {{
		"check": "tail",
		"class": "missing",
		"code": "MISSING_EVIDENCE",
		"message": concat("", [
			"missing evidence: check tail of profile t is not in statistics.judged ",
			"(no share of the false-rollback budget)",
		]),
		"observed": null,
		"threshold": null,
		"rule": "rollout.evidence",
		"severity": "high",
		"extra": {"field": "statistics.judged"},
	}}
}

test_success_no_evidence_no_finding_here if {
	# absent evidence is the evidence check's finding (MISSING_EVIDENCE), not this kind's
	found := sequential.findings with input as syn.doc({})
		with data.gatekeeper.profiles.rollout as _profiles
	found == set()
}
