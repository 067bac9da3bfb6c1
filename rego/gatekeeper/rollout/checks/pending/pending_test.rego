package gatekeeper.rollout.checks.pending_test

import data.gatekeeper.rollout.checks.pending
import data.gatekeeper.rollout.synthetic_test as syn

_profiles := {"t": object.union(syn.profiles({}).t, {
	"matrix": {"rows": {"slow": {
		"label": "slow answers",
		"trigger_type": "performance",
		"cells": {
			"50": {"action": "manual_decision", "window_minutes": 4, "default_action": "auto_rollback"},
			"100": {"action": "auto_rollback"},
		},
	}}},
	"decision_window_expired": {"code": "EXPIRED", "rule": "rollout.window", "severity": "critical"},
})}

test_success_window_not_over if {
	found := pending.findings with input as syn.doc({
		"phase_percent": 50,
		"pending_decision": {"trigger": "slow", "minutes_pending": 3.5},
	})
		with data.gatekeeper.profiles.rollout as _profiles
	found == set()
}

test_fail_window_over if {
	found := pending.findings with input as syn.doc({
		"phase_percent": 30,
		"pending_decision": {"trigger": "slow", "minutes_pending": 4},
	})
		with data.gatekeeper.profiles.rollout as _profiles
	found == {{
		"check": "slow",
		"class": "trigger",
		"code": "EXPIRED",
		"message": "slow answers decision pending 4 min >= window 4 min at 50%: default action auto_rollback",
		"observed": 4,
		"threshold": 4,
		"rule": "rollout.window",
		"severity": "critical",
		"extra": {"trigger": "slow"},
		"cell": {"action": "auto_rollback"},
		"trigger_type": "performance",
	}}
}

test_fail_pending_decision_at_an_automatic_cell_takes_its_action if {
	found := pending.findings with input as syn.doc({
		"phase_percent": 100,
		"pending_decision": {"trigger": "slow", "minutes_pending": 1},
	})
		with data.gatekeeper.profiles.rollout as _profiles
	found == {{
		"check": "slow",
		"class": "trigger",
		"code": "EXPIRED",
		"message": "slow answers decision pending 1 min at 100%, where the cell is automatic: auto_rollback",
		"observed": 1,
		"threshold": 0,
		"rule": "rollout.window",
		"severity": "critical",
		"extra": {"trigger": "slow"},
		"cell": {"action": "auto_rollback"},
		"trigger_type": "performance",
	}}
}

test_success_window_over_after_a_continue_decision if {
	found := pending.findings with input as syn.doc({
		"phase_percent": 50,
		"pending_decision": {"trigger": "slow", "minutes_pending": 9, "decision": "continue", "minutes_since_detection": 9},
	})
		with data.gatekeeper.profiles.rollout as _profiles
	found == set()
}

test_fail_continue_decision_does_not_carry_to_an_automatic_cell if {
	found := pending.findings with input as syn.doc({
		"phase_percent": 100,
		"pending_decision": {"trigger": "slow", "minutes_pending": 1, "decision": "continue", "minutes_since_detection": 1},
	})
		with data.gatekeeper.profiles.rollout as _profiles
	[f.cell.action | some f in found] == ["auto_rollback"]
}
