# METADATA
# title: Rollout gate
# description: |
#   During a canary phase: continue, step up, roll back, ask a person, abort, pause?
#   Collects the findings of every check kind (data.gatekeeper.rollout.checks[_].findings),
#   resolves each trigger to its cell at the phase column (the decision matrix or the
#   check's own cell in the profile data), lets the most severe action win, and fills
#   authority from the authority matrix for the trigger type(s) behind the winning
#   action. No trigger: promote_next_step below 100% once the series cover the
#   profile's observation window, else continue.
# custom:
#   codes: [INVALID_INPUT, MISSING_EVIDENCE, DECISION_WINDOW_EXPIRED]
#   spec: "SPEC 3 and 4: rollout gate; SPEC 5 decision contract"
package gatekeeper.rollout

import data.gatekeeper.lib.phase
import data.gatekeeper.lib.result
import data.gatekeeper.lib.series
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: Every finding of every check kind, collected dynamically.
# custom:
#   spec: "SPEC 3-4: one rollout logic over all profiles"
findings contains f if {
	some f in data.gatekeeper.rollout.checks[_].findings
}

# METADATA
# title: Invalid input
# description: Inputs the policy cannot judge (unknown profile, phase, environment, pending trigger, interval).
# custom:
#   codes: [INVALID_INPUT]
#   spec: "Brief: an input the policy cannot judge -> INVALID_INPUT, allow false"
invalid contains v if {
	not context.profile
	v := _invalid_rollout_input(
		sprintf("unknown rollout profile %v", [context.profile_name]),
		context.profile_name, object.keys(data.gatekeeper.profiles.rollout), "profile",
	)
}

invalid contains v if {
	"phase_percent" in object.keys(input)
	not context.phase_percent
	v := _invalid_rollout_input(
		sprintf("phase_percent %v is not a traffic percentage 0 < p <= 100", [input.phase_percent]),
		input.phase_percent, context.profile.columns, "phase_percent",
	)
}

invalid contains v if {
	not _valid_interval
	v := _invalid_rollout_input(
		sprintf("interval_seconds %v is not a positive number", [input.interval_seconds]),
		input.interval_seconds, null, "interval_seconds",
	)
}

invalid contains v if {
	is_string(input.environment)
	is_object(context.profile.environments)
	not context.environment
	v := _invalid_rollout_input(
		sprintf("unknown environment %v", [input.environment]),
		input.environment, object.keys(context.profile.environments), "environment",
	)
}

invalid contains v if {
	"pending_decision" in object.keys(input)
	not context.profile.matrix.rows[input.pending_decision.trigger]
	v := _invalid_rollout_input(
		sprintf("pending_decision.trigger %v has no manual decision in profile %v", [input.pending_decision.trigger, context.profile_name]),
		input.pending_decision.trigger, object.keys(object.get(context.profile, ["matrix", "rows"], {})), "pending_decision.trigger",
	)
}

invalid contains v if {
	"pending_decision" in object.keys(input)
	not _valid_pending_minutes
	v := _invalid_rollout_input(
		sprintf("pending_decision.minutes_pending %v is not a number >= 0", [object.get(input.pending_decision, "minutes_pending", null)]),
		object.get(input.pending_decision, "minutes_pending", null), null, "pending_decision.minutes_pending",
	)
}

_valid_interval if {
	is_number(context.interval_seconds)
	context.interval_seconds > 0
}

_valid_pending_minutes if {
	is_number(input.pending_decision.minutes_pending)
	input.pending_decision.minutes_pending >= 0
}

_invalid_rollout_input(message, observed, threshold, field) := object.union(
	result.violation("INVALID_INPUT", message, observed, threshold, "rollout.input", context.config.invalid_input.severity),
	{"field": field},
)

# METADATA
# title: Resolved findings
# description: Each trigger or missing-evidence finding with its cell (action, window, default) and trigger type.
# custom:
#   spec: "SPEC 3: decision matrix cells by phase column"
resolved contains r if {
	some f in findings
	f.class != "warning"
	r := {"finding": f, "cell": _cell(f), "trigger_type": _trigger_type(f)}
}

_check(f) := object.get(context.checks, f.check, {})

_cell(f) := f.cell

_cell(f) := context.config.missing_evidence if {
	not f.cell
	f.class == "missing"
}

_cell(f) := cell if {
	not f.cell
	f.class == "trigger"
	cell := context.profile.matrix.rows[_check(f).row].cells[context.column_key]
}

_cell(f) := _check(f).cell if {
	not f.cell
	f.class == "trigger"
	not _check(f).row
}

# a trigger whose cell cannot be resolved (no valid phase) holds the rollout: fail closed
_cell(f) := context.config.missing_evidence if {
	not f.cell
	f.class == "trigger"
	_check(f).row
	not context.profile.matrix.rows[_check(f).row].cells[context.column_key]
}

_trigger_type(f) := f.trigger_type

_trigger_type(f) := context.profile.matrix.rows[_check(f).row].trigger_type if not f.trigger_type

_trigger_type(f) := _check(f).trigger_type if {
	not f.trigger_type
	not _check(f).row
	_check(f).trigger_type
}

