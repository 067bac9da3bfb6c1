package gatekeeper.rollout.checks.rollback_target_test

import data.gatekeeper.rollout.checks.rollback_target
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("rollback_target", {
	"warning_code": "FEW",
	"versions": "history",
	"named": "back_to",
	"current": "now",
	"excluded_statuses": ["retired"],
	"not_targets": ["trial"],
	"min_candidates": 2,
	"no_target_note": "call someone",
	"cell": {"action": "abort"},
	"trigger_type": "automated",
})}

# 1.10.0 is under evaluation: it was put in production, so it is excluded by name.
_history := [
	{"version": "1.2.0", "status": "old", "was_production": true},
	{"version": "1.9.0", "status": "old", "was_production": true},
	{"version": "1.3.0", "status": "retired", "was_production": true},
	{"version": "1.10.0", "status": "live", "was_production": true},
	{"version": "1.4.0", "status": "old", "was_production": false},
	{"version": "2.0.0", "status": "trial", "was_production": true},
	{"version": "1.11.0", "status": "old", "was_production": true},
]

test_success_candidates_exclude_statuses_the_current_version_and_never_production if {
	found := rollback_target.candidates with input as syn.doc({"history": _history, "now": "1.10.0"})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {"c": ["1.2.0", "1.9.0", "1.11.0"]}
}

test_success_target_is_the_newest_candidate_older_than_the_current_version if {
	found := rollback_target.target with input as syn.doc({"history": _history, "now": "1.10.0"})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {"c": "1.9.0"}
}

test_success_versions_with_a_v_and_a_suffix if {
	history := [
		{"version": "v4", "status": "old", "was_production": true},
		{"version": "v5-rc1", "status": "old", "was_production": true},
		{"version": "v6", "status": "live", "was_production": true},
	]
	found := rollback_target.target with input as syn.doc({"history": history, "now": "v6"})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {"c": "v5-rc1"}
}

test_success_named_candidate_is_the_target if {
	found := rollback_target.target with input as syn.doc({"history": _history, "now": "1.10.0", "back_to": "1.2.0"})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {"c": "1.2.0"}
}

test_fail_the_current_version_is_never_the_target if {
	doc := syn.doc({"history": _history, "now": "1.10.0", "back_to": "1.10.0"})
	found := rollback_target.no_target with input as doc
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found.c.code == "CODE"
	found.c.message == concat("", [
		"no valid rollback target older than 1.10.0 (named: 1.10.0; ",
		`candidates: ["1.2.0", "1.9.0", "1.11.0"]): call someone`,
	])
	found.c.cell == {"action": "abort"}
}

test_fail_no_older_candidate if {
	doc := syn.doc({"history": _history, "now": "1.0.0"})
	found := rollback_target.no_target with input as doc
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found.c.observed == null
}

test_fail_no_current_version_is_missing_evidence_for_the_target if {
	found := rollback_target.no_target with input as syn.doc({"history": _history})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found.c.code == "MISSING_EVIDENCE"
	found.c.extra == {"field": "now"}
	found.c.message == "missing evidence: now (needed to choose the rollback target): call someone"
}

test_success_a_version_that_is_no_semantic_version if {
	not rollback_target.version_parts("latest")
	not rollback_target.version_parts(5)
	rollback_target.version_parts("v1.2.3+b7") == [1, 2, 3]
}

test_fail_few_candidates_is_a_warning if {
	found := rollback_target.findings with input as syn.doc({"history": [_history[0]], "now": "1.10.0"})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {object.union(
		syn.finding("c", "warning", {
			"message": "1 rollback candidates < 2",
			"observed": 1,
			"threshold": 2,
			"severity": "warning",
		}),
		{"code": "FEW"},
	)}
}
