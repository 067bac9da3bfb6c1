package gatekeeper.rollout.checks.latest_test

import data.gatekeeper.rollout.checks.latest
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {
	"high": syn.check("latest", {
		"compare": "above", "unit": "ms", "field": "canary.s",
		"limit": {"value": 100, "multiplier": 2},
	}),
	"low": syn.check("latest", {"compare": "below", "unit": "percent", "field": "canary.r", "limit": {"value": 0.9}}),
	"budget": syn.check("latest", {
		"compare": "above", "unit": "amount", "field": "canary.cost",
		"limit": {"field": "canary.budget"},
	}),
}

_healthy := {"s": [300, 150], "r": 0.95, "cost": 10, "budget": 20}

test_success_all_within_limits if {
	found := latest.findings with input as syn.doc({"canary": _healthy})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_fail_newest_value_above_multiplied_limit if {
	found := latest.findings with input as syn.doc({"canary": object.union(_healthy, {"s": [100, 201]})})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("high", "trigger", {
		"message": "metric 201 ms > 200 ms",
		"observed": 201,
		"threshold": 200,
	})}
}

test_success_at_the_limit if {
	found := latest.findings with input as syn.doc({"canary": object.union(_healthy, {"s": [200], "r": 0.9, "cost": 20})})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_fail_below_the_limit if {
	found := latest.findings with input as syn.doc({"canary": object.union(_healthy, {"r": 0.899})})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("low", "trigger", {
		"message": "metric 89.9% < 90%",
		"observed": 0.899,
		"threshold": 0.9,
	})}
}

test_fail_above_a_limit_from_another_field if {
	found := latest.findings with input as syn.doc({"canary": object.union(_healthy, {"cost": 20.5})})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("budget", "trigger", {
		"message": "metric 20.5 > 20",
		"observed": 20.5,
		"threshold": 20,
	})}
}

test_success_absent_value_is_left_to_the_evidence_check if {
	found := latest.findings with input as syn.doc({"canary": {"r": 0.95}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}
