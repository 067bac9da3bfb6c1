package gatekeeper.exceptions_test

import data.gatekeeper.exceptions
import data.gatekeeper.lib.result

_roster := {
	"alice@example.com": ["QA DRI", "Sprint DRI"],
	"bob@example.com": ["QA DRI"],
	"carol@example.com": ["Sprint DRI"],
	"erin@example.com": ["Sprint PM"],
	"sys@example.com": ["System"],
}

_now := "2026-06-01T12:00:00Z"

_cost := result.violation("COST", "cost increase 0.15 > 0.1 budget", 0.15, 0.1, "promotion.cost", "critical")

_latency := result.violation("P95_LATENCY", "p95 3400 ms > 3000 ms", 3400, 3000, "promotion.p95_latency", "critical")

_incidents := result.violation("INCIDENTS", "1 active incident", 1, 0, "promotion.incidents", "critical")

_deny(violations) := result.decision("promotion", "deny", {"violations": violations, "authority": ["System"]})

_input := {"gate": "promotion", "version": {"id": "v2"}, "now": _now}

_waiver(changes) := object.union(object.remove(_base_waiver, object.keys(changes)), changes)

_base_waiver := {
	"id": "WV-1", "code": "COST", "gate": "promotion", "scope": {"version_id": "v2"},
	"owner": "carol@example.com", "reason": "accepted", "expires_at": "2026-12-31T00:00:00Z",
	"approved_by": ["erin@example.com"],
}

_codes(items) := [item.code | some item in items]

_reasons(items) := [item.reason | some item in items]

test_success_no_waivers_leaves_the_decision_unchanged if {
	exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as []
		with data.gatekeeper.roster as _roster
		with input as _input == _deny([_cost])
}

test_success_waiver_for_another_code_leaves_the_decision_unchanged if {
	exceptions.applied(_deny([_latency])) with data.gatekeeper.waivers as [_waiver({})]
		with data.gatekeeper.roster as _roster
		with input as _input == _deny([_latency])
}

test_success_waiver_in_force_clears_the_gate if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({})]
		with data.gatekeeper.roster as _roster
		with input as _input
	d.action == "promote"
	d.allow == true
	d.violations == []
	[w] := d.warnings
	w.code == "WAIVED"
	w.waiver == _waiver({})
	w.waived == _cost
	w.observed == 0.15
	w.message == "COST waived until 2026-12-31T00:00:00Z: accepted (owner carol@example.com, approved by erin@example.com)"
}

test_success_partial_waiver_keeps_the_gate_action if {
	d := exceptions.applied(_deny([_cost, _latency])) with data.gatekeeper.waivers as [_waiver({})]
		with data.gatekeeper.roster as _roster
		with input as _input
	d.action == "deny"
	d.violations == [_latency]
	_codes(d.warnings) == ["WAIVED"]
}

test_success_approved_by_may_be_one_identity if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({"approved_by": "erin@example.com"})]
		with data.gatekeeper.roster as _roster
		with input as _input
	d.action == "promote"
}

test_fail_expired_waiver_only_warns if {
	expired := _waiver({"expires_at": "2026-01-01T00:00:00Z"})
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [expired]
		with data.gatekeeper.roster as _roster
		with input as _input
	d.action == "deny"
	d.violations == [_cost]
	_codes(d.warnings) == ["WAIVER_EXPIRED"]
	_reasons(d.warnings) == ["expired"]
	d.warnings[0].message == "waiver WV-1 for COST not applied: expired"
}

test_fail_waiver_expiring_now_has_expired if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({"expires_at": _now})]
		with data.gatekeeper.roster as _roster
		with input as _input
	_reasons(d.warnings) == ["expired"]
}

test_fail_out_of_scope_waiver_only_warns if {
	waiver := _waiver({"scope": {"version_id": "v2", "profile": "eu-regulated"}})
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [waiver]
		with data.gatekeeper.roster as _roster
		with input as _input
	d.action == "deny"
	_codes(d.warnings) == ["WAIVER_EXPIRED"]
	_reasons(d.warnings) == ["out_of_scope"]
}

test_fail_unknown_scope_key_is_out_of_scope if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({"scope": {"region": "eu"}})]
		with data.gatekeeper.roster as _roster
		with input as _input
	_reasons(d.warnings) == ["out_of_scope"]
}

test_success_waiver_for_another_version_is_silent if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({"scope": {"version_id": "v3"}})]
		with data.gatekeeper.roster as _roster
		with input as _input
	d == _deny([_cost])
}

test_success_scope_on_profile_and_environment if {
	waiver := _waiver({"scope": {"profile": "default", "environment": "production"}})
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [waiver]
		with data.gatekeeper.roster as _roster
		with input as object.union(_input, {"environment": "production"})
	d.action == "promote"
}

test_fail_without_evaluation_time_no_waiver_applies if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({})]
		with data.gatekeeper.roster as _roster
		with input as object.remove(_input, ["now"])
	d.action == "deny"
	_codes(d.warnings) == ["WAIVER_REFUSED"]
	_reasons(d.warnings) == ["no_evaluation_time"]
}

