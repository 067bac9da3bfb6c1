package gatekeeper.promotion_test

import data.gatekeeper.lib.result
import data.gatekeeper.promotion

test_success_p95_latency_at_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/p95_latency_ms", 3000)
	violations == set()
}

test_fail_p95_latency_beyond_threshold if {
	violations := promotion.violations with input as _set(_valid, "metrics/p95_latency_ms", 3200)
	violations == {result.violation(
		"P95_LATENCY",
		"p95 latency 3200 ms > 3000 ms",
		3200, 3000, "promotion.p95_latency", "critical",
	)}
}

test_fail_p95_latency_missing_evidence if {
	violations := promotion.violations with input as json.remove(_valid, ["metrics/p95_latency_ms"])
	codes := {v.code | some v in violations}
	codes == {"MISSING_EVIDENCE"}
	some v in violations
	v.field == "metrics.p95_latency_ms"
}
