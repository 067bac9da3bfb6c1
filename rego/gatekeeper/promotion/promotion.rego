# METADATA
# title: Promotion gate
# description: |
#   May a shadow (V1) version enter gray-scale rollout? Every item of the seed 003
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
#   spec: "SPEC 2: promotion gate"
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Promotion decision
# description: |
#   The decision object (SPEC 5) of the promotion gate: promote when no checklist
#   rule reports a violation, deny otherwise.
# custom:
#   spec: "SPEC 5: decision object; SPEC 2: promote | deny"
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
#   spec: "SPEC 5: promotion -> promote | deny"
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
#   default: the OPA gate itself decides, as in seed 003's "V1 Shadow -> OPA Gate").
# custom:
#   spec: "SPEC 2 / seed 003: the OPA gate decides promotion"
default authority := []

authority := profile.authority

# METADATA
# title: Profile name
# scope: document
# description: The promotion profile named by `input.profile`, "default" when absent.
# custom:
#   spec: "SPEC 2: thresholds are data per profile"
profile_name := object.get(input, "profile", "default")

# METADATA
# title: Profile
# description: The thresholds and evidence table of the profile in force.
# custom:
#   spec: "SPEC 2: thresholds are data per profile"
profile := data.gatekeeper.profiles.promotion[profile_name]

# METADATA
# title: Unknown profile
# description: A profile that is not in data.gatekeeper.profiles.promotion cannot be judged.
# custom:
#   code: INVALID_INPUT
#   spec: "SPEC 1: an input the policy cannot judge is an input error"
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
