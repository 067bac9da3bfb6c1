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

test_fail_mean_at_the_limit_with_the_newest_above_holds if {
	found := window_mean_above.findings with input as syn.doc({"canary": {"s": [0.9, 0.05, 0.1, 0.15]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.held(
		"c", "hold", {
			"message": "metric 15% > 10% (newest), mean 10% over the last 3 min",
			"observed": 0.15,
			"threshold": 0.1,
			"extra": {"minutes_left": 1},
		},
		"in 1 min if it stays there",
	)}
}

test_success_mean_and_newest_within_the_limit if {
	found := window_mean_above.findings with input as syn.doc({"canary": {"s": [0.9, 0.15, 0.1, 0.05]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_fail_minutes_left_until_the_mean_goes_over if {
	# 0.11 held: after 1 min the mean is 7.33%, after 2 min 11%
	found := window_mean_above.findings with input as syn.doc({"canary": {"s": [0, 0, 0.11]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.held(
		"c", "hold", {
			"message": "metric 11% > 10% (newest), mean 3.6666667% over the last 3 min",
			"observed": 0.11,
			"threshold": 0.1,
			"extra": {"minutes_left": 2},
		},
		"in 2 min if it stays there",
	)}
}

test_fail_window_not_covered_yet_with_the_newest_above_holds if {
	found := window_mean_above.findings with input as syn.doc({"canary": {"s": [0.5, 0.5]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.held(
		"c", "hold", {
			"message": "metric 50% > 10% (newest), 2 of 3 min observed",
			"observed": 0.5,
			"threshold": 0.1,
			"extra": {"minutes_left": 1},
		},
		"in 1 min if it stays there",
	)}
}

test_fail_window_not_covered_yet_is_not_judged if {
	found := window_mean_above.findings with input as syn.doc({"canary": {"s": [0.05, 0.1]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.held(
		"c", "unjudged", {
			"message": "metric not judged yet: 2 of 3 min observed",
			"observed": 0.1,
			"threshold": 0.1,
			"extra": {"minutes_left": 1},
		},
		"in 1 min",
	)}
}

test_fail_window_of_shorter_intervals if {
	doc := syn.doc({"interval_seconds": 30, "canary": {"s": [0.5, 0.5, 0.5, 0.5, 0.5]}})
	found := window_mean_above.findings with input as doc
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.held(
		"c", "hold", {
			"message": "metric 50% > 10% (newest), 2.5 of 3 min observed",
			"observed": 0.5,
			"threshold": 0.1,
			"extra": {"minutes_left": 0.5},
		},
		"in 0.5 min if it stays there",
	)}
}
