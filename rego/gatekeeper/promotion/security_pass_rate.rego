# Security pass rate (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item SECURITY_PASS_RATE: evidence "metrics.security_pass_rate" must be at least the threshold
# `security_pass_rate` of the profile (tightened by input.thresholds.security_pass_rate if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Security pass rate outside the checklist limit
# description: Reports SECURITY_PASS_RATE with the observed value and the threshold in force.
# custom:
#   code: SECURITY_PASS_RATE
#   spec: "SPEC 2: SECURITY_PASS_RATE | security pass rate at least"
violations contains result.violation(
	"SECURITY_PASS_RATE",
	sprintf("security pass rate %v < %v required", [observed, limit]),
	observed, limit, "promotion.security_pass_rate", "critical",
) if {
	observed := numbers["metrics.security_pass_rate"]
	limit := thresholds.security_pass_rate
	observed < limit
}
