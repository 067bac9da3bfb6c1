package gatekeeper.rollout.checks.checklist_test

import data.gatekeeper.rollout.checks.checklist
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("checklist", {
	"label": "after-check",
	"when": "after",
	"items": [
		{"item": "state", "field": "after.state", "op": "equals", "value": "up"},
		{"item": "build", "field": "after.build", "op": "equals_field", "other": "after.wanted"},
		{"item": "load", "field": "after.load", "op": "below", "value": 0.5},
	],
})}

_valid := {"state": "up", "build": "b7", "wanted": "b7", "load": 0.49}

test_success_no_object_no_checklist if {
	found := checklist.findings with input as syn.doc({})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_success_all_items_hold if {
	found := checklist.findings with input as syn.doc({"after": _valid})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_fail_an_item_names_itself if {
	found := checklist.findings with input as syn.doc({"after": object.union(_valid, {"load": 0.5})})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "after-check item load failed: after.load is 0.5, expected < 0.5",
		"observed": 0.5,
		"threshold": 0.5,
		"extra": {"item": "load"},
	})}
}

test_fail_each_item_that_does_not_hold if {
	bad := {"state": "down", "build": "b8", "wanted": "b7", "load": "low"}
	found := checklist.findings with input as syn.doc({"after": bad})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	{f.extra.item | some f in found} == {"state", "build", "load"}
}

test_fail_absent_items_fail_closed if {
	found := checklist.findings with input as syn.doc({"after": {"state": "up"}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	{f.extra.item | some f in found} == {"build", "load"}
}
