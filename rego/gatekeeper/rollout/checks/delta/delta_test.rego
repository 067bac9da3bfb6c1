package gatekeeper.rollout.checks.delta_test

import data.gatekeeper.rollout.checks.delta
import data.gatekeeper.rollout.synthetic_test as syn

_drop := {"c": syn.check("delta", {
	"label": "score",
	"unit": "percent",
	"delta_unit": "pp",
	"canary": "canary.s",
	"baseline": "baseline.s",
	"direction": "drop",
	"limit": {"by_environment": {"blue": 0.05, "green": 0.02}},
	"warn_percent": 50,
})}

_increase := {"c": syn.check("delta", {
	"label": "latency",
	"unit": "ms",
	"delta_unit": "ms",
	"canary": "canary.s",
	"baseline": "baseline.s",
	"baseline_default": 100,
	"direction": "increase",
	"limit": {"percent_of_baseline": 10},
})}

_drop_doc(env, canary, baseline) := {"environment": env, "canary": {"s": canary}, "baseline": {"s": baseline}}

test_fail_drop_beyond_the_environment_limit if {
	profiles := {"t": object.union(syn.profiles(_drop).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc(_drop_doc("blue", 0.909, 0.96))
		with data.gatekeeper.profiles.rollout as profiles
	found == {syn.finding("c", "trigger", {
		"message": "score 90.9% vs baseline 96%: drop 5.1pp > 5pp",
		"observed": 0.909,
		"threshold": 0.91,
	})}
}

test_success_drop_at_the_limit_is_a_warning if {
	# 0.96 - 0.91 is exactly the 5pp limit: no breach (and past the warning share)
	profiles := {"t": object.union(syn.profiles(_drop).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc(_drop_doc("blue", 0.91, 0.96))
		with data.gatekeeper.profiles.rollout as profiles
	found == {syn.finding("c", "warning", {
		"message": "score 91% vs baseline 96%: drop 5pp >= 50% of the 5pp limit",
		"observed": 0.91,
		"threshold": 0.91,
		"severity": "warning",
	})}
}

test_success_warning_starts_at_its_share_of_the_limit if {
	profiles := {"t": object.union(syn.profiles(_drop).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc(_drop_doc("blue", 0.935, 0.96))
		with data.gatekeeper.profiles.rollout as profiles
	count(found) == 1
	profiles_2 := {"t": object.union(syn.profiles(_drop).t, {"environments": {"blue": {}, "green": {}}})}
	found_2 := delta.findings with input as syn.doc(_drop_doc("blue", 0.936, 0.96))
		with data.gatekeeper.profiles.rollout as profiles_2
	found_2 == set()
}

test_fail_limit_follows_the_environment if {
	profiles := {"t": object.union(syn.profiles(_drop).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc(_drop_doc("green", 0.939, 0.96))
		with data.gatekeeper.profiles.rollout as profiles
	some f in found
	f.class == "trigger"
	f.threshold == 0.94
}

test_success_no_limit_without_a_known_environment if {
	profiles := {"t": object.union(syn.profiles(_drop).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc(_drop_doc("red", 0.5, 0.96))
		with data.gatekeeper.profiles.rollout as profiles
	found == set()
}

test_success_newest_value_of_a_series_and_baseline if {
	profiles := {"t": object.union(syn.profiles(_drop).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc(_drop_doc("blue", [0.5, 0.95], [0.5, 0.96]))
		with data.gatekeeper.profiles.rollout as profiles
	found == set()
}

test_success_increase_at_a_share_of_the_baseline if {
	profiles := {"t": object.union(syn.profiles(_increase).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc({"canary": {"s": 121}, "baseline": {"s": 110}})
		with data.gatekeeper.profiles.rollout as profiles
	found == set()
}

test_fail_increase_beyond_a_share_of_the_baseline if {
	profiles := {"t": object.union(syn.profiles(_increase).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc({"canary": {"s": 121.1}, "baseline": {"s": 110}})
		with data.gatekeeper.profiles.rollout as profiles
	found == {syn.finding("c", "trigger", {
		"message": "latency 121.1 ms vs baseline 110 ms: increase 11.1 ms > 11 ms",
		"observed": 121.1,
		"threshold": 121,
	})}
}

test_fail_reference_baseline_when_the_input_has_none if {
	profiles := {"t": object.union(syn.profiles(_increase).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc({"canary": {"s": 111}})
		with data.gatekeeper.profiles.rollout as profiles
	some f in found
	f.message == "latency 111 ms vs baseline 100 ms: increase 11 ms > 10 ms"
}

test_success_no_canary_value if {
	profiles := {"t": object.union(syn.profiles(_increase).t, {"environments": {"blue": {}, "green": {}}})}
	found := delta.findings with input as syn.doc({"canary": {}, "baseline": {"s": 110}})
		with data.gatekeeper.profiles.rollout as profiles
	found == set()
}

_floored := {"c": syn.check("delta", {
	"label": "score",
	"unit": "score",
	"delta_unit": "score",
	"canary": "canary.s",
	"baseline": "baseline.s",
	"direction": "drop",
	"limit": {"value": 0.1},
	"floor": {"value": 0.6},
})}

test_fail_below_the_floor_with_a_small_drop if {
	found := delta.findings with input as syn.doc({"canary": {"s": 0.59}, "baseline": {"s": 0.62}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_floored)
	found == {syn.finding("c", "trigger", {
		"message": "score 0.59 vs baseline 0.62: below the floor 0.6",
		"observed": 0.59,
		"threshold": 0.6,
		"extra": {"fired": ["floor"]},
	})}
}

test_success_at_the_floor if {
	found := delta.findings with input as syn.doc({"canary": {"s": 0.6}, "baseline": {"s": 0.62}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_floored)
	found == set()
}

test_fail_drop_above_the_floor if {
	found := delta.findings with input as syn.doc({"canary": {"s": 0.79}, "baseline": {"s": 0.9}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_floored)
	found == {syn.finding("c", "trigger", {
		"message": "score 0.79 vs baseline 0.9: drop 0.11 > 0.1",
		"observed": 0.79,
		"threshold": 0.8,
		"extra": {"fired": ["drop"]},
	})}
}

test_fail_drop_and_floor if {
	found := delta.findings with input as syn.doc({"canary": {"s": 0.5}, "baseline": {"s": 0.65}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_floored)
	[f.message | some f in found] == ["score 0.5 vs baseline 0.65: drop 0.15 > 0.1; below the floor 0.6"]
}
