package gatekeeper.rollout.checks.window_mean_above_test

import data.gatekeeper.rollout.checks.window_mean_above
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("window_mean_above", {
	"unit": "percent",
	"series": "canary.s",
	"limit": {"value": 0.1},
	"minutes": 3,
})}

test_fail_mean_of_the_window_above_the_limit if {
	found := window_mean_above.findings with input as syn.doc({"canary": {"s": [0.9, 0.05, 0.1, 0.16]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "metric 10.3333333% > 10% over the last 3 min",
		"observed": 0.103333333,
		"threshold": 0.1,
	})}
}

test_success_mean_at_the_limit if {
	found := window_mean_above.findings with input as syn.doc({"canary": {"s": [0.9, 0.05, 0.1, 0.15]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_success_window_not_covered_yet if {
	found := window_mean_above.findings with input as syn.doc({"canary": {"s": [0.5, 0.5]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_success_window_of_shorter_intervals if {
	doc := syn.doc({"interval_seconds": 30, "canary": {"s": [0.5, 0.5, 0.5, 0.5, 0.5]}})
	found := window_mean_above.findings with input as doc
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}