test_fail_malformed_time_is_no_evaluation_time if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({})]
		with data.gatekeeper.roster as _roster
		with input as object.union(_input, {"now": "2026-06-01 12:00"})
	_reasons(d.warnings) == ["no_evaluation_time"]
}

test_fail_malformed_waiver_is_refused if {
	waiver := object.remove(_waiver({"expires_at": "next year"}), ["id"])
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [waiver]
		with data.gatekeeper.roster as _roster
		with input as _input
	d.action == "deny"
	_reasons(d.warnings) == ["malformed"]
	startswith(d.warnings[0].message, "waiver #0 for COST not applied: a field is missing or malformed")
}

test_fail_waiver_without_approvers_is_malformed if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({"approved_by": []})]
		with data.gatekeeper.roster as _roster
		with input as _input
	_reasons(d.warnings) == ["malformed"]
}

test_fail_unwaivable_code_is_refused if {
	waiver := _waiver({"code": "INCIDENTS", "approved_by": ["carol@example.com"]})
	d := exceptions.applied(_deny([_incidents])) with data.gatekeeper.waivers as [waiver]
		with data.gatekeeper.roster as _roster
		with input as _input
	d.action == "deny"
	d.violations == [_incidents]
	_codes(d.warnings) == ["WAIVER_REFUSED"]
	_reasons(d.warnings) == ["unwaivable"]
}

test_fail_unwaivable_codes_are_data if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({})]
		with data.gatekeeper.roster as _roster
		with input as _input with exceptions.config.unwaivable as ["COST"]
	_reasons(d.warnings) == ["unwaivable"]
}

test_fail_approval_gate_is_not_waivable if {
	violation := result.violation("UNAUTHORIZED_APPROVER", "m", "x", null, "approval", "critical")
	denied := result.decision("approval", "deny", {"violations": [violation]})
	waiver := _waiver({"gate": "approval", "code": "UNAUTHORIZED_APPROVER", "scope": {}})
	d := exceptions.applied(denied) with data.gatekeeper.waivers as [waiver]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "approval", "now": _now}
	d.action == "deny"
	_reasons(d.warnings) == ["unwaivable"]
}

test_fail_approver_without_the_role_is_refused if {
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [_waiver({"approved_by": ["bob@example.com"]})]
		with data.gatekeeper.roster as _roster
		with input as _input
	d.action == "deny"
	_codes(d.warnings) == ["WAIVER_REFUSED"]
	_reasons(d.warnings) == ["unauthorized_approver"]
}

test_fail_unknown_approver_is_refused if {
	waiver := _waiver({"approved_by": ["mallory@example.com"]})
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [waiver]
		with data.gatekeeper.roster as _roster
		with input as _input
	_reasons(d.warnings) == ["unauthorized_approver"]
}

test_fail_code_without_trigger_type_is_refused if {
	violation := result.violation("EVIDENCE_FALLBACK", "m", 1, 0, "promotion.x", "high")
	d := exceptions.applied(_deny([violation])) with data.gatekeeper.waivers as [_waiver({"code": "EVIDENCE_FALLBACK"})]
		with data.gatekeeper.roster as _roster
		with input as _input
	_reasons(d.warnings) == ["unauthorized_approver"]
}

_rollout_violation(code) := result.violation(code, "m", 0.5183, 0.5184, "rollout.x", "high")

_manual := result.decision("rollout", "manual_decision", {
	"violations": [_rollout_violation("QUALITY_REGRESSION")],
	"authority": ["QA DRI"], "decision_window_minutes": 5, "default_action": "auto_rollback",
})

_rollout_waiver(approvers) := _waiver({
	"gate": "rollout", "code": "QUALITY_REGRESSION",
	"scope": {}, "approved_by": approvers,
})

test_success_rollout_waiver_continues_never_steps_up if {
	d := exceptions.applied(_manual) with data.gatekeeper.waivers as [_rollout_waiver(["bob@example.com"])]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "rollout", "phase_percent": 25, "now": _now}
	d.action == "continue"
	d.decision_window_minutes == null
	d.default_action == null
	d.authority == ["QA DRI"]
	_codes(d.warnings) == ["WAIVED"]
}

test_fail_joint_cell_needs_two_people if {
	d := exceptions.applied(_manual) with data.gatekeeper.waivers as [_rollout_waiver(["alice@example.com"])]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "rollout", "phase_percent": 50, "now": _now}
	d.action == "manual_decision"
	d.decision_window_minutes == 5
	_reasons(d.warnings) == ["one_person_two_roles"]
}

test_success_joint_cell_with_two_people if {
	approvers := ["alice@example.com", "bob@example.com"]
	d := exceptions.applied(_manual) with data.gatekeeper.waivers as [_rollout_waiver(approvers)]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "rollout", "phase_percent": 50, "now": _now}
	d.action == "continue"
}

test_fail_rollout_without_phase_is_refused if {
	d := exceptions.applied(_manual) with data.gatekeeper.waivers as [_rollout_waiver(["bob@example.com"])]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "rollout", "now": _now}
	_reasons(d.warnings) == ["unauthorized_approver"]
}

