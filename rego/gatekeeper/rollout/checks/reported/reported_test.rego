package gatekeeper.rollout.checks.reported_test

import data.gatekeeper.rollout.checks.reported
import data.gatekeeper.rollout.fixtures_test as fx

test_success_no_report if {
	count(reported.findings) == 0 with input as fx.dm
}

test_fail_operational_anomaly_reported if {
	doc := fx.with_canary(fx.dm, {"operational_anomaly": {"reported_by": "alice@example.com", "summary": "odd traffic"}})
	some f in reported.findings with input as doc
	f.code == "OPERATIONAL_ANOMALY"
	f.message == "operational anomaly reported by alice@example.com: odd traffic"
}
