# Accuracy delta (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item ACCURACY_DELTA: evidence "metrics.accuracy_delta" must be at least the threshold
# `accuracy_delta` of the profile (tightened by input.thresholds.accuracy_delta if stricter).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Accuracy delta outside the checklist limit
# description: Reports ACCURACY_DELTA with the observed value and the threshold in force.
# custom:
#   code: ACCURACY_DELTA
#   spec: "SPEC 2: ACCURACY_DELTA | accuracy delta at least"
violations contains result.violation(
	"ACCURACY_DELTA",
	sprintf("accuracy delta %v < %v required", [observed, limit]),
	observed, limit, "promotion.accuracy_delta", "critical",
) if {
	observed := numbers["metrics.accuracy_delta"]
	limit := thresholds.accuracy_delta
	observed < limit
}
