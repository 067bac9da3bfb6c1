# METADATA
# title: Manual decisions after the trigger
# description: |
#   What a pending manual decision (input.pending_decision) means once its trigger has
#   moved on; docs/rollout-profiles.md, "Manual decisions: two deadlines" and "A trigger
#   that clears before anyone decided".
#   - No decision yet, the trigger has cleared and no other trigger fires (another one
#     decides by itself; evidence missing elsewhere gives its own finding beside this
#     one, and the most severe action wins): the decision is still owed. Within the window of its cell it
#     stays a manual decision (DECISION_PENDING) and a warning TRIGGER_CLEARED says a
#     person may now continue; past the window the default action happens
#     (DECISION_WINDOW_EXPIRED, check kind pending) with the same warning. A cleared
#     trigger never cancels an owed decision silently, never steps up.
#   - A person chose to continue (pending_decision.decision "continue") and the row has a
#     resolution deadline in data (resolution.minutes from detection): while the trigger
#     still fires, RESOLUTION_PENDING warns how long is left; from the deadline on, the
#     row's resolution.default_action happens (RESOLUTION_DEADLINE_EXPIRED).
#   - A person chose to roll back (pending_decision.decision "rollback", judged by the
#     approval gate): the profile's rollback_decided action happens now (ROLLBACK_DECIDED),
#     whatever the triggers say; docs/controllers.md, "Manual decisions in a live rollout".
#   Reads the findings of every check kind, so it lives beside them, not among them.
# custom:
#   codes:
#     - DECISION_PENDING
#     - TRIGGER_CLEARED
#     - RESOLUTION_PENDING
#     - RESOLUTION_DEADLINE_EXPIRED
#     - ROLLBACK_DECIDED
#     - INVALID_INPUT
#   requirements: [GK-MANUAL-01, ROLL-TRIG-05]
package gatekeeper.rollout.manual

import data.gatekeeper.lib.result
import data.gatekeeper.rollout.context

_pending := input.pending_decision if is_object(input.pending_decision)

_row := context.profile.matrix.rows[_pending.trigger]

_cell := _row.cells[context.column_key]

_continued if _pending.decision == "continue"

_rolled_back if _pending.decision == "rollback"

# A decision was taken (continue or rollback): nothing is owed any more.
_decided if _continued

_decided if _rolled_back

# Every finding of the check kinds other than the pending decision's own.
_check_findings contains f if {
	some kind, checks in data.gatekeeper.rollout.checks
	kind != "pending"
	some f in checks.findings
}

# The pending decision's trigger still fires (a trigger finding of a check on its row),
# or cannot be judged (some evidence is missing): not cleared.
_still_open if {
	some f in _check_findings
	f.class == "trigger"
	context.checks[f.check].row == _pending.trigger
}

_still_open if {
	some f in _check_findings
	f.class == "missing"
}

# No trigger fires (another trigger decides by itself: the most severe action wins) and
# the pending decision's own evidence is there: its trigger has cleared. Evidence
# missing elsewhere does not cancel the owed decision: it gives its own finding beside
# it, so a worse metric elsewhere never makes the answer more lenient.
_cleared if {
	_row
	not _any_trigger
	not _own_missing
}

_any_trigger if {
	some f in _check_findings
	f.class == "trigger"
}

_own_missing if {
	some f in _check_findings
	f.class == "missing"
	context.checks[f.check].row == _pending.trigger
}

# METADATA
# scope: document
# title: Findings
# description: DECISION_PENDING, TRIGGER_CLEARED, RESOLUTION_PENDING, RESOLUTION_DEADLINE_EXPIRED and ROLLBACK_DECIDED.
# custom:
#   codes: [DECISION_PENDING, TRIGGER_CLEARED, RESOLUTION_PENDING, RESOLUTION_DEADLINE_EXPIRED, ROLLBACK_DECIDED]
#   requirements: [GK-MANUAL-01, ROLL-TRIG-05]
findings contains f if {
	not _decided
	_cleared
	is_number(_cell.window_minutes)
	is_number(_pending.minutes_pending)
	_pending.minutes_pending < _cell.window_minutes
	settings := context.profile.decision_owed
	message := sprintf(
		concat("", [
			"%s decision pending %v min of its %v-min window at %v%%: the trigger has cleared, ",
			"the decision is still owed (default action %s when the window ends)",
		]),
		[_row.label, _pending.minutes_pending, _cell.window_minutes, context.column, _cell.default_action],
	)
	f := _finding(settings, "trigger", message, _pending.minutes_pending, _cell.window_minutes, {
		"cell": _cell,
		"trigger_type": _row.trigger_type,
	})
}

