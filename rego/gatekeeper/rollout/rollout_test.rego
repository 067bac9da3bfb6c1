package gatekeeper.rollout_test

import data.gatekeeper.rollout
import data.gatekeeper.rollout.fixtures_test as fx

_readme_example := {
	"gate": "rollout",
	"profile": "decision-matrix",
	"phase_percent": 25,
	"interval_seconds": 60,
	"canary": {
		"error_rate": [0.001, 0.006, 0.007, 0.008],
		"p99_latency_ms": [180, 190, 185, 188],
		"shards": {"shard-a": {"cpu": [0.50, 0.61], "memory": [0.40, 0.41]}},
		"success_gates": {"recall_at_50": true, "p99_budget": true},
		"ndcg_at_10": 0.5231,
	},
	"baseline": {"p99_latency_ms": 180, "ndcg_at_10": 0.5234},
	"pending_decision": {"trigger": "quality_regression", "minutes_pending": 3},
}

_gate_failed := fx.with_canary(fx.dm, {"success_gates": {"recall_at_50": false}})

_quality_dropped := fx.with_canary(fx.dm, {"ndcg_at_10": 0.5183})

_at(doc, phase) := object.union(doc, {"phase_percent": phase})

test_fail_readme_decision_example if {
	rollout.decision == {
		"gate": "rollout",
		"allow": false,
		"action": "auto_rollback",
		"violations": [{
			"code": "ERROR_RATE",
			"message": "error rate 0.8% > 0.5% for 3 min",
			"observed": 0.008,
			"threshold": 0.005,
			"rule": "rollout.error_rate",
			"severity": "critical",
		}],
		"warnings": [],
		"authority": ["System"],
		"decision_window_minutes": null,
		"default_action": null,
	} with input as _readme_example
}

test_success_no_trigger_promotes_next_step if {
	rollout.decision == {
		"gate": "rollout",
		"allow": true,
		"action": "promote_next_step",
		"violations": [],
		"warnings": [],
		"authority": [],
		"decision_window_minutes": null,
		"default_action": null,
	} with input as fx.dm
}

test_fail_breach_not_yet_sustained_holds_the_phase_with_a_warning if {
	doc := fx.with_canary(fx.dm, {"error_rate": [0.001, 0.002, 0.001, 0.002, 0.001, 0.008]})
	rollout.decision == {
		"gate": "rollout",
		"allow": true,
		"action": "continue",
		"violations": [],
		"warnings": [{
			"code": "ERROR_RATE",
			"message": "error rate 0.8% > 0.5%, sustained 1 of 2 min: phase held; auto_rollback in 1 min if it stays above",
			"observed": 0.008,
			"threshold": 0.005,
			"rule": "rollout.error_rate",
			"severity": "warning",
			"minutes_left": 1,
		}],
		"authority": [],
		"decision_window_minutes": null,
		"default_action": null,
	} with input as doc
}

test_success_newest_value_at_the_limit_steps_up if {
	doc := fx.with_canary(fx.dm, {"error_rate": [0.001, 0.002, 0.001, 0.002, 0.009, 0.005]})
	rollout.action == "promote_next_step" with input as doc
	rollout.warnings == set() with input as doc
}

test_fail_breach_sustained_rolls_back_without_a_hold_warning if {
	doc := fx.with_canary(fx.dm, {"error_rate": [0.001, 0.002, 0.001, 0.002, 0.008, 0.008]})
	rollout.action == "auto_rollback" with input as doc
	rollout.warnings == set() with input as doc
}

test_fail_window_not_covered_holds_without_a_warning if {
	shards := {"shard-a": {"cpu": [0.50, 0.61], "memory": [0.40, 0.40, 0.41]}}
	doc := fx.with_canary(fx.dm, {"shards": shards})
	rollout.action == "continue" with input as doc
	rollout.warnings == set() with input as doc
	[[f.check, f.class] | some f in rollout.held] == [["resource_exhaustion", "unjudged"]] with input as doc
}

test_fail_held_breach_is_reported_beside_a_rollback if {
	doc := fx.with_canary(fx.dm, {
		"error_rate": [0.001, 0.002, 0.001, 0.002, 0.008, 0.008],
		"p99_latency_ms": [180, 185, 182, 184, 183, 216],
	})
	rollout.action == "auto_rollback" with input as doc
	facts := "p99 latency 216 ms > 207 ms (baseline 180 ms + 15%), sustained 1 of 5 min"
	held := sprintf("%s: phase held; auto_rollback in 4 min if it stays above", [facts])
	[w.message | some w in rollout.warnings] == [held] with input as doc
}

