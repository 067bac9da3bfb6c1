# Shadow duration (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item SHADOW_DURATION: evidence "shadow.duration_hours" must be at least the threshold
# `shadow_duration_hours` of the profile (tightened by input.thresholds.shadow_duration_hours if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Shadow duration outside the checklist limit
# description: Reports SHADOW_DURATION with the observed value and the threshold in force.
# custom:
#   code: SHADOW_DURATION
#   spec: "SPEC 2: SHADOW_DURATION | shadow evaluation ran at least H hours"
violations contains result.violation(
	"SHADOW_DURATION",
	sprintf("shadow evaluation ran %v hours < %v hours required", [observed, limit]),
	observed, limit, "promotion.shadow_duration", "critical",
) if {
	observed := numbers["shadow.duration_hours"]
	limit := thresholds.shadow_duration_hours
	observed < limit
}
