package gatekeeper.rollout.context_test

import data.gatekeeper.rollout.context
import data.gatekeeper.rollout.fixtures_test as fx

test_success_default_profile if {
	context.profile_name == "decision-matrix" with input as {}
	context.profile.source == "Sprint #1: Rollback Plan & Procedures" with input as {}
}

test_fail_unknown_profile if {
	not context.profile with input as {"profile": "nope"}
}

test_success_interval_default_and_override if {
	context.interval_seconds == 60 with input as fx.dm.canary
	context.interval_seconds == 30 with input as {"interval_seconds": 30}
}

test_success_phase_columns if {
	context.column == 5 with input as {"phase_percent": 1}
	context.column == 25 with input as {"phase_percent": 10}
	context.column == 50 with input as {"phase_percent": 30}
	context.column == 100 with input as {"phase_percent": 75}
	context.column_key == "100" with input as {"phase_percent": 100}
}

test_fail_phase_out_of_range if {
	not context.phase_percent with input as {"phase_percent": 0}
	not context.column with input as {"phase_percent": 101}
}

test_success_environment_known if {
	context.environment == "production" with input as {"profile": "environment", "environment": "production"}
}

test_fail_environment_unknown_or_absent if {
	not context.environment with input as {"profile": "environment", "environment": "staging"}
	context.environment_or_null == null with input as {"profile": "environment"}
}

test_success_limit_forms if {
	at := {"doc": {"b": {"p": [170, 180]}, "c": {"budget": 100}}, "env": "production", "baseline": 0.92}
	context.limit({"value": 0.005}, at) == 0.005
	context.limit({"value": 3000, "multiplier": 3}, at) == 9000
	context.limit({"baseline": "b.p", "increase_percent": 15}, at) == 207
	context.limit({"field": "c.budget"}, at) == 100
	context.limit({"by_environment": {"production": 0.03}}, at) == 0.03
	context.limit({"percent_of_baseline": 10}, at) == 0.092
}

test_success_of_kind if {
	names := {name | some name, _ in context.of_kind(context.checks, "sustained_above")} with input as fx.dm
	names == {"critical_error_rate", "severe_latency"}
}

test_success_missing_finding if {
	f := context.missing("evidence", "canary.x") with input as fx.dm
	f.code == "MISSING_EVIDENCE"
	f.extra == {"field": "canary.x"}
	f.class == "missing"
}

test_success_phase_default_of_the_profile if {
	context.phase_percent == 100 with input as {"profile": "t"}
		with data.gatekeeper.profiles.rollout as {"t": {"phase_percent_default": 100}}
	context.phase_percent == 40 with input as {"profile": "t", "phase_percent": 40}
		with data.gatekeeper.profiles.rollout as {"t": {"phase_percent_default": 100}}
	not context.phase_percent with input as {"profile": "t", "phase_percent": 0}
		with data.gatekeeper.profiles.rollout as {"t": {"phase_percent_default": 100}}
}

test_success_trigger_carries_the_post_rollback_steps if {
	check := {"code": "C", "rule": "r", "severity": "s", "post_rollback_steps": ["quarantine it"]}
	detail := {"message": "m", "observed": 1, "threshold": 0}
	context.finding("c", check, "trigger", detail).extra == {"next_steps": ["quarantine it"]}
	context.finding("c", check, "warning", detail).extra == {}
	context.finding("c", object.remove(check, ["post_rollback_steps"]), "trigger", detail).extra == {}
}
