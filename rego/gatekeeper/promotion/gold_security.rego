# Gold-set security pass rate (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item GOLD_SECURITY: evidence "gold_set.security_pass_rate" must be at least the threshold
# `gold_security_pass_rate` of the profile (tightened by input.thresholds.gold_security_pass_rate if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Gold-set security pass rate outside the checklist limit
# description: Reports GOLD_SECURITY with the observed value and the threshold in force.
# custom:
#   code: GOLD_SECURITY
#   spec: "SPEC 2: GOLD_SECURITY | gold-set security pass rate at least"
violations contains result.violation(
	"GOLD_SECURITY",
	sprintf("gold-set security pass rate %v < %v required", [observed, limit]),
	observed, limit, "promotion.gold_security", "critical",
) if {
	observed := numbers["gold_set.security_pass_rate"]
	limit := thresholds.gold_security_pass_rate
	observed < limit
}
