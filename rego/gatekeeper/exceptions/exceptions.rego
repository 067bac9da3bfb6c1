# METADATA
# title: Waivers
# description: |
#   Exceptions granted to a gate's violations. The waivers are a data document
#   (data.gatekeeper.waivers, a list loaded with --data like the roster); each names a
#   code, a gate, a scope (version id, profile, environment), an owner, a reason,
#   expires_at and approved_by. A waiver in force turns the violations of its code into
#   WAIVED warnings that carry the waiver; an expired or out-of-scope waiver does nothing
#   but warn WAIVER_EXPIRED; a waiver for a code that may never be waived (data), approved
#   by its own owner, approved by one person for a cell that needs several, or approved
#   by people without the authority for that code (roster + authority matrix) is
#   refused (WAIVER_REFUSED) and not applied (separation of duties, docs/waivers.md). The evaluation time is input.now
#   (UTC, YYYY-MM-DDTHH:MM:SSZ), stamped by gatekeeper check: without it no waiver applies.
# custom:
#   codes: [WAIVED, WAIVER_EXPIRED, WAIVER_REFUSED]
#   requirements: [GK-WAIVER-01, GK-CONTRACT-01]
package gatekeeper.exceptions

import data.gatekeeper.lib.phase
import data.gatekeeper.lib.result

_config := data.gatekeeper.exceptions.config

default _granted := []

_granted := data.gatekeeper.waivers if is_array(data.gatekeeper.waivers)

_fields := {"code", "gate", "scope", "owner", "reason", "expires_at", "approved_by"}

# METADATA
# title: Waiver status
# description: |
#   Why each waiver (by its index in data.gatekeeper.waivers) does or does not apply to
#   this input; the first reason in this order wins: malformed, out_of_scope,
#   no_evaluation_time, expired, unwaivable, self_approved, one_person_two_roles,
#   unauthorized_approver, else in_force.
# scope: document
# custom:
#   requirements: [GK-WAIVER-01]
status[i] := status_of(waiver) if some i, waiver in _granted

# METADATA
# title: Status of one waiver
# description: The first failing check of _order for this waiver and input, else in_force.
# scope: document
# custom:
#   requirements: [GK-WAIVER-01]
status_of(waiver) := reasons[0] if {
	reasons := array.concat([r | some r in _order; _fails(waiver, r)], ["in_force"])
}

_order := [
	"malformed", "out_of_scope", "no_evaluation_time", "expired", "unwaivable",
	"self_approved", "one_person_two_roles", "unauthorized_approver",
]

_fails(waiver, "malformed") if not _well_formed(waiver)

_fails(waiver, "unwaivable") if waiver.code in _config.unwaivable

_fails(waiver, "unwaivable") if not _config.cleared_action[waiver.gate]

_fails(waiver, "unauthorized_approver") if not _authorized(waiver)

# Separation of duties: the owner who answers for the exception never approves it
# (identities compared without regard to case, so a respelling is no way around it).
_fails(waiver, "self_approved") if lower(waiver.owner) in {lower(a) | some a in _approvers(waiver)}

# A cell naming several roles asks for several people: every role is held by some
# approver, but not by as many different approvers as the cell has roles.
_fails(waiver, "one_person_two_roles") if {
	not _authorized(waiver)
	roles := required_roles(waiver)
	count(roles) > 1
	every role in roles {
		some a in _approvers(waiver)
		role in _roles_of(a)
	}
}

_fails(_, "no_evaluation_time") if not _has_time

_fails(waiver, "expired") if input.now >= waiver.expires_at

_fails(waiver, "out_of_scope") if {
	some key, wanted in waiver.scope
	_scope_value(waiver.gate, key) != wanted
}

_has_time if _valid_time(input.now)

_well_formed(waiver) if {
	is_object(waiver)
	count(_fields - object.keys(waiver)) == 0
	is_string(waiver.code)
	is_string(waiver.gate)
	is_object(waiver.scope)
	is_string(waiver.owner)
	is_string(waiver.reason)
	_valid_time(waiver.expires_at)
	count(_approvers(waiver)) > 0
}

