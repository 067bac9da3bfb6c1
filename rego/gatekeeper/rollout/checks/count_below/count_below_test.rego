package gatekeeper.rollout.checks.count_below_test

import data.gatekeeper.rollout.checks.count_below
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("count_below", {
	"label": "availability",
	"unit": "score",
	"series": "canary.s",
	"limit": {"value": 0.9},
	"failure_limit": 2,
})}

test_fail_failures_over_the_limit if {
	found := count_below.findings with input as syn.doc({"canary": {"s": [0.8, 0.95, 0.5, 0.89, 0.9]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "3 of 5 availability measurements < 0.9 (failure limit 2)",
		"observed": 3,
		"threshold": 2,
	})}
}

test_success_failures_at_the_limit if {
	found := count_below.findings with input as syn.doc({"canary": {"s": [0.8, 0.95, 0.5, 0.9]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_success_not_a_series if {
	found := count_below.findings with input as syn.doc({"canary": {"s": "0.5"}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}
