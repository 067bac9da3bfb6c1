# Unauthorized approver (part of package gatekeeper.approval, see approval.rego).
package gatekeeper.approval

import data.gatekeeper.lib.result

# METADATA
# title: Unauthorized approver
# description: |
#   One violation per approver whose identity the roster does not give any of the roles
#   the matrix names for this trigger type and phase (judged only once the cell is known).
# custom:
#   code: UNAUTHORIZED_APPROVER
#   requirements: [ROLL-AUTH-01, GK-ROSTER-01]
violations contains object.union(
	result.violation(
		"UNAUTHORIZED_APPROVER",
		concat("", [
			identity, " does not hold ", concat(" or ", required_roles),
			" (roles in roster: ", _roles_text(identity), ")",
		]),
		identity, required_roles, "approval.unauthorized_approver", "critical",
	),
	{"field": "approvers", "approver": identity},
) if {
	count(required_roles) > 0
	not is_system_cell
	some identity in approvers
	count({role | some role in roles_of(identity); role in required_roles}) == 0
}

_roles_text(identity) := concat(", ", sort(roles_of(identity))) if count(roles_of(identity)) > 0

_roles_text(identity) := "none" if count(roles_of(identity)) == 0
