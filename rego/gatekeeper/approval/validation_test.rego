package gatekeeper.approval_test

import data.gatekeeper.approval
import data.gatekeeper.lib.result

test_fail_empty_input_names_every_field if {
	d := approval.decision with input as {"gate": "approval"} with data.gatekeeper.roster as _roster
	d.action == "deny"
	d.authority == []
	{[v.code, v.field] | some v in d.violations} == {
		["INVALID_INPUT", "trigger_type"],
		["INVALID_INPUT", "decision"],
		["INVALID_INPUT", "approvers"],
	}
}

test_fail_unknown_trigger_type if {
	d := approval.decision with input as _input("vibes", 5, "rollback", ["carol@example.com"])
		with data.gatekeeper.roster as _roster
	d.violations == [object.union(
		result.violation(
			"INVALID_INPUT",
			"trigger_type vibes is not one of automated, business, operational_anomaly, performance, quality",
			"vibes", null, "approval.input", "critical",
		),
		{"field": "trigger_type"},
	)]
}

test_fail_unknown_decision if {
	d := approval.decision with input as _input("performance", 5, "explode", ["carol@example.com"])
		with data.gatekeeper.roster as _roster
	d.violations == [object.union(
		result.violation(
			"INVALID_INPUT",
			"decision explode is not one of continue, override, promote, rollback",
			"explode", null, "approval.input", "critical",
		),
		{"field": "decision"},
	)]
}

test_fail_phase_missing_for_matrix_row if {
	d := approval.decision with input as json.remove(
		_input("performance", 5, "rollback", ["carol@example.com"]),
		["phase_percent"],
	)
		with data.gatekeeper.roster as _roster
	d.action == "deny"
	[v.field | some v in d.violations] == ["phase_percent"]
}

test_fail_phase_out_of_range if {
	failures := [phase_percent |
		some phase_percent in [0, -1, 100.5, "50"]
		d := approval.decision with input as _input("performance", phase_percent, "rollback", ["carol@example.com"])
			with data.gatekeeper.roster as _roster
		[v.field | some v in d.violations] != ["phase_percent"]
	]
	failures == []
}

test_success_phase_last_column if {
	d := approval.decision with input as _input("performance", 100, "rollback", ["dave@example.com"])
		with data.gatekeeper.roster as _roster
	d.action == "approve"
}

test_fail_approvers_not_a_list if {
	d := approval.decision with input as _input("performance", 5, "rollback", "carol@example.com")
		with data.gatekeeper.roster as _roster
	[v.field | some v in d.violations] == ["approvers"]
}

test_fail_approvers_not_strings if {
	d := approval.decision with input as _input("performance", 5, "rollback", ["carol@example.com", 7])
		with data.gatekeeper.roster as _roster
	[[v.code, v.field] | some v in d.violations] == [["INVALID_INPUT", "approvers"]]
}

test_fail_no_approver if {
	d := approval.decision with input as _input("performance", 5, "rollback", [])
		with data.gatekeeper.roster as _roster
	d.violations == [object.union(
		result.violation(
			"MISSING_EVIDENCE", "approvers is empty: nobody to take the decision",
			[], null, "approval.input", "critical",
		),
		{"field": "approvers"},
	)]
}
