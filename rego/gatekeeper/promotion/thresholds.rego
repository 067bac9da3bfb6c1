# Thresholds in force (part of package gatekeeper.promotion, see promotion.rego).
# The profile's thresholds, tightened (never loosened) by `input.thresholds`.
# A looser input threshold is ignored with a THRESHOLD_LOOSENING_IGNORED warning:
# an input must never be able to open its own gate.
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# scope: document
# title: Thresholds in force
# description: Name -> the threshold in force, the input's when it tightens the profile's, else the profile's.
# custom:
#   requirements: [GK-THRESH-01]
thresholds[name] := input.thresholds[name] if {
	some name in tightened
}

thresholds[name] := policy if {
	some name, policy in profile.thresholds
	not name in tightened
}

# METADATA
# title: Tightened thresholds
# description: Names of the thresholds the input tightens (a number at least as strict as the profile's).
# custom:
#   requirements: [GK-THRESH-02]
tightened contains name if {
	some name, requested in _requested
	is_number(requested)
	_no_looser(direction[name], requested, profile.thresholds[name])
}

# The profile's own value, or a value within the item's limit at the profile's value.
_no_looser(_, requested, policy) if requested == policy

_no_looser(item_direction, requested, policy) if within(item_direction, requested, policy)

# METADATA
# title: Threshold direction
# description: |
#   Threshold name -> the direction of the checklist item judged on it (`at_least`,
#   `at_most`, `less_than`): a requested value tightens when the profile's own value
#   would be within it. A threshold no item uses is never tightened.
# custom:
#   requirements: [GK-THRESH-02]
direction[item.threshold] := item.direction if {
	some item in profile.checklist
}

# METADATA
# title: Loosening ignored
# description: An input threshold looser than the profile's is ignored and reported.
# custom:
#   code: THRESHOLD_LOOSENING_IGNORED
#   requirements: [GK-THRESH-02]
warnings contains object.union(
	result.violation(
		"THRESHOLD_LOOSENING_IGNORED",
		sprintf("input threshold %s %v is looser than the policy's %v: ignored", [name, requested, policy]),
		requested, policy, "promotion.thresholds", "warning",
	),
	{"field": concat(".", ["thresholds", name])},
) if {
	some name, requested in _requested
	policy := profile.thresholds[name]
	is_number(requested)
	not name in tightened
}

# METADATA
# title: Unknown threshold ignored
# description: An input threshold the profile does not know is ignored and reported.
# custom:
#   code: THRESHOLD_UNKNOWN_IGNORED
#   requirements: [GK-THRESH-02]
warnings contains object.union(
	result.violation(
		"THRESHOLD_UNKNOWN_IGNORED",
		sprintf("input threshold %s is not a threshold of profile %v: ignored", [name, profile_name]),
		requested, null, "promotion.thresholds", "warning",
	),
	{"field": concat(".", ["thresholds", name])},
) if {
	known := object.keys(profile.thresholds)
	some name, requested in _requested
	not name in known
}

# METADATA
# title: Threshold not a number
# description: An input threshold that is not a number cannot be applied.
# custom:
#   code: INVALID_INPUT
#   requirements: [GK-INVALID-01]
violations contains object.union(
	result.violation(
		"INVALID_INPUT",
		sprintf("thresholds.%s must be a number, got %v", [name, requested]),
		requested, null, "promotion.thresholds", "critical",
	),
	{"field": concat(".", ["thresholds", name])},
) if {
	some name, requested in _requested
	name in object.keys(profile.thresholds)
	not is_number(requested)
}

# METADATA
# title: Thresholds not an object
# description: input.thresholds, when present, must be an object of numbers.
# custom:
#   code: INVALID_INPUT
#   requirements: [GK-INPUT-01, GK-INVALID-01]
violations contains object.union(
	result.violation(
		"INVALID_INPUT",
		sprintf("thresholds must be an object, got %v", [input.thresholds]),
		input.thresholds, null, "promotion.thresholds", "critical",
	),
	{"field": "thresholds"},
) if {
	input.thresholds != null
	not is_object(input.thresholds)
}

# The input thresholds by name (only when input.thresholds is an object).
_requested := input.thresholds if is_object(input.thresholds)
