package gatekeeper.rollout.checks.sustained_above_test

import data.gatekeeper.rollout.checks.sustained_above
import data.gatekeeper.rollout.synthetic_test as syn

_ratio := {"c": syn.check("sustained_above", {
	"unit": "percent",
	"series": "canary.s",
	"limit": {"value": 0.5},
	"minutes": 2,
})}

_over_baseline := {"c": syn.check("sustained_above", {
	"unit": "ms",
	"series": "canary.s",
	"limit": {"baseline": "baseline.s", "increase_percent": 10},
	"minutes": 2,
})}

test_fail_above_for_the_whole_window if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [0.1, 0.6, 0.7]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	found == {syn.finding("c", "trigger", {
		"message": "metric 70% > 50% for 2 min",
		"observed": 0.7,
		"threshold": 0.5,
	})}
}

test_fail_run_longer_than_the_window_is_reported_whole if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [0.6, 0.6, 0.6, 0.9]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	some f in found
	f.message == "metric 90% > 50% for 4 min"
}

test_fail_one_interval_short_holds_the_phase if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [0.6, 0.1, 0.7]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	found == {syn.held(
		"c", "hold", {
			"message": "metric 70% > 50%, sustained 1 of 2 min",
			"observed": 0.7,
			"threshold": 0.5,
			"extra": {"minutes_left": 1},
		},
		"in 1 min if it stays above",
	)}
}

test_success_newest_at_the_limit_after_a_breach if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [0.6, 0.9, 0.5]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	found == set()
}

test_success_at_the_limit_is_not_above if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [0.5, 0.5, 0.5]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	found == set()
}

test_fail_series_above_but_shorter_than_the_window_is_missing_evidence if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [0.9]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	found == {
		{
			"check": "c",
			"class": "missing",
			"code": "MISSING_EVIDENCE",
			"message": "missing evidence: canary.s covers 1 min of the 2 min sustain window",
			"observed": null,
			"threshold": null,
			"rule": "rollout.evidence",
			"severity": "high",
			"extra": {"field": "canary.s"},
		},
		syn.held(
			"c", "hold", {
				"message": "metric 90% > 50%, sustained 1 of 2 min",
				"observed": 0.9,
				"threshold": 0.5,
				"extra": {"minutes_left": 1},
			},
			"in 1 min if it stays above",
		),
	}
}

test_fail_short_series_with_a_value_within_the_limit_is_not_judged_yet if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [0.1]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	found == {syn.held(
		"c", "unjudged", {
			"message": "metric not judged yet: 1 of 2 min observed",
			"observed": 0.1,
			"threshold": 0.5,
			"extra": {"minutes_left": 1},
		},
		"in 1 min",
	)}
}

test_fail_window_counts_intervals_not_values if {
	found := sustained_above.findings with input as syn.doc({"interval_seconds": 30, "canary": {"s": [0.9, 0.9, 0.9]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	{f.message | some f in found} == {
		"missing evidence: canary.s covers 1.5 min of the 2 min sustain window",
		"metric 90% > 50%, sustained 1.5 of 2 min",
	}
}

test_fail_window_counts_intervals_a_break_in_them if {
	found := sustained_above.findings with input as syn.doc({"interval_seconds": 30, "canary": {"s": [0.9, 0.1, 0.9]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	found == {syn.held(
		"c", "hold", {
			"message": "metric 90% > 50%, sustained 0.5 of 2 min",
			"observed": 0.9,
			"threshold": 0.5,
			"extra": {"minutes_left": 1.5},
		},
		"in 1.5 min if it stays above",
	)}
}

test_fail_held_above_baseline_plus_percent_names_the_baseline if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [200, 230]}, "baseline": {"s": 200}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_over_baseline)
	found == {syn.held(
		"c", "hold", {
			"message": "metric 230 ms > 220 ms (baseline 200 ms + 10%), sustained 1 of 2 min",
			"observed": 230,
			"threshold": 220,
			"extra": {"minutes_left": 1},
		},
		"in 1 min if it stays above",
	)}
}

test_fail_window_of_shorter_intervals if {
	doc := syn.doc({"interval_seconds": 30, "canary": {"s": [0.9, 0.9, 0.9, 0.9]}})
	found := sustained_above.findings with input as doc
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	some f in found
	f.message == "metric 90% > 50% for 2 min"
}

test_fail_above_baseline_plus_percent if {
	doc := {"canary": {"s": [221, 230]}, "baseline": {"s": 200}}
	found := sustained_above.findings with input as syn.doc(doc)
		with data.gatekeeper.profiles.rollout as syn.profiles(_over_baseline)
	found == {syn.finding("c", "trigger", {
		"message": "metric 230 ms > 220 ms (baseline 200 ms + 10%) for 2 min",
		"observed": 230,
		"threshold": 220,
	})}
}

test_success_at_baseline_plus_percent if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [220, 220]}, "baseline": {"s": 200}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_over_baseline)
	found == set()
}

test_success_decimal_baseline_at_the_limit if {
	# 180.3 * 1.1 = 198.33 exactly: at the limit, not above it
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [198.33, 198.33]}, "baseline": {"s": 180.3}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_over_baseline)
	found == set()
}

test_success_not_a_series if {
	found := sustained_above.findings with input as syn.doc({"canary": {"s": [0.9, "0.9"]}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_ratio)
	found == set()
}