_valid_time(value) if {
	is_string(value)
	regex.match(_config.timestamp_pattern, value)
}

_approvers(waiver) := {a | some a in waiver.approved_by; is_string(a)} if is_array(waiver.approved_by)

_approvers(waiver) := {waiver.approved_by} if is_string(waiver.approved_by)

_scope_value(_, "version_id") := object.get(input, ["version", "id"], null)

_scope_value(_, "environment") := object.get(input, "environment", null)

_scope_value(gate, "profile") := object.get(input, "profile", _config.default_profile[gate])

_scope_value(_, key) := null if not key in {"version_id", "environment", "profile"}

# METADATA
# title: Roles that may approve a waiver
# description: |
#   The authority-matrix cell of the trigger type the code belongs to (data), at the
#   input's phase column for a rollout and at the first gray-scale step for a promotion;
#   empty (nobody) when the code has no trigger type or the phase has no column.
# scope: document
# custom:
#   requirements: [ROLL-AUTH-01, GK-ROSTER-01, GK-WAIVER-01]
required_roles(waiver) := roles if {
	trigger_type := _config.trigger_type[waiver.gate][waiver.code]
	roles := _cell(trigger_type, _waiver_phase(waiver.gate))
} else := []

_waiver_phase("promotion") := _config.promotion_phase_percent

_waiver_phase("rollout") := input.phase_percent

_cell(trigger_type, _) := data.gatekeeper.authority.any_phase[trigger_type]

_cell(trigger_type, percent) := data.gatekeeper.authority.matrix[trigger_type][column] if {
	not data.gatekeeper.authority.any_phase[trigger_type]
	column := phase.column_key(data.gatekeeper.authority.columns, percent)
}

_authorized(waiver) if {
	roles := required_roles(waiver)
	count(roles) > 0
	count({r | some r in roles; r in data.gatekeeper.authority.system_roles}) == 0
	holders := {a | some a in _approvers(waiver); some r in roles; r in _roles_of(a)}
	count(holders) >= count(roles)
	every role in roles {
		some a in holders
		role in _roles_of(a)
	}
}

default _roles_of(_) := []

_roles_of(identity) := roles if {
	roles := data.gatekeeper.roster[identity]
	is_array(roles)
}

# METADATA
# title: Decision with waivers applied
# description: |
#   The gate's decision with every waiver for its gate and one of its violation codes
#   considered: violations of a code with a waiver in force become WAIVED warnings; when
#   none is left the action is the gate's cleared action (promote; a rollout continues,
#   never steps up on a waiver); when some are left the gate's own action stands. Other
#   waivers for those codes add WAIVER_EXPIRED or WAIVER_REFUSED warnings, except a waiver
#   scoped to another version id, which is silent. No waiver for the decision's codes:
#   the decision is returned unchanged.
# custom:
#   requirements: [GK-WAIVER-01, GK-CONTRACT-01]
applied(decision) := _apply(decision, _considered(decision))

_apply(decision, []) := decision

_apply(decision, considered) := result.decision(decision.gate, action, details) if {
	count(considered) > 0
	waived := {w.code | some w in considered; w.status == "in_force"}
	remaining := [v | some v in decision.violations; not v.code in waived]
	action := _action(decision, remaining, waived)
	cleared := action != decision.action
	details := {
		"violations": remaining,
		"warnings": array.concat(decision.warnings, _notes(decision.violations, considered, waived)),
		"authority": decision.authority,
		"decision_window_minutes": _unless(cleared, decision.decision_window_minutes),
		"default_action": _unless(cleared, decision.default_action),
	}
}

_action(decision, remaining, waived) := _config.cleared_action[decision.gate] if {
	count(waived) > 0
	count(remaining) == 0
} else := decision.action

_unless(true, _) := null

_unless(false, value) := value

