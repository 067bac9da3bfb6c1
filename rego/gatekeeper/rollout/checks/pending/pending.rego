# METADATA
# title: Manual decision window expired
# description: |
#   input.pending_decision {trigger, minutes_pending} says a manual decision has been
#   waiting. When the profile's cell for that trigger at the phase column is a manual
#   decision and minutes_pending >= its window, the cell's default action (auto_rollback)
#   happens: DECISION_WINDOW_EXPIRED. Before the window ends the pending decision adds
#   nothing; the firing trigger itself keeps the action at manual_decision. A decision
#   taken (continue or rollback) ends the window. Where the
#   cell at this phase is automatic (the canary stepped up while a person was asked),
#   nobody holds a window any more: the cell's own action happens at once, so a later
#   phase is never more lenient than the one the decision was asked at.
# custom:
#   codes: [DECISION_WINDOW_EXPIRED]
#   requirements: [ROLL-MATRIX-02]
package gatekeeper.rollout.checks.pending

import data.gatekeeper.rollout.context

# METADATA
# scope: document
# title: Findings
# description: DECISION_WINDOW_EXPIRED when the pending decision's window is over, or the cell is automatic.
# custom:
#   codes: [DECISION_WINDOW_EXPIRED]
#   requirements: [ROLL-MATRIX-02]
findings contains f if {
	pending := input.pending_decision
	row := context.profile.matrix.rows[pending.trigger]
	cell := row.cells[context.column_key]
	is_number(cell.window_minutes)
	is_number(pending.minutes_pending)
	pending.minutes_pending >= cell.window_minutes
	not _decided
	settings := context.profile.decision_window_expired
	f := {
		"check": pending.trigger,
		"class": "trigger",
		"code": settings.code,
		"message": sprintf("%s decision pending %v min >= window %v min at %v%%: default action %s", [
			row.label,
			pending.minutes_pending,
			cell.window_minutes,
			context.column,
			cell.default_action,
		]),
		"observed": pending.minutes_pending,
		"threshold": cell.window_minutes,
		"rule": settings.rule,
		"severity": settings.severity,
		"extra": {"trigger": pending.trigger},
		"cell": {"action": cell.default_action},
		"trigger_type": row.trigger_type,
	}
}

findings contains f if {
	pending := input.pending_decision
	row := context.profile.matrix.rows[pending.trigger]
	cell := row.cells[context.column_key]
	not cell.window_minutes
	is_number(pending.minutes_pending)
	settings := context.profile.decision_window_expired
	f := {
		"check": pending.trigger,
		"class": "trigger",
		"code": settings.code,
		"message": sprintf("%s decision pending %v min at %v%%, where the cell is automatic: %s", [
			row.label,
			pending.minutes_pending,
			context.column,
			cell.action,
		]),
		"observed": pending.minutes_pending,
		"threshold": 0,
		"rule": settings.rule,
		"severity": settings.severity,
		"extra": {"trigger": pending.trigger},
		"cell": {"action": cell.action},
		"trigger_type": row.trigger_type,
	}
}

# A person chose to continue or roll back within the window (a decision taken, not owed).
_decided if input.pending_decision.decision in {"continue", "rollback"}