_trigger_type(f) := null if {
	not f.trigger_type
	not _check(f).row
	not _check(f).trigger_type
}

# METADATA
# title: Action
# description: The most severe action of all resolved findings; with none, promote_next_step or continue.
# custom:
#   spec: "SPEC 5: several triggers, the most severe action wins"
action := result.most_severe({r.cell.action | some r in resolved}) if count(resolved) > 0

action := _no_trigger_action if count(resolved) == 0

_no_trigger_action := context.config.no_trigger.step_action if {
	context.phase_percent < context.config.no_trigger.final_column
	_observed_long_enough
}

_no_trigger_action := context.config.no_trigger.hold_action if {
	not _promotable
}

_promotable if {
	context.phase_percent < context.config.no_trigger.final_column
	_observed_long_enough
}

_observed_long_enough if {
	observation := context.profile.observation
	values := series.at(input, observation.series)
	is_array(values)
	count(values) * context.interval_seconds >= observation.minutes[context.column_key] * 60
}

_winning contains r if {
	some r in resolved
	r.cell.action == action
}

# METADATA
# title: Authority
# description: |
#   Roles from the authority matrix for the trigger type of the finding(s) behind the
#   winning action, at the authority column of the phase (System for automated).
# custom:
#   spec: "SPEC 3: decision-authority matrix"
authority := sort({role |
	some r in _winning
	some role in roles(r.trigger_type, context.phase_percent, data.gatekeeper.authority)
})

# METADATA
# title: Roles of a trigger type
# description: The authority matrix cell for a trigger type at a phase, or its any-phase roles.
# custom:
#   spec: "SPEC 3: decision-authority matrix by trigger type and phase"
roles(trigger_type, percent, matrix) := matrix.matrix[trigger_type][phase.column_key(matrix.columns, percent)]

roles(trigger_type, _, matrix) := matrix.any_phase[trigger_type]

_windows contains w if {
	some r in _winning
	w := r.cell.window_minutes
	is_number(w)
}

# METADATA
# title: Decision window
# description: For a manual decision, the shortest window of the winning cells (minutes), else null.
# custom:
#   spec: "SPEC 3: manual (N min)"
default decision_window_minutes := null

decision_window_minutes := w if {
	action == "manual_decision"
	some w in _windows
	count([x | some x in _windows; x < w]) == 0
}

_defaults contains a if {
	some r in _winning
	a := r.cell.default_action
	is_string(a)
}

# METADATA
# title: Default action
# description: For a manual decision, what happens when the window passes (auto_rollback), else null.
# custom:
#   spec: "SPEC 3: default action rollback"
default default_action := null

default_action := result.most_severe(_defaults) if {
	action == "manual_decision"
	count(_defaults) > 0
}

# METADATA
# title: Violations
# description: One violation per resolved finding; rollback violations name the way back (target or note).
# custom:
#   spec: "SPEC 5: violations[]"
violations contains v if {
	some r in resolved
	v := _violation(r.finding, r.cell.action)
}

# METADATA
# title: Warnings
# description: Findings below the breach level (seed 000's 80% band, seed 001's few candidates).
# custom:
#   spec: "SPEC 4: warnings"
warnings contains w if {
	some f in findings
	f.class == "warning"
	w := _plain(f)
}

_plain(f) := object.union(
	result.violation(f.code, f.message, f.observed, f.threshold, f.rule, f.severity),
	f.extra,
)

_violation(f, act) := object.union(
	result.violation(f.code, _message(f, act), f.observed, f.threshold, f.rule, f.severity),
	object.union(f.extra, _rollback_extra(act)),
)

_message(f, act) := sprintf("%s; %s", [f.message, _rollback_note]) if {
	act == "auto_rollback"
	_rollback_note
}

_message(f, act) := f.message if {
	not _decorated(act)
}

_decorated(act) if {
	act == "auto_rollback"
	_rollback_note
}

_rollback_target := data.gatekeeper.rollout.checks.rollback_target.target[context.profile.rollback.target_check]

_rollback_note := sprintf(context.profile.rollback.note, [_rollback_target]) if context.profile.rollback.target_check

_rollback_note := context.profile.rollback.note if not context.profile.rollback.target_check

_rollback_extra(act) := {"rollback_target": _rollback_target} if act == "auto_rollback"

_rollback_extra(act) := {} if not _has_target_for(act)

_has_target_for(act) if {
	act == "auto_rollback"
	_rollback_target
}

_details := {
	"violations": [v | some v in violations],
	"warnings": [w | some w in warnings],
	"authority": authority,
	"decision_window_minutes": decision_window_minutes,
	"default_action": default_action,
}

# METADATA
# title: Decision
# description: The rollout decision object (SPEC 5); INVALID_INPUT when the input cannot be judged.
# custom:
#   codes: [INVALID_INPUT, MISSING_EVIDENCE, DECISION_WINDOW_EXPIRED]
#   spec: "SPEC 5: decision contract"
decision := result.decision(context.config.gate, context.config.invalid_input.action, {"violations": [v | some v in invalid]}) if {
	count(invalid) > 0
}

decision := result.decision(context.config.gate, action, _details) if {
	count(invalid) == 0
}