# The waivers for this decision's gate and one of its violation codes, with their status.
_considered(_) := [] if count(_granted) == 0

_considered(decision) := considered if {
	count(_granted) > 0
	gate := decision.gate
	codes := {v.code | some v in decision.violations}

	# regal ignore:prefer-some-in-iteration
	considered := [_with_status(w, i) | some i; w := _granted[i]; _relevant(w, gate, codes)]
}

_relevant(waiver, gate, codes) if {
	waiver.gate == gate
	waiver.code in codes
	_concerns(waiver)
}

_with_status(waiver, i) := object.union(waiver, {"status": status_of(waiver), "index": i})

# A waiver scoped to another version is not this decision's business: no warning.
_concerns(waiver) if not waiver.scope.version_id

_concerns(waiver) if waiver.scope.version_id == _scope_value(waiver.gate, "version_id")

_notes(violations, considered, waived) := array.concat(
	[_waived_note(v, _in_force(considered, v.code)) | some v in violations; v.code in waived],
	[_refusal_note(w) | some w in considered; w.status != "in_force"],
)

_in_force(considered, code) := sort([w | some w in considered; w.status == "in_force"; w.code == code])[0]

_waived_note(violation, waiver) := object.union(
	result.violation("WAIVED", message, violation.observed, violation.threshold, "exceptions.waived", _config.severity),
	{"waiver": _public(waiver), "waived": violation},
) if {
	approvers := concat(", ", sort(_approvers(waiver)))
	message := concat("", [
		violation.code, " waived until ", waiver.expires_at, ": ", waiver.reason,
		" (owner ", waiver.owner, ", approved by ", approvers, ")",
	])
}

_refusal_note(waiver) := object.union(
	result.violation(_refusal_code(waiver.status), message, waiver.code, null, "exceptions.waived", _config.severity),
	{"waiver": _public(waiver), "reason": waiver.status},
) if {
	name := _name(waiver)
	message := concat("", ["waiver ", name, " for ", waiver.code, " not applied: ", explanation(waiver, waiver.status)])
}

_name(waiver) := waiver.id if is_string(waiver.id)

_name(waiver) := concat("", ["#", format_int(waiver.index, 10)]) if not is_string(object.get(waiver, "id", null))

_public(waiver) := object.remove(waiver, ["status", "index"])

# Every status but in_force that is not a lapse of time or scope is a refusal (a status
# added later is refused, never silently dropped).
_refusal_code(status) := "WAIVER_EXPIRED" if {
	status in {"expired", "out_of_scope"}
} else := "WAIVER_REFUSED"

_explain := {
	"malformed": "a field is missing or malformed (code, gate, scope, owner, reason, expires_at, approved_by)",
	"unwaivable": "this code may never be waived at this gate",
	"unauthorized_approver": "the approvers do not hold the authority for this code",
	"no_evaluation_time": "the input has no evaluation time (now)",
	"expired": "expired",
	"out_of_scope": "out of scope (version, profile or environment differ)",
	"in_force": "in force",
}

# METADATA
# title: A waiver's status in words
# description: |
#   Why a waiver with this status is not applied, in the words of the WAIVER_REFUSED and
#   WAIVER_EXPIRED warnings (the audit prints the same text): the separation-of-duties
#   refusals name the people and roles involved.
# scope: document
# custom:
#   requirements: [GK-WAIVER-01]
explanation(waiver, status) := text if {
	text := _text(waiver, status)
} else := concat("", ["not applied (", status, ")"])

_text(_, status) := _explain[status]

_text(waiver, "self_approved") := concat("", [
	"the owner ", waiver.owner, " approved their own waiver",
	" (separation of duties: another person must approve it)",
])

_text(waiver, "one_person_two_roles") := concat("", [
	concat(" + ", required_roles(waiver)), " must be held by ",
	format_int(count(required_roles(waiver)), 10),
	" different approvers, one per role; one person held several of them (approved by ",
	concat(", ", sort(_approvers(waiver))), ")",
])
