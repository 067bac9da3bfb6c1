package gatekeeper.rollout.checks.pending_test

import data.gatekeeper.rollout.checks.pending
import data.gatekeeper.rollout.fixtures_test as fx

_pending(trigger, minutes, phase) := object.union(fx.dm, {
	"phase_percent": phase,
	"pending_decision": {"trigger": trigger, "minutes_pending": minutes},
})

test_success_quality_window_not_over if {
	count(pending.findings) == 0 with input as _pending("quality_regression", 4, 25)
	count(pending.findings) == 0 with input as _pending("quality_regression", 9.5, 5)
	count(pending.findings) == 0 with input as _pending("quality_regression", 1, 50)
}

test_fail_quality_window_over_at_each_phase if {
	fx.codes(pending.findings) == {"DECISION_WINDOW_EXPIRED"} with input as _pending("quality_regression", 10, 1)
	fx.codes(pending.findings) == {"DECISION_WINDOW_EXPIRED"} with input as _pending("quality_regression", 5, 10)
	fx.codes(pending.findings) == {"DECISION_WINDOW_EXPIRED"} with input as _pending("quality_regression", 2, 30)
}

test_fail_gate_window_over if {
	[f | some f in pending.findings] == [{
		"check": "gate_failure",
		"class": "trigger",
		"code": "DECISION_WINDOW_EXPIRED",
		"message": "gate failure decision pending 2 min >= window 2 min at 25%: default action auto_rollback",
		"observed": 2,
		"threshold": 2,
		"rule": "rollout.decision_window",
		"severity": "critical",
		"extra": {"trigger": "gate_failure"},
		"cell": {"action": "auto_rollback"},
		"trigger_type": "performance",
	}] with input as _pending("gate_failure", 2, 25)
}

test_success_no_window_where_the_cell_is_automatic if {
	count(pending.findings) == 0 with input as _pending("gate_failure", 60, 50)
	count(pending.findings) == 0 with input as _pending("quality_regression", 60, 100)
}
