package gatekeeper.rollout.checks.trailing_false_test

import data.gatekeeper.rollout.checks.trailing_false
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("trailing_false", {"label": "probes", "flags": "canary.f", "consecutive": 2})}

test_fail_consecutive_failures_reach_the_count if {
	found := trailing_false.findings with input as syn.doc({"canary": {"f": [false, true, false, false, false]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "3 consecutive failed probes (limit 2)",
		"observed": 3,
		"threshold": 2,
	})}
}

test_fail_a_pass_breaks_the_run_and_the_newest_failure_holds if {
	found := trailing_false.findings with input as syn.doc({"canary": {"f": [false, false, true, false]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.held(
		"c", "hold", {
			"message": "1 consecutive failed probes (limit 2)",
			"observed": 1,
			"threshold": 2,
			"extra": {"checks_left": 1},
		},
		"after 1 more failed check",
	)}
}

test_fail_checks_left_counts_the_failures_still_needed if {
	checks := {"c": syn.check("trailing_false", {"label": "probes", "flags": "canary.f", "consecutive": 4})}
	found := trailing_false.findings with input as syn.doc({"canary": {"f": [true, false]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(checks)
	[[f.extra, f.until] | some f in found] == [[{"checks_left": 3}, "after 3 more failed checks"]]
}

test_success_the_newest_check_passed if {
	found := trailing_false.findings with input as syn.doc({"canary": {"f": [false, false, true]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_success_not_flags if {
	found := trailing_false.findings with input as syn.doc({"canary": {"f": [false, "false"]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}
