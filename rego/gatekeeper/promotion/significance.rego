# Statistical significance (part of package gatekeeper.promotion, see promotion.rego).
# Checklist item SIGNIFICANCE: the primary metric's improvement is significant,
# p < alpha and delta > 0. The primary metric (accuracy in seed 003) and its evidence
# fields are named by the profile's `primary_metric`; alpha is the threshold
# `statistical_significance_p`. Guardrail p-values (latency, cost) are evidence only:
# they block nothing, cost and latency are judged by their own thresholds.
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Improvement not significant
# description: Reports SIGNIFICANCE when p >= alpha or the primary metric did not improve.
# custom:
#   code: SIGNIFICANCE
#   spec: "SPEC 2: SIGNIFICANCE | p < alpha and delta > 0"
violations contains object.union(
	result.violation(
		"SIGNIFICANCE",
		sprintf("%s improvement not significant: p = %v (alpha %v), delta = %v", [metric.name, p, alpha, delta]),
		p, alpha, "promotion.significance", "critical",
	),
	{"delta": delta},
) if {
	metric := profile.primary_metric
	p := numbers[metric.p_value]
	delta := numbers[metric.delta]
	alpha := thresholds.statistical_significance_p
	not is_significant(p, delta, alpha)
}

# METADATA
# title: Significant improvement
# description: p < alpha and delta > 0.
# custom:
#   spec: "SPEC 2: SIGNIFICANCE"
is_significant(p, delta, alpha) if {
	p < alpha
	delta > 0
}
