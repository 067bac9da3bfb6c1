# Input validation (part of package gatekeeper.approval, see approval.rego).
package gatekeeper.approval

import data.gatekeeper.lib.phase
import data.gatekeeper.lib.result

# METADATA
# title: Unknown or missing trigger type
# description: trigger_type must be a row of the authority matrix or operational_anomaly.
# custom:
#   code: INVALID_INPUT
#   requirements: [GK-INPUT-01]
violations contains _invalid(
	"trigger_type",
	concat("", [
		sprintf("trigger_type %v is not one of ", [_value("trigger_type")]),
		concat(", ", sort(_known_trigger_types)),
	]),
) if {
	not _value("trigger_type") in _known_trigger_types
}

# METADATA
# title: Unknown or missing decision
# description: decision must be one of the manual decisions of the authority data.
# custom:
#   code: INVALID_INPUT
#   requirements: [GK-INPUT-01, GK-APPROVAL-01]
violations contains _invalid(
	"decision",
	concat("", [
		sprintf("decision %v is not one of ", [_value("decision")]),
		concat(", ", sort(_known_decisions)),
	]),
) if {
	not _value("decision") in _known_decisions
}

# METADATA
# title: Invalid phase
# description: |
#   A matrix row needs phase_percent, a number with 0 < p <= 100 (column: the next one
#   up). Phase-independent rows (operational_anomaly) accept any valid phase or none.
# custom:
#   code: INVALID_INPUT
#   requirements: [ROLL-AUTH-01, GK-INPUT-01]
violations contains _invalid(
	"phase_percent",
	sprintf("phase_percent %v must be a number with 0 < p <= 100", [_value("phase_percent")]),
) if {
	_needs_phase
	not phase.is_valid_percent(_value("phase_percent"))
}

# METADATA
# title: Invalid approvers
# description: approvers must be a list of identity strings.
# custom:
#   code: INVALID_INPUT
#   requirements: [GK-INPUT-01]
violations contains _invalid(
	"approvers",
	sprintf("approvers must be a list of identity strings, got %v", [_value("approvers")]),
) if {
	not _is_identity_list(_value("approvers"))
}

# METADATA
# title: No approver
# description: An empty approvers list names nobody who could take the decision.
# custom:
#   code: MISSING_EVIDENCE
#   requirements: [ROLL-AUTH-01, GK-ROSTER-01]
violations contains object.union(
	result.violation(
		"MISSING_EVIDENCE", "approvers is empty: nobody to take the decision",
		[], null, "approval.input", "critical",
	),
	{"field": "approvers"},
) if {
	input.approvers == []
}

_needs_phase if _value("trigger_type") in object.keys(data.gatekeeper.authority.matrix)

_needs_phase if {
	_value("phase_percent") != null
	not _value("trigger_type") in object.keys(data.gatekeeper.authority.matrix)
}

_is_identity_list(value) if {
	is_array(value)
	every identity in value {
		is_string(identity)
	}
}

default _value(_) := null

_value(name) := input[name]

_known_trigger_types := object.keys(data.gatekeeper.authority.decisions)

_invalid(field, message) := object.union(
	result.violation("INVALID_INPUT", message, _value(field), null, "approval.input", "critical"),
	{"field": field},
)
