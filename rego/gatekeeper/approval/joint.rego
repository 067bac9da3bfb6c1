# Joint cell (part of package gatekeeper.approval, see approval.rego).
package gatekeeper.approval

import data.gatekeeper.lib.result

# METADATA
# title: Separate approvers required
# description: |
#   A cell naming several roles (quality gates at 50%: QA DRI + Sprint DRI) needs a
#   different person for each role. Checked as: every role has a holder among the
#   approvers, and every pair of roles has two distinct holders (Hall's condition, exact
#   for cells of up to two roles, which is all the matrix has).
# custom:
#   code: SEPARATE_APPROVERS_REQUIRED
#   requirements: [ROLL-AUTH-03]
violations contains object.union(
	result.violation(
		"SEPARATE_APPROVERS_REQUIRED",
		concat("", [
			concat(" + ", required_roles),
			sprintf(" must be held by %d different approvers, one per role; approvers: ", [count(required_roles)]),
			concat(", ", sort(approvers)),
		]),
		count(_holders_of_any), count(required_roles), "approval.separate_approvers", "critical",
	),
	{"field": "approvers"},
) if {
	count(required_roles) > 1
	count(approvers) > 0
	not is_system_cell
	not _roles_covered_by_distinct_people
}

_holders(role) := {identity | some identity in approvers; role in roles_of(identity)}

_holders_of_any contains identity if {
	some role in required_roles
	some identity in _holders(role)
}

_roles_covered_by_distinct_people if {
	every role in required_roles {
		count(_holders(role)) > 0
	}
	every pair in _role_pairs {
		count(_holders(pair[0]) | _holders(pair[1])) >= 2
	}
}

_role_pairs contains [a, b] if {
	some a in required_roles
	some b in required_roles
	a != b
}
