package gatekeeper.approval_test

import data.gatekeeper.approval
import data.gatekeeper.lib.result

# One identity per role, plus alice holding two roles (scenarios/roster.json).
_roster := {
	"alice@example.com": ["QA DRI", "Sprint DRI"],
	"bob@example.com": ["QA DRI"],
	"carol@example.com": ["Sprint DRI"],
	"dave@example.com": ["Engineering Manager"],
	"erin@example.com": ["Sprint PM"],
	"frank@example.com": ["VP Engineering"],
}

_input(trigger_type, phase_percent, decision, approvers) := {
	"gate": "approval",
	"trigger_type": trigger_type,
	"phase_percent": phase_percent,
	"decision": decision,
	"approvers": approvers,
}

# The 12 human cells of the decision-authority matrix: the column, a phase
# between columns that maps to it, approvers who may decide, and one who may not.
_cells := [
	{"type": "performance", "column": 5, "between": 1, "ok": ["carol@example.com"], "refused": "dave@example.com"},
	{"type": "performance", "column": 25, "between": 10, "ok": ["carol@example.com"], "refused": "bob@example.com"},
	{"type": "performance", "column": 50, "between": 30, "ok": ["dave@example.com"], "refused": "carol@example.com"},
	{"type": "performance", "column": 100, "between": 75, "ok": ["dave@example.com"], "refused": "frank@example.com"},
	{"type": "quality", "column": 5, "between": 1, "ok": ["bob@example.com"], "refused": "carol@example.com"},
	{"type": "quality", "column": 25, "between": 10, "ok": ["bob@example.com"], "refused": "dave@example.com"},
	{
		"type": "quality", "column": 50, "between": 30,
		"ok": ["bob@example.com", "carol@example.com"], "refused": "dave@example.com",
	},
	{"type": "quality", "column": 100, "between": 75, "ok": ["dave@example.com"], "refused": "bob@example.com"},
	{"type": "business", "column": 5, "between": 1, "ok": ["erin@example.com"], "refused": "carol@example.com"},
	{"type": "business", "column": 25, "between": 10, "ok": ["erin@example.com"], "refused": "dave@example.com"},
	{"type": "business", "column": 50, "between": 30, "ok": ["dave@example.com"], "refused": "erin@example.com"},
	{"type": "business", "column": 100, "between": 75, "ok": ["frank@example.com"], "refused": "dave@example.com"},
]

test_success_every_human_cell_allows_its_roles if {
	failures := [[cell.type, phase_percent, decision] |
		some cell in _cells
		some phase_percent in [cell.column, cell.between]
		some decision in ["rollback", "continue", "promote", "override"]
		d := approval.decision with input as _input(cell.type, phase_percent, decision, cell.ok)
			with data.gatekeeper.roster as _roster
		d.action != "approve"
	]
	failures == []
}

test_fail_every_human_cell_refuses_other_roles if {
	failures := [[cell.type, phase_percent] |
		some cell in _cells
		some phase_percent in [cell.column, cell.between]
		d := approval.decision with input as _input(cell.type, phase_percent, "rollback", [cell.refused])
			with data.gatekeeper.roster as _roster
		not _refused(d, cell.refused)
	]
	failures == []
}

_refused(d, identity) if {
	d.action == "deny"
	d.allow == false
	[[v.code, v.approver] | some v in d.violations] == [["UNAUTHORIZED_APPROVER", identity]]
}

test_success_authority_names_the_cell_roles if {
	failures := [[cell.type, cell.column] |
		some cell in _cells
		d := approval.decision with input as _input(cell.type, cell.between, "continue", cell.ok)
			with data.gatekeeper.roster as _roster
		d.authority != data.gatekeeper.authority.matrix[cell.type][format_int(cell.column, 10)]
	]
	failures == []
}

test_fail_every_automated_cell_is_system_only if {
	failures := [phase_percent |
		some phase_percent in [1, 5, 10, 25, 30, 50, 75, 100]
		d := approval.decision with input as _input("automated", phase_percent, "override", ["alice@example.com"])
			with data.gatekeeper.roster as object.union(_roster, {"alice@example.com": ["System"]})
		not _automated(d)
	]
	failures == []
}

_automated(d) if {
	d.action == "deny"
	d.authority == ["System"]
	[v.code | some v in d.violations] == ["AUTOMATED_DECISION"]
}

test_fail_automated_message if {
	d := approval.decision with input as _input("automated", 50, "continue", ["carol@example.com"])
		with data.gatekeeper.roster as _roster
	d.violations == [result.violation(
		"AUTOMATED_DECISION",
		"continue decisions for trigger type automated are taken by System only, not by people",
		"automated", ["System"], "approval.automated_decision", "critical",
	)]
}

test_success_inputs_doc_example if {
	d := approval.decision with input as _input("quality", 50, "continue", ["alice@example.com", "bob@example.com"])
		with data.gatekeeper.roster as _roster
	d == {
		"gate": "approval", "allow": true, "action": "approve",
		"violations": [], "warnings": [], "authority": ["QA DRI", "Sprint DRI"],
		"decision_window_minutes": null, "default_action": null,
	}
}

test_fail_unknown_identity_named if {
	d := approval.decision with input as _input("performance", 5, "rollback", ["carol@example.com", "mallory@example.com"])
		with data.gatekeeper.roster as _roster
	d.action == "deny"
	d.violations == [object.union(
		result.violation(
			"UNAUTHORIZED_APPROVER",
			"mallory@example.com does not hold Sprint DRI (roles in roster: none)",
			"mallory@example.com", ["Sprint DRI"], "approval.unauthorized_approver", "critical",
		),
		{"field": "approvers", "approver": "mallory@example.com"},
	)]
}

test_fail_wrong_role_lists_roster_roles if {
	d := approval.decision with input as _input("business", 100, "promote", ["alice@example.com"])
		with data.gatekeeper.roster as _roster
	expected := "alice@example.com does not hold VP Engineering (roles in roster: QA DRI, Sprint DRI)"
	[v.message | some v in d.violations] == [expected]
}

test_fail_missing_roster_refuses_everyone if {
	d := approval.decision with input as _input("performance", 5, "rollback", ["carol@example.com"])
	d.action == "deny"
	[v.code | some v in d.violations] == ["UNAUTHORIZED_APPROVER"]
}

test_fail_malformed_roster_entry_gives_no_role if {
	d := approval.decision with input as _input("performance", 5, "rollback", ["carol@example.com"])
		with data.gatekeeper.roster as {"carol@example.com": "Sprint DRI"}
	[v.code | some v in d.violations] == ["UNAUTHORIZED_APPROVER"]
}

test_success_duplicate_approver_counts_once if {
	d := approval.decision with input as _input("performance", 5, "rollback", ["carol@example.com", "carol@example.com"])
		with data.gatekeeper.roster as _roster
	d.action == "approve"
}
