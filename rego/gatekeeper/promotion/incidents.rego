# Active incidents (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item INCIDENTS: evidence "incidents.active" must be at most the threshold
# `active_incidents_max` of the profile (tightened by input.thresholds.active_incidents_max if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Active incidents outside the checklist limit
# description: Reports INCIDENTS with the observed value and the threshold in force.
# custom:
#   code: INCIDENTS
#   spec: "SPEC 2: INCIDENTS | no active incident on the target (V2)"
violations contains result.violation(
	"INCIDENTS",
	sprintf("%v active incidents on the target (V2) > %v allowed", [observed, limit]),
	observed, limit, "promotion.incidents", "critical",
) if {
	observed := numbers["incidents.active"]
	limit := thresholds.active_incidents_max
	observed > limit
}
