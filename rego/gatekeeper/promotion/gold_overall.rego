# Gold-set overall pass rate (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item GOLD_OVERALL: evidence "gold_set.overall_pass_rate" must be at least the threshold
# `gold_overall_pass_rate` of the profile (tightened by input.thresholds.gold_overall_pass_rate if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Gold-set overall pass rate outside the checklist limit
# description: Reports GOLD_OVERALL with the observed value and the threshold in force.
# custom:
#   code: GOLD_OVERALL
#   spec: "SPEC 2: GOLD_OVERALL | gold-set overall pass rate at least"
violations contains result.violation(
	"GOLD_OVERALL",
	sprintf("gold-set overall pass rate %v < %v required", [observed, limit]),
	observed, limit, "promotion.gold_overall", "critical",
) if {
	observed := numbers["gold_set.overall_pass_rate"]
	limit := thresholds.gold_overall_pass_rate
	observed < limit
}
