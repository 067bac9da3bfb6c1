# Cost increase (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item COST: evidence "metrics.cost_delta" must be at most the threshold
# `cost_increase_max` of the profile (tightened by input.thresholds.cost_increase_max if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Cost increase outside the checklist limit
# description: Reports COST with the observed value and the threshold in force.
# custom:
#   code: COST
#   spec: "SPEC 2: COST | cost increase at most"
violations contains result.violation(
	"COST",
	sprintf("cost increase %v > %v budget", [observed, limit]),
	observed, limit, "promotion.cost", "critical",
) if {
	observed := numbers["metrics.cost_delta"]
	limit := thresholds.cost_increase_max
	observed > limit
}
