package gatekeeper.main_test

import data.gatekeeper.lib.result
import data.gatekeeper.main

_promotion := {
	"gate": "promotion",
	"version": {"id": "v1-abc123", "state": "shadow"},
	"metrics": {
		"p95_latency_ms": 2500, "error_rate": 0.01, "accuracy_delta": 0.03,
		"security_pass_rate": 0.995, "cost_delta": 0.05,
	},
	"statistical_tests": {"accuracy_p_value": 0.02},
	"shadow": {"requests": 1500, "duration_hours": 26},
	"gold_set": {"security_pass_rate": 0.97, "overall_pass_rate": 0.93},
	"incidents": {"active": 0},
}

_invalid(gate, message) := {
	"gate": gate, "allow": false, "action": "deny",
	"violations": [object.union(
		result.violation("INVALID_INPUT", message, gate, null, "main.gate", "critical"),
		{"field": "gate"},
	)],
	"warnings": [], "authority": [],
	"decision_window_minutes": null, "default_action": null,
}

test_success_dispatch_promotion if {
	d := main.decision with input as _promotion
	d.gate == "promotion"
	d.action == "promote"
	d == data.gatekeeper.promotion.decision with input as _promotion
}

test_success_shadow_without_gate_is_promotion if {
	d := main.decision with input as object.remove(_promotion, ["gate"])
	d.gate == "promotion"
	d.action == "promote"
}

test_fail_dispatch_promotion_deny if {
	d := main.decision with input as json.remove(_promotion, ["shadow"])
	d.gate == "promotion"
	d.action == "deny"
}

test_success_dispatch_approval if {
	approval := {
		"gate": "approval", "trigger_type": "quality", "phase_percent": 50,
		"decision": "continue", "approvers": ["alice@example.com", "bob@example.com"],
	}
	d := main.decision with input as approval
		with data.gatekeeper.roster as {"alice@example.com": ["Sprint DRI"], "bob@example.com": ["QA DRI"]}
	d.gate == "approval"
	d.action == "approve"
}

test_fail_dispatch_approval_without_roster if {
	approval := {
		"gate": "approval", "trigger_type": "performance", "phase_percent": 5,
		"decision": "rollback", "approvers": ["carol@example.com"],
	}
	d := main.decision with input as approval
	d.gate == "approval"
	d.action == "deny"
}

test_fail_missing_gate if {
	main.decision == _invalid(null, "gate is missing (expected promotion, rollout or approval)") with input as {}
}

test_fail_missing_gate_not_shadow if {
	d := main.decision with input as object.union(object.remove(_promotion, ["gate"]), {"version": {"state": "live"}})
	d == _invalid(null, "gate is missing (expected promotion, rollout or approval)")
}

test_fail_unknown_gate if {
	d := main.decision with input as {"gate": "deploy"}
	d == _invalid("deploy", "unknown gate deploy (expected promotion, rollout or approval)")
}

test_fail_input_not_an_object if {
	main.decision == _invalid(null, "input must be a JSON object") with input as ["promotion"]
}

test_fail_gate_without_decision if {
	# A known gate whose package gives no decision is refused, never a silent pass.
	d := main.decision with input as {"gate": "approval"} with data.gatekeeper.approval.decision as false
	d.action == "deny"
	[v.code | some v in d.violations] == ["INVALID_INPUT"]
}

test_success_dispatch_rollout if {
	# The rollout package's own decision object is returned unchanged.
	rollout := {
		"gate": "rollout", "allow": true, "action": "continue",
		"violations": [], "warnings": [], "authority": [],
		"decision_window_minutes": null, "default_action": null,
	}
	main.decision == rollout with input as {"gate": "rollout"} with data.gatekeeper.rollout.decision as rollout
}

test_success_dispatch_rollout_real_package if {
	# The README's rollout example through the real rollout package.
	rollout := {
		"gate": "rollout", "profile": "decision-matrix", "phase_percent": 25, "interval_seconds": 60,
		"canary": {
			"error_rate": [0.001, 0.006, 0.007, 0.008], "p99_latency_ms": [180, 190, 185, 188],
			"shards": {"shard-a": {"cpu": [0.50, 0.61], "memory": [0.40, 0.41]}},
			"success_gates": {"recall_at_50": true, "p99_budget": true}, "ndcg_at_10": 0.5231,
		},
		"baseline": {"p99_latency_ms": 180, "ndcg_at_10": 0.5234},
		"pending_decision": {"trigger": "quality_regression", "minutes_pending": 3},
	}
	d := main.decision with input as rollout
	d.gate == "rollout"
	d.allow == false
	d == data.gatekeeper.rollout.decision with input as rollout
}