test_fail_held_warning_names_the_action_of_the_checks_own_cell if {
	doc := fx.with_canary(fx.gs, {"slo_checks": [true, true, true, false, false]})
	rollout.action == "continue" with input as doc
	held := "2 consecutive failed SLO checks (limit 3): phase held; abort after 1 more failed check"
	[w.message | some w in rollout.warnings] == [held] with input as doc
}

test_success_no_trigger_at_100_continues if {
	rollout.action == "continue" with input as _at(fx.dm, 100)
}

test_success_observation_window_not_covered_continues if {
	doc := json.patch(fx.dm, [{"op": "replace", "path": "canary/error_rate", "value": [0.001, 0.001, 0.001, 0.001]}])
	rollout.action == "continue" with input as doc
}

test_fail_gate_failure_by_phase if {
	rollout.action == "manual_decision" with input as _at(_gate_failed, 1)
	rollout.decision_window_minutes == 5 with input as _at(_gate_failed, 1)
	rollout.authority == ["Sprint DRI"] with input as _at(_gate_failed, 1)
	rollout.default_action == "auto_rollback" with input as _at(_gate_failed, 1)
	rollout.decision_window_minutes == 2 with input as _at(_gate_failed, 10)
	rollout.action == "auto_rollback" with input as _at(_gate_failed, 30)
	rollout.authority == ["Engineering Manager"] with input as _at(_gate_failed, 30)
	rollout.action == "auto_rollback" with input as _at(_gate_failed, 75)
}

test_fail_quality_regression_by_phase if {
	rollout.decision_window_minutes == 10 with input as _at(_quality_dropped, 5)
	rollout.authority == ["QA DRI"] with input as _at(_quality_dropped, 5)
	rollout.decision_window_minutes == 5 with input as _at(_quality_dropped, 10)
	rollout.decision_window_minutes == 2 with input as _at(_quality_dropped, 30)
	rollout.authority == ["QA DRI", "Sprint DRI"] with input as _at(_quality_dropped, 30)
	rollout.action == "auto_rollback" with input as _at(_quality_dropped, 75)
	rollout.authority == ["Engineering Manager"] with input as _at(_quality_dropped, 75)
}

test_fail_two_manual_triggers_take_the_shorter_window if {
	doc := _at(fx.with_canary(_gate_failed, {"ndcg_at_10": 0.5183}), 5)
	rollout.action == "manual_decision" with input as doc
	rollout.decision_window_minutes == 5 with input as doc
	rollout.authority == ["QA DRI", "Sprint DRI"] with input as doc
	count(rollout.violations) == 2 with input as doc
}

test_fail_automated_trigger_beats_manual if {
	doc := fx.with_canary(_gate_failed, {"error_rate": [0.001, 0.002, 0.001, 0.002, 0.009, 0.011]})
	rollout.action == "auto_rollback" with input as doc
	rollout.authority == ["System"] with input as doc
	rollout.decision_window_minutes == null with input as doc
	count(rollout.violations) == 2 with input as doc
}

test_success_pending_decision_within_window if {
	doc := object.union(_quality_dropped, {"pending_decision": {"trigger": "quality_regression", "minutes_pending": 4}})
	rollout.action == "manual_decision" with input as doc
}

test_fail_pending_decision_window_expired if {
	doc := object.union(_quality_dropped, {"pending_decision": {"trigger": "quality_regression", "minutes_pending": 5}})
	rollout.action == "auto_rollback" with input as doc
	fx.codes(rollout.violations) == {"DECISION_WINDOW_EXPIRED", "QUALITY_REGRESSION"} with input as doc
	rollout.authority == ["QA DRI"] with input as doc
}

test_fail_operational_anomaly_goes_to_sprint_dri if {
	doc := fx.with_canary(fx.dm, {"operational_anomaly": {"reported_by": "bob", "summary": "odd"}})
	rollout.action == "manual_decision" with input as doc
	rollout.authority == ["Sprint DRI"] with input as doc
	rollout.decision_window_minutes == null with input as doc
	rollout.default_action == null with input as doc
}

test_fail_missing_evidence_pauses if {
	d := rollout.decision with input as json.remove(fx.dm, ["canary/error_rate"])
	d.action == "pause_evaluation"
	d.allow == false
	d.authority == []
	[v.field | some v in d.violations] == ["canary.error_rate"]
}

test_fail_missing_evidence_does_not_hide_a_rollback if {
	doc := json.remove(fx.with_canary(fx.dm, {"error_rate": [0.009, 0.009]}), ["canary/shards"])
	rollout.action == "auto_rollback" with input as doc
}

