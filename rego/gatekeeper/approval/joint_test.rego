package gatekeeper.approval_test

import data.gatekeeper.approval
import data.gatekeeper.lib.result

test_success_joint_cell_two_people if {
	d := approval.decision with input as _input("quality", 50, "continue", ["bob@example.com", "carol@example.com"])
		with data.gatekeeper.roster as _roster
	d.action == "approve"
}

test_success_joint_cell_two_role_person_with_other if {
	# alice (QA DRI + Sprint DRI) with bob (QA DRI): alice covers Sprint DRI, bob QA DRI.
	d := approval.decision with input as _input("quality", 30, "rollback", ["alice@example.com", "bob@example.com"])
		with data.gatekeeper.roster as _roster
	d.action == "approve"
}

test_fail_joint_cell_one_person_with_both_roles if {
	d := approval.decision with input as _input("quality", 50, "continue", ["alice@example.com"])
		with data.gatekeeper.roster as _roster
	d.action == "deny"
	d.violations == [object.union(
		result.violation(
			"SEPARATE_APPROVERS_REQUIRED",
			"QA DRI + Sprint DRI must be held by 2 different approvers, one per role; approvers: alice@example.com",
			1, 2, "approval.separate_approvers", "critical",
		),
		{"field": "approvers"},
	)]
}

test_fail_joint_cell_role_missing if {
	d := approval.decision with input as _input("quality", 50, "continue", ["bob@example.com"])
		with data.gatekeeper.roster as _roster
	[v.code | some v in d.violations] == ["SEPARATE_APPROVERS_REQUIRED"]
}

test_fail_joint_cell_same_role_twice if {
	d := approval.decision with input as _input(
		"quality", 50, "continue",
		["bob@example.com", "qa2@example.com"],
	)
		with data.gatekeeper.roster as object.union(_roster, {"qa2@example.com": ["QA DRI"]})
	[v.code | some v in d.violations] == ["SEPARATE_APPROVERS_REQUIRED"]
}

test_fail_joint_cell_with_outsider if {
	d := approval.decision with input as _input(
		"quality", 50, "continue",
		["bob@example.com", "carol@example.com", "dave@example.com"],
	)
		with data.gatekeeper.roster as _roster
	[[v.code, v.approver] | some v in d.violations] == [["UNAUTHORIZED_APPROVER", "dave@example.com"]]
}
