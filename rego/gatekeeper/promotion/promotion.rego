# METADATA
# title: Promotion gate
# description: |
#   May a shadow (V1) version enter gray-scale rollout? Every item of the
#   pre-promotion checklist must hold; each item is a row of the profile's `checklist`
#   data, judged by the rule of its kind (checklist.rego) adding to `violations`.
#   Missing evidence fails closed (MISSING_EVIDENCE), input
#   thresholds may only tighten the profile's thresholds.
# custom:
#   codes:
#     - SHADOW_REQUESTS
#     - SHADOW_DURATION
#     - GOLD_SECURITY
#     - GOLD_OVERALL
#     - SIGNIFICANCE
#     - COST
#     - INCIDENTS
#     - P95_LATENCY
#     - ERROR_RATE
#     - ACCURACY_DELTA
#     - SECURITY_PASS_RATE
#     - MISSING_EVIDENCE
#     - INVALID_INPUT
#     - THRESHOLD_LOOSENING_IGNORED
#     - THRESHOLD_UNKNOWN_IGNORED
#     - EVIDENCE_FALLBACK
#   requirements: [PROM-PATH-01]
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Promotion decision
# description: |
#   The decision object of the promotion gate: promote when no checklist
#   rule reports a violation, deny otherwise.
# custom:
#   requirements: [GK-CONTRACT-01, PROM-PATH-01]
decision := result.decision("promotion", action, {
	"violations": [v | some v in violations],
	"warnings": [w | some w in warnings],
	"authority": authority,
})

# METADATA
# title: Promotion action
# scope: document
# description: promote only when the profile exists and no rule reported a violation.
# custom:
#   requirements: [GK-CONTRACT-01]
default action := "deny"

action := "promote" if {
	profile
	count(violations) == 0
}

# METADATA
# title: Authority
# scope: document
# description: |
#   Who takes the promotion decision: the profile's `authority` (["System"] by
#   default: the OPA gate itself decides, as in "V1 Shadow -> OPA Gate").
# custom:
#   requirements: [PROM-PATH-01]
default authority := []

authority := profile.authority

# METADATA
# title: Profile name
# scope: document
# description: The promotion profile named by `input.profile`, "default" when absent.
# custom:
#   requirements: [GK-THRESH-01]
profile_name := object.get(input, "profile", "default")

# METADATA
# title: Profile
# description: The thresholds and evidence table of the profile in force.
# custom:
#   requirements: [GK-THRESH-01]
profile := data.gatekeeper.profiles.promotion[profile_name]

# METADATA
# title: Unknown profile
# description: A profile that is not in data.gatekeeper.profiles.promotion cannot be judged.
# custom:
#   code: INVALID_INPUT
#   requirements: [GK-INVALID-01]
violations contains object.union(
	result.violation(
		"INVALID_INPUT",
		sprintf("unknown promotion profile %v", [profile_name]),
		profile_name, null, "promotion.profile", "critical",
	),
	{"field": "profile"},
) if {
	not profile
}
