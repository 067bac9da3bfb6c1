package gatekeeper.rollout.checks.matches_test

import data.gatekeeper.rollout.checks.matches
import data.gatekeeper.rollout.fixtures_test as fx

test_success_high_drift_is_not_critical if {
	count(matches.findings) == 0 with input as fx.with_canary(fx.mr, {"drift_severity": "high"})
}

test_fail_critical_drift if {
	some f in matches.findings with input as fx.with_canary(fx.mr, {"drift_severity": "critical"})
	f.code == "CRITICAL_DRIFT"
	f.message == "drift severity is critical"
}
