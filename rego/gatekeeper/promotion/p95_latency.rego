# P95 latency (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item P95_LATENCY: evidence "metrics.p95_latency_ms" must be at most the threshold
# `p95_latency_ms` of the profile (tightened by input.thresholds.p95_latency_ms if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: P95 latency outside the checklist limit
# description: Reports P95_LATENCY with the observed value and the threshold in force.
# custom:
#   code: P95_LATENCY
#   spec: "SPEC 2: P95_LATENCY | p95 latency (ms) at most"
violations contains result.violation(
	"P95_LATENCY",
	sprintf("p95 latency %v ms > %v ms", [observed, limit]),
	observed, limit, "promotion.p95_latency", "critical",
) if {
	observed := numbers["metrics.p95_latency_ms"]
	limit := thresholds.p95_latency_ms
	observed > limit
}
