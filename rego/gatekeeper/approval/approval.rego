# METADATA
# title: Approval gate
# description: |
#   May these people take this manual decision at this phase? The approvers must hold
#   the role(s) the decision-authority matrix (data.gatekeeper.authority) names for the
#   trigger type and phase column; roles come from the roster in policy data
#   (data.gatekeeper.roster), never from the input. A missing roster is empty: everyone
#   is refused (fail closed).
# custom:
#   codes:
#     - UNAUTHORIZED_APPROVER
#     - AUTOMATED_DECISION
#     - SEPARATE_APPROVERS_REQUIRED
#     - INVALID_DECISION
#     - MISSING_EVIDENCE
#     - INVALID_INPUT
#   requirements: [ROLL-AUTH-01, GK-ROSTER-01, GK-INPUT-01]
package gatekeeper.approval

import data.gatekeeper.lib.phase
import data.gatekeeper.lib.result

# METADATA
# title: Approval decision
# description: The decision object; approve when no rule reported a violation, deny otherwise.
# custom:
#   requirements: [GK-CONTRACT-01]
decision := result.decision("approval", action, {
	"violations": [v | some v in violations],
	"authority": required_roles,
})

# METADATA
# title: Approval action
# scope: document
# description: approve only when the required roles are known and no rule reported a violation.
# custom:
#   requirements: [GK-CONTRACT-01]
default action := "deny"

action := "approve" if {
	count(required_roles) > 0
	count(violations) == 0
}

# METADATA
# title: Required roles
# scope: document
# description: |
#   The matrix cell for (trigger_type, phase column), or the phase-independent roles of
#   `any_phase` (operational_anomaly: any Sprint DRI at any phase). Several roles in one
#   cell are a joint cell: each must be held by a different approver.
# custom:
#   requirements: [ROLL-AUTH-01, ROLL-TRIG-06]
default required_roles := []

required_roles := data.gatekeeper.authority.any_phase[input.trigger_type]

required_roles := data.gatekeeper.authority.matrix[input.trigger_type][column] if {
	not data.gatekeeper.authority.any_phase[input.trigger_type]
}

# METADATA
# title: Phase column
# description: The authority matrix column of input.phase_percent (next column up between columns).
# custom:
#   requirements: [GK-PHASE-01]
column := phase.column_key(data.gatekeeper.authority.columns, input.phase_percent)

# METADATA
# title: Roles of an identity
# scope: document
# description: The roles the roster gives an identity; none when the roster or the identity is absent.
# custom:
#   requirements: [GK-ROSTER-01]
default roles_of(_) := []

roles_of(identity) := [role | some role in data.gatekeeper.roster[identity]; is_string(role)] if {
	is_array(data.gatekeeper.roster[identity])
}

# METADATA
# title: Approvers
# description: The distinct identities in input.approvers (strings only).
# custom:
#   requirements: [GK-INPUT-01]
approvers contains identity if {
	some identity in input.approvers
	is_string(identity)
}

# METADATA
# title: Is a system-only cell
# description: Every role of the cell is a system role (System), so no person can take the decision.
# custom:
#   requirements: [ROLL-AUTH-02]
is_system_cell if {
	count(required_roles) > 0
	every role in required_roles {
		role in data.gatekeeper.authority.system_roles
	}
}