test_fail_trigger_without_phase_holds if {
	doc := json.remove(_gate_failed, ["phase_percent"])
	rollout.action == "pause_evaluation" with input as doc
	fx.codes(rollout.violations) == {"MISSING_EVIDENCE", "SUCCESS_GATE_FAILURE"} with input as doc
}

test_fail_invalid_inputs if {
	cases := [
		[object.union(fx.dm, {"profile": "canary-x"}), "profile"],
		[_at(fx.dm, 0), "phase_percent"],
		[_at(fx.dm, 120), "phase_percent"],
		[object.union(fx.dm, {"interval_seconds": 0}), "interval_seconds"],
		[object.union(fx.env, {"environment": "staging"}), "environment"],
		[json.remove(fx.env, ["environment"]), "environment"],
		[object.union(fx.env, {"environment": 7}), "environment"],
		[object.union(fx.dm, {"pending_decision": {"trigger": "latency", "minutes_pending": 1}}), "pending_decision.trigger"],
		[
			object.union(fx.dm, {"pending_decision": {"trigger": "gate_failure", "minutes_pending": -1}}),
			"pending_decision.minutes_pending",
		],
	]
	every c in cases {
		d := rollout.decision with input as c[0]
		d.action == "pause_evaluation"
		d.allow == false
		[[v.code, v.field] | some v in d.violations] == [["INVALID_INPUT", c[1]]]
	}
}

test_fail_gray_scale_most_severe_wins if {
	doc := fx.with_canary(fx.gs, {"daily_cost": 120, "security_pass_rate": 0.9, "slo_checks": [false, false, false]})
	rollout.action == "abort_and_quarantine" with input as doc
	rollout.authority == ["System"] with input as doc
	count(rollout.violations) == 3 with input as doc
}

test_fail_gray_scale_cost_pauses if {
	rollout.action == "pause_evaluation" with input as fx.with_canary(fx.gs, {"daily_cost": 101})
}

test_success_environment_warning_keeps_the_action if {
	doc := object.union(fx.with_canary(fx.env, {"pass_rate": 0.928}), {"environment": "pre-production"})
	rollout.action == "promote_next_step" with input as doc
	[w.severity | some w in rollout.warnings] == ["warning"] with input as doc
}

test_fail_environment_breach_rolls_back if {
	doc := object.union(fx.with_canary(fx.env, {"quality_score": 0.829}), {"environment": "production"})
	rollout.action == "auto_rollback" with input as doc
}

test_fail_model_registry_rollback_names_target if {
	doc := fx.with_canary(fx.mr, {"drift_severity": "critical"})
	[v | some v in rollout.violations] == [{
		"code": "CRITICAL_DRIFT",
		"message": "drift severity is critical; roll back to 1.3.0",
		"observed": "critical",
		"threshold": ["critical"],
		"rule": "rollout.model_registry.drift",
		"severity": "critical",
		"rollback_target": "1.3.0",
	}] with input as doc
}

test_fail_model_registry_without_target_aborts if {
	doc := object.union(fx.with_canary(fx.mr, {"drift_severity": "critical"}), {"rollback_target": "1.1.0"})
	rollout.action == "abort" with input as doc
	[v.code | some v in rollout.violations] == ["CRITICAL_DRIFT", "NO_ROLLBACK_TARGET"] with input as doc
	vs := rollout.violations with input as doc
	every v in vs {
		not v.rollback_target
	}
}

test_fail_blue_green_rollback_note if {
	doc := fx.with_canary(fx.bg, {"health_checks": [false, false, false]})
	messages := [v.message | some v in rollout.violations] with input as doc
	messages == ["3 consecutive failed health checks (limit 3); roll back to the other environment"]
}

test_fail_blue_green_validation_goes_to_performance_row if {
	doc := object.union(fx.bg, {"post_rollback": {
		"health": "healthy",
		"version": "v2",
		"expected_version": "v1",
		"error_rate": 0.001,
		"response_time_ms": 100,
	}})
	rollout.action == "manual_decision" with input as doc
	rollout.authority == ["Engineering Manager"] with input as doc
}

test_success_roles_any_phase if {
	rollout.roles("operational_anomaly", 30, data.gatekeeper.authority) == ["Sprint DRI"]
	rollout.roles("business", 100, data.gatekeeper.authority) == ["VP Engineering"]
}

test_success_matrix_trigger_types_match_authority_data if {
	rows := data.gatekeeper.profiles.rollout["decision-matrix"].matrix.rows
	every name, row in rows {
		data.gatekeeper.authority.triggers[name] == row.trigger_type
	}
}

test_success_model_registry_without_target_and_no_trigger_warns if {
	doc := object.union(fx.mr, {"rollback_target": "1.1.0"})
	rollout.action == "promote_next_step" with input as doc
	count(rollout.violations) == 0 with input as doc
}

