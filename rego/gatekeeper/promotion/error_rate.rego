# Error rate (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item ERROR_RATE: evidence "metrics.error_rate" must be at most the threshold
# `error_rate` of the profile (tightened by input.thresholds.error_rate if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Error rate outside the checklist limit
# description: Reports ERROR_RATE with the observed value and the threshold in force.
# custom:
#   code: ERROR_RATE
#   spec: "SPEC 2: ERROR_RATE | error rate at most"
violations contains result.violation(
	"ERROR_RATE",
	sprintf("error rate %v > %v", [observed, limit]),
	observed, limit, "promotion.error_rate", "critical",
) if {
	observed := numbers["metrics.error_rate"]
	limit := thresholds.error_rate
	observed > limit
}
