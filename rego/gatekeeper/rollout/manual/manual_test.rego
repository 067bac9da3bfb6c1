package gatekeeper.rollout.manual_test

import data.gatekeeper.rollout
import data.gatekeeper.rollout.fixtures_test as fx
import data.gatekeeper.rollout.manual

# The shipped decision-matrix profile: quality regression at 25% has a 5-min window and a
# 30-min resolution deadline in data.
_quality_dropped := fx.with_canary(fx.dm, {"ndcg_at_10": 0.5183})

_pending(doc, pending) := object.union(doc, {"pending_decision": object.union(
	{"trigger": "quality_regression"},
	pending,
)})

_summary(d) := {
	"action": d.action,
	"violations": {v.code | some v in d.violations},
	"warnings": {w.code | some w in d.warnings},
}

test_success_cleared_trigger_within_window_is_still_owed if {
	decided := rollout.decision with input as _pending(fx.dm, {"minutes_pending": 4})
	_summary(decided) == {
		"action": "manual_decision",
		"violations": {"DECISION_PENDING"},
		"warnings": {"TRIGGER_CLEARED"},
	}
	rollout.decision_window_minutes == 5 with input as _pending(fx.dm, {"minutes_pending": 4})
	rollout.default_action == "auto_rollback" with input as _pending(fx.dm, {"minutes_pending": 4})
	rollout.authority == ["QA DRI"] with input as _pending(fx.dm, {"minutes_pending": 4})
}

test_fail_cleared_trigger_past_window_takes_the_default_action_and_says_why if {
	decided := rollout.decision with input as _pending(fx.dm, {"minutes_pending": 5})
	_summary(decided) == {
		"action": "auto_rollback",
		"violations": {"DECISION_WINDOW_EXPIRED"},
		"warnings": {"TRIGGER_CLEARED"},
	}
}

test_success_cleared_trigger_message_names_the_owed_decision if {
	some v in rollout.violations with input as _pending(fx.dm, {"minutes_pending": 4})
	v.code == "DECISION_PENDING"
	v.message == concat("", [
		"nDCG@10 drop decision pending 4 min of its 5-min window at 25%: the trigger has cleared, ",
		"the decision is still owed (default action auto_rollback when the window ends)",
	])
	v.trigger == "quality_regression"
}

test_success_another_trigger_decides_by_itself if {
	doc := _pending(fx.with_canary(fx.dm, {"error_rate": [0.008, 0.008, 0.008]}), {"minutes_pending": 1})
	decided := rollout.decision with input as doc
	_summary(decided) == {"action": "auto_rollback", "violations": {"ERROR_RATE"}, "warnings": set()}
}

test_success_missing_evidence_elsewhere_keeps_the_owed_decision if {
	shards := {"shard-a": {"cpu": [1.0, 1.0], "memory": [0.4, 0.41]}}
	doc := _pending(fx.with_canary(fx.dm, {"shards": shards}), {"minutes_pending": 4})
	decided := rollout.decision with input as doc
	_summary(decided) == {
		"action": "manual_decision",
		"violations": {"DECISION_PENDING", "MISSING_EVIDENCE"},
		"warnings": {"RESOURCE_EXHAUSTION", "TRIGGER_CLEARED"},
	}
}

test_success_firing_trigger_within_window_adds_nothing if {
	manual.findings == set() with input as _pending(_quality_dropped, {"minutes_pending": 4})
}

test_success_continue_before_resolution_deadline_holds_with_a_warning if {
	doc := _pending(_quality_dropped, {"minutes_pending": 12, "decision": "continue", "minutes_since_detection": 29})
	decided := rollout.decision with input as doc
	_summary(decided) == {
		"action": "manual_decision",
		"violations": {"QUALITY_REGRESSION"},
		"warnings": {"RESOLUTION_PENDING"},
	}
}

test_fail_continue_past_resolution_deadline_rolls_back if {
	doc := _pending(_quality_dropped, {"minutes_pending": 12, "decision": "continue", "minutes_since_detection": 30})
	decided := rollout.decision with input as doc
	_summary(decided) == {
		"action": "auto_rollback",
		"violations": {"QUALITY_REGRESSION", "RESOLUTION_DEADLINE_EXPIRED"},
		"warnings": set(),
	}
	some v in rollout.violations with input as doc
	v.code == "RESOLUTION_DEADLINE_EXPIRED"
	v.observed == 30
	v.threshold == 30
	v.severity == "critical"
}

test_success_continue_and_resolved_goes_on if {
	doc := _pending(fx.dm, {"minutes_pending": 12, "decision": "continue", "minutes_since_detection": 45})
	decided := rollout.decision with input as doc
	_summary(decided) == {"action": "promote_next_step", "violations": set(), "warnings": set()}
}

test_fail_continue_with_missing_evidence_past_deadline_rolls_back if {
	continued := {"minutes_pending": 12, "decision": "continue", "minutes_since_detection": 31}
	doc := _pending(json.remove(fx.dm, ["canary/ndcg_at_10"]), continued)
	"RESOLUTION_DEADLINE_EXPIRED" in {v.code | some v in rollout.violations} with input as doc
	rollout.action == "auto_rollback" with input as doc
}

test_success_gate_failure_has_no_resolution_deadline if {
	pending := {"trigger": "gate_failure", "minutes_pending": 9, "decision": "continue", "minutes_since_detection": 90}
	failed := fx.with_canary(fx.dm, {"success_gates": {"recall_at_50": false}})
	doc := object.union(failed, {"pending_decision": pending})
	decided := rollout.decision with input as doc
	_summary(decided) == {"action": "manual_decision", "violations": {"SUCCESS_GATE_FAILURE"}, "warnings": set()}
}

test_fail_unknown_decision_is_invalid if {
	doc := _pending(fx.dm, {"minutes_pending": 1, "decision": "promote", "minutes_since_detection": -1})
	fields := {v.field | some v in manual.invalid} with input as doc
	fields == {"pending_decision.decision", "pending_decision.minutes_since_detection"}
}

test_fail_continue_without_detection_time_is_invalid if {
	doc := _pending(_quality_dropped, {"minutes_pending": 1, "decision": "continue"})
	rollout.decision.action == "pause_evaluation" with input as doc
	[v.field | some v in rollout.decision.violations] == ["pending_decision.minutes_since_detection"] with input as doc
}

test_fail_rollback_decided_rolls_back_now if {
	doc := _pending(_quality_dropped, {"minutes_pending": 1, "decision": "rollback"})
	decided := rollout.decision with input as doc
	_summary(decided) == {
		"action": "auto_rollback",
		"violations": {"QUALITY_REGRESSION", "ROLLBACK_DECIDED"},
		"warnings": set(),
	}
	some v in decided.violations
	v.code == "ROLLBACK_DECIDED"
	v.message == "nDCG@10 drop decision: a person chose to roll back after 1 min: auto_rollback"
	v.trigger == "quality_regression"
}

test_fail_rollback_decided_after_the_trigger_cleared_still_rolls_back if {
	doc := _pending(fx.dm, {"minutes_pending": 12, "decision": "rollback"})
	decided := rollout.decision with input as doc
	_summary(decided) == {"action": "auto_rollback", "violations": {"ROLLBACK_DECIDED"}, "warnings": set()}
}

test_success_rollback_decided_needs_no_detection_time if {
	doc := _pending(_quality_dropped, {"minutes_pending": 1, "decision": "rollback"})
	manual.invalid == set() with input as doc
}