test_fail_model_registry_rollback_without_current_version if {
	doc := json.remove(fx.with_canary(fx.mr, {"drift_severity": "critical"}), ["current_version"])
	rollout.action == "abort" with input as doc
	[v.field | some v in rollout.violations; v.code == "MISSING_EVIDENCE"] == ["current_version"] with input as doc
}

test_success_profile_without_traffic_steps_continues if {
	profiles := {"t": {
		"columns": [100],
		"interval_seconds_default": 60,
		"phase_percent_default": 100,
		"no_trigger": {"step_action": "continue"},
		"observation": {"series": "canary.s", "minutes": {"100": 1}},
		"checks": {},
	}}
	rollout.action == "continue" with input as {"gate": "rollout", "profile": "t", "canary": {"s": [1]}}
		with data.gatekeeper.profiles.rollout as profiles
	doc := {"gate": "rollout", "profile": "t", "phase_percent": 50, "canary": {"s": [1]}}
	rollout.action == "continue" with input as doc
		with data.gatekeeper.profiles.rollout as profiles
}

_two_profiles := {
	"a": {
		"columns": [100],
		"interval_seconds_default": 60,
		"evidence": {"phase_percent": "number"},
		"checks": {"x": {"kind": "none", "evidence": {"canary.a": "number"}}},
	},
	"b": {
		"columns": [100],
		"interval_seconds_default": 60,
		"evidence": {"phase_percent": "number"},
		"checks": {"y": {"kind": "none", "evidence": {"canary.b": "number", "canary.c": "number"}}},
	},
}

test_fail_fields_of_another_profile_name_it if {
	doc := {"gate": "rollout", "profile": "a", "phase_percent": 100, "canary": {"b": 1, "c": 2}}
	d := rollout.decision with input as doc
		with data.gatekeeper.profiles.rollout as _two_profiles
	[[v.code, v.field, v.threshold] | some v in d.violations] == [["INVALID_INPUT", "profile", ["b"]]]
}

test_success_fields_partly_of_another_profile_are_missing_evidence if {
	d := rollout.decision with input as {"gate": "rollout", "profile": "a", "phase_percent": 100, "canary": {"b": 1}}
		with data.gatekeeper.profiles.rollout as _two_profiles
	[[v.code, v.field] | some v in d.violations] == [["MISSING_EVIDENCE", "canary.a"]]
}

test_success_own_fields_present if {
	doc := {"gate": "rollout", "profile": "a", "phase_percent": 100, "canary": {"a": 1, "b": 1, "c": 2}}
	d := rollout.decision with input as doc
		with data.gatekeeper.profiles.rollout as _two_profiles
	d.violations == []
}

test_fail_missing_evidence_follows_the_profile_setting if {
	profiles := {"t": {
		"columns": [100],
		"interval_seconds_default": 60,
		"evidence": {"canary.s": "series"},
		"missing_evidence": {"action": "auto_rollback", "severity": "high", "trigger_type": "automated"},
		"checks": {},
	}}
	d := rollout.decision with input as {"gate": "rollout", "profile": "t", "phase_percent": 100}
		with data.gatekeeper.profiles.rollout as profiles
	d.action == "auto_rollback"
	d.authority == ["System"]
	[v.field | some v in d.violations] == ["canary.s"]
}

test_fail_interval_outside_the_bounds_in_data if {
	d := rollout.decision with input as object.union(fx.dm, {"interval_seconds": 121})
	found := [[v.code, v.field, v.threshold] | some v in d.violations]
	found == [["INVALID_INPUT", "interval_seconds", {"min": 1, "max": 120}]]
	d.violations[0].message == "interval_seconds 121 is not a number of seconds from 1 to 120"
	rollout.invalid == set() with input as object.union(fx.dm, {"interval_seconds": 120})
}

test_fail_no_environment_chosen_names_the_choice if {
	d := rollout.decision with input as json.remove(fx.env, ["environment"])
	[v.message | some v in d.violations] == [concat("", [
		"no environment chosen: profile environment judges with the thresholds of one environment; ",
		"choose it with --environment (development, pre-production, production)",
	])]
}

test_success_environment_missing_buckets_warn_and_never_roll_back if {
	doc := json.remove(fx.env, ["canary/buckets", "baseline/buckets"])
	rollout.action == "promote_next_step" with input as doc
	rollout.violations == set() with input as doc
	{[w.code, w.field] | some w in rollout.warnings} == {
		["BUCKET_NOT_REPORTED", "canary.buckets"],
		["BUCKET_NOT_REPORTED", "baseline.buckets"],
	} with input as doc
}
