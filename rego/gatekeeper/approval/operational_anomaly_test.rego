package gatekeeper.approval_test

import data.gatekeeper.approval
import data.gatekeeper.lib.result

_anomaly(approvers) := {
	"gate": "approval", "trigger_type": "operational_anomaly",
	"decision": "rollback", "approvers": approvers,
}

test_success_any_sprint_dri_rolls_back_without_phase if {
	d := approval.decision with input as _anomaly(["carol@example.com"]) with data.gatekeeper.roster as _roster
	d.action == "approve"
	d.authority == ["Sprint DRI"]
}

test_success_any_sprint_dri_rolls_back_at_any_phase if {
	failures := [phase_percent |
		some phase_percent in [1, 5, 25, 50, 75, 100]
		d := approval.decision with input as object.union(_anomaly(["alice@example.com"]), {"phase_percent": phase_percent})
			with data.gatekeeper.roster as _roster
		d.action != "approve"
	]
	failures == []
}

test_fail_anomaly_rollback_by_non_sprint_dri if {
	d := approval.decision with input as _anomaly(["dave@example.com"]) with data.gatekeeper.roster as _roster
	[[v.code, v.approver] | some v in d.violations] == [["UNAUTHORIZED_APPROVER", "dave@example.com"]]
}

test_fail_anomaly_only_rollback if {
	failures := [decision |
		some decision in ["continue", "promote", "override"]
		d := approval.decision with input as object.union(_anomaly(["carol@example.com"]), {"decision": decision})
			with data.gatekeeper.roster as _roster
		[v.code | some v in d.violations] != ["INVALID_DECISION"]
	]
	failures == []
}

test_fail_anomaly_invalid_decision_message if {
	d := approval.decision with input as object.union(_anomaly(["carol@example.com"]), {"decision": "continue"})
		with data.gatekeeper.roster as _roster
	d.violations == [object.union(
		result.violation(
			"INVALID_DECISION",
			"decision continue is not allowed for trigger type operational_anomaly (allowed: rollback)",
			"continue", ["rollback"], "approval.invalid_decision", "critical",
		),
		{"field": "decision"},
	)]
}

test_fail_anomaly_invalid_phase_when_given if {
	d := approval.decision with input as object.union(_anomaly(["carol@example.com"]), {"phase_percent": 0})
		with data.gatekeeper.roster as _roster
	[v.field | some v in d.violations] == ["phase_percent"]
}
