package gatekeeper.rollout.checks.flags_test

import data.gatekeeper.rollout.checks.flags
import data.gatekeeper.rollout.fixtures_test as fx

test_success_all_gates_pass if {
	count(flags.findings) == 0 with input as fx.dm
}

test_fail_gate_false_names_the_gate if {
	doc := fx.with_canary(fx.dm, {"success_gates": {"recall_at_50": false, "p99_budget": true}})
	fs := flags.findings with input as doc
	[f | some f in fs] == [{
		"check": "gate_failure",
		"class": "trigger",
		"code": "SUCCESS_GATE_FAILURE",
		"message": "success gate recall_at_50 failed",
		"observed": false,
		"threshold": true,
		"rule": "rollout.success_gate",
		"severity": "high",
		"extra": {"gate": "recall_at_50"},
	}]
}

test_fail_non_boolean_gate_counts_as_failed if {
	doc := fx.with_canary(fx.dm, {"success_gates": {"recall_at_50": "yes"}})
	fx.codes(flags.findings) == {"SUCCESS_GATE_FAILURE"} with input as doc
}