test_fail_system_cell_cannot_be_waived_by_a_person if {
	violation := _rollout_violation("SUCCESS_GATE_FAILURE")
	decision := result.decision("rollout", "auto_rollback", {"violations": [violation], "authority": ["System"]})
	waiver := _waiver({"gate": "rollout", "code": "SUCCESS_GATE_FAILURE", "scope": {}, "approved_by": ["sys@example.com"]})
	d := exceptions.applied(decision) with data.gatekeeper.waivers as [waiver]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "rollout", "phase_percent": 50, "now": _now}
		with data.gatekeeper.authority.matrix.performance["50"] as ["System"]
	d.action == "auto_rollback"
	_reasons(d.warnings) == ["unauthorized_approver"]
}

test_success_any_phase_roles if {
	violation := _rollout_violation("OPERATIONAL_ANOMALY")
	decision := result.decision("rollout", "manual_decision", {"violations": [violation]})
	waiver := _waiver({
		"gate": "rollout", "code": "OPERATIONAL_ANOMALY",
		"scope": {}, "owner": "erin@example.com", "approved_by": ["carol@example.com"],
	})
	d := exceptions.applied(decision) with data.gatekeeper.waivers as [waiver]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "rollout", "phase_percent": 50, "now": _now}
		with exceptions.config.trigger_type.rollout.OPERATIONAL_ANOMALY as "operational_anomaly"
	d.action == "continue"
}

test_success_waivers_document_must_be_a_list if {
	exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as {"WV-1": _waiver({})}
		with data.gatekeeper.roster as _roster
		with input as _input == _deny([_cost])
}

test_success_status_of_every_waiver if {
	waivers := [_waiver({}), _waiver({"expires_at": "2026-01-01T00:00:00Z"}), _waiver({"code": "INCIDENTS"})]
	statuses := exceptions.status with data.gatekeeper.waivers as waivers
		with data.gatekeeper.roster as _roster
		with input as _input
	statuses == {0: "in_force", 1: "expired", 2: "unwaivable"}
}

test_success_required_roles if {
	exceptions.required_roles(_waiver({})) == ["Sprint PM"]
	exceptions.required_roles(_waiver({"code": "GOLD_OVERALL"})) == ["QA DRI"]
	exceptions.required_roles(_waiver({"code": "UNKNOWN"})) == []
}

test_fail_owner_approving_their_own_waiver_is_refused if {
	waiver := _waiver({"owner": "erin@example.com"})
	d := exceptions.applied(_deny([_cost])) with data.gatekeeper.waivers as [waiver]
		with data.gatekeeper.roster as _roster
		with input as _input
	d.action == "deny"
	d.violations == [_cost]
	_codes(d.warnings) == ["WAIVER_REFUSED"]
	_reasons(d.warnings) == ["self_approved"]
	d.warnings[0].message == concat("", [
		"waiver WV-1 for COST not applied: the owner erin@example.com approved their own waiver",
		" (separation of duties: another person must approve it)",
	])
}

test_fail_owner_among_several_approvers_is_refused if {
	waiver := _rollout_waiver(["alice@example.com", "bob@example.com"])
	owned := object.union(waiver, {"owner": "Bob@Example.com"})
	d := exceptions.applied(_manual) with data.gatekeeper.waivers as [owned]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "rollout", "phase_percent": 50, "now": _now}
	d.action == "manual_decision"
	_reasons(d.warnings) == ["self_approved"]
}

test_fail_one_person_holding_both_roles_of_a_joint_cell_is_refused if {
	d := exceptions.applied(_manual) with data.gatekeeper.waivers as [_rollout_waiver(["alice@example.com"])]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "rollout", "phase_percent": 50, "now": _now}
	d.action == "manual_decision"
	_reasons(d.warnings) == ["one_person_two_roles"]
	d.warnings[0].message == concat("", [
		"waiver WV-1 for QUALITY_REGRESSION not applied: QA DRI + Sprint DRI must be held by 2 different ",
		"approvers, one per role; one person held several of them (approved by alice@example.com)",
	])
}

test_success_one_person_holding_one_role_cell_is_in_force if {
	d := exceptions.applied(_manual) with data.gatekeeper.waivers as [_rollout_waiver(["alice@example.com"])]
		with data.gatekeeper.roster as _roster
		with input as {"gate": "rollout", "phase_percent": 25, "now": _now}
	d.action == "continue"
}

test_success_explanation_of_every_status if {
	statuses := ["malformed", "unwaivable", "unauthorized_approver", "no_evaluation_time"]
	every status in array.concat(statuses, ["expired", "out_of_scope", "in_force"]) {
		is_string(exceptions.explanation(_waiver({}), status))
	}
}

test_success_explanation_of_an_unknown_status_names_it if {
	exceptions.explanation(_waiver({}), "revoked") == "not applied (revoked)"
	exceptions.explanation({"owner": 7}, "self_approved") == "not applied (self_approved)"
}
