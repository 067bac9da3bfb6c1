package gatekeeper.lib.result_test

import data.gatekeeper.lib.result

test_success_violation_shape if {
	result.violation("ERROR_RATE", "error rate 0.8% > 0.5%", 0.008, 0.005, "rollout.error_rate", "critical") == {
		"code": "ERROR_RATE", "message": "error rate 0.8% > 0.5%", "observed": 0.008,
		"threshold": 0.005, "rule": "rollout.error_rate", "severity": "critical",
	}
}

test_success_decision_allowing_action if {
	result.decision("promotion", "promote", {"authority": ["System"]}) == {
		"gate": "promotion", "allow": true, "action": "promote",
		"violations": [], "warnings": [], "authority": ["System"],
		"decision_window_minutes": null, "default_action": null,
	}
}

test_fail_decision_blocking_action_sorted_lists if {
	d := result.decision("rollout", "manual_decision", {
		"violations": [{"code": "B"}, {"code": "A"}],
		"warnings": [{"code": "W"}],
		"decision_window_minutes": 5,
		"default_action": "auto_rollback",
	})
	d.allow == false
	d.violations == [{"code": "A"}, {"code": "B"}]
	d.warnings == [{"code": "W"}]
	d.decision_window_minutes == 5
	d.default_action == "auto_rollback"
}

test_fail_decision_unknown_action_does_not_allow if {
	result.decision("rollout", "explode", {}).allow == false
}

test_success_most_severe_order if {
	result.most_severe({"continue", "abort", "auto_rollback"}) == "abort"
	result.most_severe({"abort_and_quarantine", "abort"}) == "abort_and_quarantine"
	result.most_severe({"manual_decision", "pause_evaluation"}) == "manual_decision"
	result.most_severe({"pause_evaluation", "promote_next_step"}) == "pause_evaluation"
	result.most_severe(["auto_rollback"]) == "auto_rollback"
}

test_success_most_severe_tie_is_deterministic if {
	result.most_severe({"continue", "promote_next_step"}) == "continue"
	result.most_severe({"deny", "auto_rollback"}) == "auto_rollback"
}

test_fail_most_severe_unknown_action_wins if {
	result.most_severe({"abort_and_quarantine", "mystery"}) == "mystery"
}

test_fail_most_severe_of_nothing_is_undefined if {
	not result.most_severe(set())
}

test_success_rank if {
	result.rank("continue") == 0
	result.rank("abort_and_quarantine") == 5
	result.rank("mystery") == 99
}