findings contains f if {
	not _decided
	_cleared
	is_number(_pending.minutes_pending)
	settings := context.profile.trigger_cleared
	message := sprintf(
		concat("", [
			"%s has cleared while its decision was pending %v min: the decision is still owed; ",
			"a person may now continue, else the default action applies when the window ends",
		]),
		[_row.label, _pending.minutes_pending],
	)
	window := object.get(_cell, "window_minutes", null)
	f := _finding(settings, "warning", message, _pending.minutes_pending, window, {})
}

findings contains f if {
	_continued
	_still_open
	deadline := _row.resolution.minutes
	_pending.minutes_since_detection >= deadline
	settings := context.profile.resolution_deadline_expired
	message := sprintf(
		"%s not resolved %v min after detection >= %v min (a person chose to continue): default action %s",
		[_row.label, _pending.minutes_since_detection, deadline, _row.resolution.default_action],
	)
	f := _finding(settings, "trigger", message, _pending.minutes_since_detection, deadline, {
		"cell": {"action": _row.resolution.default_action},
		"trigger_type": _row.trigger_type,
	})
}

findings contains f if {
	_continued
	_still_open
	deadline := _row.resolution.minutes
	_pending.minutes_since_detection < deadline
	settings := context.profile.resolution_pending
	message := sprintf(
		"%s continued by decision, unresolved %v min after detection: %s at %v min",
		[_row.label, _pending.minutes_since_detection, _row.resolution.default_action, deadline],
	)
	f := _finding(settings, "warning", message, _pending.minutes_since_detection, deadline, {})
}

findings contains f if {
	_rolled_back
	_row
	settings := context.profile.rollback_decided
	message := sprintf(
		"%s decision: a person chose to roll back after %v min: %s",
		[_row.label, _pending.minutes_pending, settings.action],
	)
	f := _finding(settings, "trigger", message, _pending.minutes_pending, null, {
		"cell": {"action": settings.action},
		"trigger_type": _row.trigger_type,
	})
}

_finding(settings, class, message, observed, threshold, resolution) := object.union(
	{
		"check": _pending.trigger,
		"class": class,
		"code": settings.code,
		"message": message,
		"observed": observed,
		"threshold": threshold,
		"rule": settings.rule,
		"severity": settings.severity,
		"extra": {"trigger": _pending.trigger},
	},
	resolution,
)

# METADATA
# scope: document
# title: Invalid input
# description: |
#   A pending_decision.decision other than "continue" or "rollback", a minutes_since_detection that is
#   not a number >= 0, or a continue decision without minutes_since_detection (the
#   resolution deadline runs from detection): INVALID_INPUT naming the field.
# custom:
#   codes: [INVALID_INPUT]
#   requirements: [GK-INPUT-01, GK-MANUAL-01]
invalid contains v if {
	"decision" in object.keys(_pending)
	not _decided
	message := sprintf(
		"pending_decision.decision %v is not a decision taken (only: continue, rollback)",
		[_pending.decision],
	)
	v := _invalid(message, _pending.decision, ["continue", "rollback"], "pending_decision.decision")
}

invalid contains v if {
	"minutes_since_detection" in object.keys(_pending)
	not _valid_minutes(_pending.minutes_since_detection)
	minutes := _pending.minutes_since_detection
	message := sprintf("pending_decision.minutes_since_detection %v is not a number >= 0", [minutes])
	v := _invalid(message, minutes, null, "pending_decision.minutes_since_detection")
}

invalid contains v if {
	_continued
	not "minutes_since_detection" in object.keys(_pending)
	message := concat("", [
		"pending_decision.minutes_since_detection is required with decision continue: ",
		"the resolution deadline runs from detection",
	])
	v := _invalid(message, null, null, "pending_decision.minutes_since_detection")
}

_valid_minutes(x) if {
	is_number(x)
	x >= 0
}

_invalid(message, observed, threshold, field) := object.union(
	result.violation("INVALID_INPUT", message, observed, threshold, "rollout.input", _invalid_severity),
	{"field": field},
)

_invalid_severity := context.config.invalid_input.severity
