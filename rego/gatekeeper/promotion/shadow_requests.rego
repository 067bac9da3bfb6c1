# Shadow requests (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item SHADOW_REQUESTS: evidence "shadow.requests" must be at least the threshold
# `shadow_requests` of the profile (tightened by input.thresholds.shadow_requests if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Shadow requests outside the checklist limit
# description: Reports SHADOW_REQUESTS with the observed value and the threshold in force.
# custom:
#   code: SHADOW_REQUESTS
#   spec: "SPEC 2: SHADOW_REQUESTS | shadow evaluation saw at least N requests"
violations contains result.violation(
	"SHADOW_REQUESTS",
	sprintf("shadow evaluation saw %v requests < %v required", [observed, limit]),
	observed, limit, "promotion.shadow_requests", "critical",
) if {
	observed := numbers["shadow.requests"]
	limit := thresholds.shadow_requests
	observed < limit
}
