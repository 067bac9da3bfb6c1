package gatekeeper.rollout.checks.group_sustained_above_test

import data.gatekeeper.rollout.checks.group_sustained_above
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("group_sustained_above", {
	"label": "node",
	"member_key": "node",
	"unit": "percent",
	"group": "canary.nodes",
	"metrics": ["cpu", "disk"],
	"limit": {"value": 0.8},
	"minutes": 2,
})}

test_fail_member_metric_sustained if {
	nodes := {"n1": {"cpu": [0.1, 0.9, 0.85], "disk": [0.1, 0.1]}, "n2": {"cpu": [0.1, 0.1], "disk": [0.2, 0.2]}}
	found := group_sustained_above.findings with input as syn.doc({"canary": {"nodes": nodes}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "node n1 cpu 85% > 80% for 2 min",
		"observed": 0.85,
		"threshold": 0.8,
		"extra": {"node": "n1", "metric": "cpu"},
	})}
}

test_success_no_member_over_its_limit if {
	nodes := {"n1": {"cpu": [0.9, 0.8], "disk": [0.1, 0.2]}}
	found := group_sustained_above.findings with input as syn.doc({"canary": {"nodes": nodes}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_fail_member_breach_not_yet_sustained_holds_the_phase if {
	nodes := {"n1": {"cpu": [0.9, 0.8], "disk": [0.1, 0.95]}}
	found := group_sustained_above.findings with input as syn.doc({"canary": {"nodes": nodes}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.held(
		"c", "hold", {
			"message": "node n1 disk 95% > 80%, sustained 1 of 2 min",
			"observed": 0.95,
			"threshold": 0.8,
			"extra": {"node": "n1", "metric": "disk", "minutes_left": 1},
		},
		"in 1 min if it stays above",
	)}
}

test_fail_member_window_not_covered_is_not_judged_yet if {
	nodes := {"n1": {"cpu": [0.5], "disk": [0.1, 0.2]}}
	found := group_sustained_above.findings with input as syn.doc({"canary": {"nodes": nodes}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.held(
		"c", "unjudged", {
			"message": "node n1 cpu not judged yet: 1 of 2 min observed",
			"observed": 0.5,
			"threshold": 0.8,
			"extra": {"node": "n1", "metric": "cpu", "minutes_left": 1},
		},
		"in 1 min",
	)}
}

test_fail_member_without_a_metric_series if {
	nodes := {"n1": {"cpu": [0.1, 0.1], "disk": []}}
	found := group_sustained_above.findings with input as syn.doc({"canary": {"nodes": nodes}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {{
		"check": "c",
		"class": "missing",
		"code": "MISSING_EVIDENCE",
		"message": "missing evidence: canary.nodes.n1.disk",
		"observed": null,
		"threshold": null,
		"rule": "rollout.evidence",
		"severity": "high",
		"extra": {"field": "canary.nodes.n1.disk"},
	}}
}

test_fail_member_series_above_but_shorter_than_the_window if {
	nodes := {"n1": {"cpu": [0.9], "disk": [0.1]}}
	found := group_sustained_above.findings with input as syn.doc({"canary": {"nodes": nodes}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	[[f.code, f.extra.field] | some f in found] == [["MISSING_EVIDENCE", "canary.nodes.n1.cpu"]]
}
