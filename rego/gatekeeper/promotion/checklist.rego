# Checklist (part of package gatekeeper.promotion, see promotion.rego).
# Every item of the profile's `checklist` (rego/gatekeeper/profiles/promotion/data.json)
# is one row of data: its code, rule, severity, evidence field, threshold name,
# direction and message. Two rules judge them by kind: `limit` (evidence against its
# threshold in force) and `significance` (p < alpha and the primary metric improved).
# An item whose evidence is absent is reported by evidence.rego (MISSING_EVIDENCE).
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Checklist item outside its limit
# description: |
#   One violation per `limit` item of the checklist whose evidence is on the wrong side
#   of its threshold in force (`at_least`: below it, `at_most`: above it), with the
#   item's code, rule, severity and message, the observed value and the threshold.
# custom:
#   codes:
#     - SHADOW_REQUESTS
#     - SHADOW_DURATION
#     - GOLD_SECURITY
#     - GOLD_OVERALL
#     - COST
#     - INCIDENTS
#     - P95_LATENCY
#     - ERROR_RATE
#     - ACCURACY_DELTA
#     - SECURITY_PASS_RATE
#   requirements:
#     - PROM-CHECK-01
#     - PROM-CHECK-02
#     - PROM-CHECK-03
#     - PROM-CHECK-04
#     - PROM-CHECK-05
#     - PROM-LIMIT-01
#     - GK-THRESH-01
violations contains result.violation(
	item.code,
	sprintf(item.message, [observed, limit]),
	observed, limit, item.rule, item.severity,
) if {
	some item in profile.checklist
	item.kind == "limit"
	observed := numbers[item.field]
	limit := object.get(thresholds, item.threshold, null)
	not within(item.direction, observed, limit)
}

# METADATA
# title: Improvement not significant
# description: |
#   Reports SIGNIFICANCE when p >= alpha or the primary metric did not improve. The
#   `significance` item names the metric, its p-value field and delta field; alpha is
#   its threshold. Guardrail p-values (latency, cost) are evidence only: they block
#   nothing, cost and latency are judged by their own items.
# custom:
#   code: SIGNIFICANCE
#   requirements: [PROM-CHECK-03]
violations contains object.union(
	result.violation(
		item.code,
		sprintf(item.message, [item.metric, p, alpha, delta]),
		p, alpha, item.rule, item.severity,
	),
	{"delta": delta},
) if {
	some item in profile.checklist
	item.kind == "significance"
	p := numbers[item.field]
	delta := numbers[item.delta_field]
	alpha := object.get(thresholds, item.threshold, null)
	not is_significant(item.direction, p, delta, alpha)
}

# METADATA
# scope: document
# title: Within the limit
# description: |
#   An observed number on the allowed side of a numeric limit: `at_least` (>=),
#   `at_most` (<=), `less_than` (<). An unknown direction or a limit that is not a
#   number holds nothing: the item fails closed.
# custom:
#   requirements: [GK-EVID-01]
within("at_least", observed, limit) if {
	is_number(limit)
	observed >= limit
}

within("at_most", observed, limit) if {
	is_number(limit)
	observed <= limit
}

within("less_than", observed, limit) if {
	is_number(limit)
	observed < limit
}

# METADATA
# title: Significant improvement
# description: p within alpha in the item's direction (`less_than`) and delta > 0.
# custom:
#   requirements: [PROM-CHECK-03]
is_significant(direction, p, delta, alpha) if {
	within(direction, p, alpha)
	delta > 0
}
