package gatekeeper.rollout.checks.rollback_target_test

import data.gatekeeper.rollout.checks.rollback_target
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("rollback_target", {
	"warning_code": "FEW",
	"versions": "history",
	"named": "back_to",
	"current_status": "live",
	"excluded_statuses": ["retired"],
	"not_targets": ["trial"],
	"min_candidates": 2,
})}

_history := [
	{"version": "1", "status": "old", "was_production": true},
	{"version": "2", "status": "retired", "was_production": true},
	{"version": "3", "status": "live", "was_production": true},
	{"version": "4", "status": "old", "was_production": false},
	{"version": "5", "status": "trial", "was_production": true},
]

test_success_candidates_exclude_statuses_and_never_production if {
	found := rollback_target.candidates with input as syn.doc({"history": _history})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {"c": ["1", "3"]}
}

test_success_target_is_the_current_version if {
	found := rollback_target.target with input as syn.doc({"history": _history})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {"c": "3"}
	found_2 := rollback_target.findings with input as syn.doc({"history": _history})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found_2 == set()
}

test_success_named_candidate_is_the_target if {
	found := rollback_target.target with input as syn.doc({"history": _history, "back_to": "1"})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {"c": "1"}
}

test_success_newest_candidate_without_a_current_one if {
	history := [_history[0], {"version": "3", "status": "old", "was_production": true}]
	found := rollback_target.target with input as syn.doc({"history": history})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {"c": "3"}
}

test_fail_named_version_that_is_no_candidate if {
	found := rollback_target.findings with input as syn.doc({"history": _history, "back_to": "2"})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "no valid rollback target (named: 2; candidates: [\"1\", \"3\"])",
		"observed": "2",
		"threshold": ["1", "3"],
	})}
}

test_fail_few_candidates_is_a_warning if {
	found := rollback_target.findings with input as syn.doc({"history": [_history[2]]})
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
