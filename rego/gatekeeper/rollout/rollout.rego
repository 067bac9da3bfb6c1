# METADATA
# title: Rollout gate
# description: |
#   During a canary phase: continue, step up, roll back, ask a person, abort, pause?
#   Collects the findings of every check kind (data.gatekeeper.rollout.checks[_].findings),
#   resolves each trigger to its cell at the phase column (the decision matrix or the
#   check's own cell in the profile data), lets the most severe action win, and fills
#   authority from the authority matrix for the trigger type(s) behind the winning
#   action. No trigger: promote_next_step below the final column once the series
#   cover the profile's observation window and every trigger is judged and clean
#   (no held finding: docs/rollout-profiles.md, Hold until judged), else continue.
# custom:
#   codes: [INVALID_INPUT, MISSING_EVIDENCE, DECISION_WINDOW_EXPIRED]
#   requirements: [ROLL-MATRIX-01, GK-PROFILE-01, GK-CONTRACT-01]
package gatekeeper.rollout

import data.gatekeeper.lib.path
import data.gatekeeper.lib.phase
import data.gatekeeper.lib.result

# regal ignore:pointless-import
import data.gatekeeper.rollout.manual

# regal ignore:pointless-import
import data.gatekeeper.rollout.context

# METADATA
# scope: document
# title: Findings
# description: |
#   Every finding of every check kind, collected dynamically, and those of the manual
#   decision state (package gatekeeper.rollout.manual), which reads the check kinds'.
# custom:
#   requirements: [GK-PROFILE-01]
findings contains f if {
	some f in data.gatekeeper.rollout.checks[_].findings # regal ignore:mixed-iteration
}

findings contains f if {
	some f in manual.findings
}

# METADATA
# scope: document
# title: Invalid input
# description: |
#   Inputs the policy cannot judge (unknown profile, phase, environment, pending trigger,
#   interval; no environment chosen where the profile needs one; see also package
#   gatekeeper.rollout.manual for pending_decision.decision).
# custom:
#   codes: [INVALID_INPUT]
#   requirements: [GK-INVALID-01]
invalid contains v if {
	not context.profile
	message := sprintf("unknown rollout profile %v", [context.profile_name])
	v := _invalid_rollout_input(message, context.profile_name, object.keys(data.gatekeeper.profiles.rollout), "profile")
}

invalid contains v if {
	"phase_percent" in object.keys(input)
	not context.phase_percent
	message := sprintf("phase_percent %v is not a traffic percentage 0 < p <= 100", [input.phase_percent])
	v := _invalid_rollout_input(message, input.phase_percent, context.profile.columns, "phase_percent")
}

invalid contains v if {
	context.profile
	not _valid_interval
	bounds := context.config.interval_seconds
	message := sprintf("interval_seconds %v is not a number of seconds from %v to %v", [
		context.interval_seconds,
		bounds.min,
		bounds.max,
	])
	v := _invalid_rollout_input(message, context.interval_seconds, bounds, "interval_seconds")
}

invalid contains v if {
	is_string(input.environment)
	is_object(context.profile.environments)
	not context.environment
	message := sprintf("unknown environment %v", [input.environment])
	known := object.keys(context.profile.environments)
	v := _invalid_rollout_input(message, input.environment, known, "environment")
}

invalid contains v if {
	is_object(context.profile.environments)
	not _environment_named
	known := object.keys(context.profile.environments)
	message := sprintf("%s: profile %v judges with the thresholds of one environment; choose it with --environment (%v)", [
		"no environment chosen",
		context.profile_name,
		concat(", ", sort(known)),
	])
	v := _invalid_rollout_input(message, object.get(input, "environment", null), known, "environment")
}

invalid contains v if {
	some v in manual.invalid
}

invalid contains v if {
	"pending_decision" in object.keys(input)
	trigger := object.get(input.pending_decision, "trigger", null)
	not context.profile.matrix.rows[trigger]
	message := sprintf("pending_decision.trigger %v has no manual decision in profile %v", [trigger, context.profile_name])
	known := object.keys(object.get(context.profile, ["matrix", "rows"], {}))
	v := _invalid_rollout_input(message, trigger, known, "pending_decision.trigger")
}

invalid contains v if {
	"pending_decision" in object.keys(input)
	not _valid_pending_minutes
	minutes := object.get(input.pending_decision, "minutes_pending", null)
	message := sprintf("pending_decision.minutes_pending %v is not a number >= 0", [minutes])
	v := _invalid_rollout_input(message, minutes, null, "pending_decision.minutes_pending")
}

invalid contains v if {
	context.profile
	some field in _own_fields
	path.value(input, field) == null
	others := sort([name |
		some name, other in data.gatekeeper.profiles.rollout
		name != context.profile_name
		_has_all(input, fields_of(other))
	])
	count(others) > 0
	names := concat(" or ", others)
	message := sprintf("the input's fields are those of profile %s, not of profile %v: check it with --profile %s", [
		names,
		context.profile_name,
		names,
	])
	v := _invalid_rollout_input(message, context.profile_name, others, "profile")
}

_own_fields := fields_of(context.profile)

# METADATA
# title: Fields of a profile
# description: |
#   The input fields a profile and its checks require (their evidence), apart from the
#   fields every profile shares: what tells one profile's input from another's.
# custom:
#   requirements: [GK-PROFILE-02]
fields_of(profile) := {field |
	some field, _ in object.get(profile, "evidence", {})
	not field in data.gatekeeper.rollout.config.shared_fields
} | {field |
	some check in profile.checks
	some field, _ in object.get(check, "evidence", {})
	not field in data.gatekeeper.rollout.config.shared_fields
}

_has_all(doc, fields) if {
	count(fields) > 0
	every field in fields {
		path.value(doc, field) != null
	}
}

_environment_named if is_string(input.environment)

_valid_interval if {
	is_number(context.interval_seconds)
	context.interval_seconds >= context.config.interval_seconds.min
	context.interval_seconds <= context.config.interval_seconds.max
}

_valid_pending_minutes if {
	is_number(input.pending_decision.minutes_pending)
	input.pending_decision.minutes_pending >= 0
}

_invalid_rollout_input(message, observed, threshold, field) := object.union(
	result.violation("INVALID_INPUT", message, observed, threshold, "rollout.input", _invalid_severity),
	{"field": field},
)

_invalid_severity := context.config.invalid_input.severity

# METADATA
# scope: document
# title: Resolved findings
# description: |
#   Each trigger or missing-evidence finding with its cell (action, window, default)
#   and trigger type: from the finding itself (DECISION_WINDOW_EXPIRED), the decision
#   matrix row at the phase column, or the check's own cell. A matrix trigger without
#   a cell (no valid phase) holds the rollout (fail closed).
# custom:
#   requirements: [ROLL-MATRIX-01]
resolved := _from_findings | {_resolve(f, f.cell, f.trigger_type) |
	_rollback_required
	some f in data.gatekeeper.rollout.checks.rollback_target.no_target # regal ignore:mixed-iteration
}

# A rollback is required: some finding's cell is auto_rollback. Then a profile without
# a way back (rollback_target.no_target) takes that check's cell instead.
_rollback_required if {
	some r in _from_findings
	r.cell.action == "auto_rollback"
}

_from_findings contains _resolve(f, f.cell, f.trigger_type) if {
	some f in findings
	f.cell
}

_from_findings contains _resolve(f, _missing_evidence, object.get(_missing_evidence, "trigger_type", null)) if {
	some f in findings
	f.class == "missing"
}

_from_findings contains _resolve(f, _matrix_cell[f.check], _matrix_trigger_type[f.check]) if {
	some f in _matrix_triggers
}

_from_findings contains _resolve(f, context.config.missing_evidence, null) if {
	some f in _matrix_triggers
	not _matrix_cell[f.check]
}

_from_findings contains _resolve(f, check.cell, object.get(check, "trigger_type", null)) if {
	some f in _plain_triggers
	check := context.checks[f.check]
}

# What missing evidence does: the profile's own setting, else the gate's.
_missing_evidence := object.get(context.profile, "missing_evidence", context.config.missing_evidence)

_matrix_cell[name] := cell if {
	some name, check in context.checks
	cell := context.profile.matrix.rows[check.row].cells[context.column_key]
}

_matrix_trigger_type[name] := trigger_type if {
	some name, check in context.checks
	trigger_type := context.profile.matrix.rows[check.row].trigger_type
}

_matrix_triggers contains f if {
	some f in findings
	f.class == "trigger"
	not f.cell
	context.checks[f.check].row
}

_plain_triggers contains f if {
	some f in findings
	f.class == "trigger"
	not f.cell
	not context.checks[f.check].row
}

_resolve(f, cell, trigger_type) := {"finding": f, "cell": cell, "trigger_type": trigger_type}

# METADATA
# scope: document
# title: Action
# description: The most severe action of all resolved findings; with none, promote_next_step or continue.
# custom:
#   requirements: [GK-SEVERITY-01]
action := result.most_severe({r.cell.action | some r in resolved}) if count(resolved) > 0

action := _no_trigger.step_action if {
	count(resolved) == 0
	_promotable
}

action := _no_trigger.hold_action if {
	count(resolved) == 0
	not _promotable
}

_no_trigger := object.union(context.config.no_trigger, object.get(context.profile, "no_trigger", {}))

_promotable if {
	context.phase_percent < _no_trigger.final_column
	count(held) == 0
	observation := context.profile.observation
	values := path.value(input, observation.series)
	is_array(values)
	count(values) * context.interval_seconds >= observation.minutes[context.column_key] * 60
}

# METADATA
# title: Held findings
# description: |
#   Triggers not judged and clean: a breach not yet sustained (class "hold") or a
#   window not covered yet (class "unjudged"). Any of them holds the phase: never
#   promote_next_step (docs/rollout-profiles.md, Hold until judged).
# custom:
#   requirements: [GK-HOLD-01]
held contains f if {
	some f in findings
	f.class in {"hold", "unjudged"}
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
#   requirements: [ROLL-AUTH-01]
authority := sort({role |
	some r in _winning
	some role in roles(r.trigger_type, context.phase_percent, _authority)
})

_authority := {
	"columns": data.gatekeeper.authority.columns,
	"matrix": data.gatekeeper.authority.matrix,
	"any_phase": data.gatekeeper.authority.any_phase,
}

# METADATA
# scope: document
# title: Roles of a trigger type
# description: The authority matrix cell for a trigger type at a phase, or its any-phase roles.
# custom:
#   requirements: [ROLL-AUTH-01]
roles(trigger_type, percent, authority_data) := authority_data.matrix[trigger_type][column] if {
	column := phase.column_key(authority_data.columns, percent)
}

roles(trigger_type, _, authority_data) := authority_data.any_phase[trigger_type]

_windows contains w if {
	some r in _winning
	w := r.cell.window_minutes
	is_number(w)
}

# METADATA
# scope: document
# title: Decision window
# description: For a manual decision, the shortest window of the winning cells (minutes), else null.
# custom:
#   requirements: [ROLL-MATRIX-02]
default decision_window_minutes := null

decision_window_minutes := min(_windows) if {
	action == "manual_decision"
	count(_windows) > 0
}

_defaults contains a if {
	some r in _winning
	a := r.cell.default_action
	is_string(a)
}

# METADATA
# scope: document
# title: Default action
# description: For a manual decision, what happens when the window passes (auto_rollback), else null.
# custom:
#   requirements: [ROLL-MATRIX-02]
default default_action := null

default_action := result.most_severe(_defaults) if {
	action == "manual_decision"
	count(_defaults) > 0
}

# METADATA
# title: Violations
# description: One violation per resolved finding; rollback violations name the way back (target or note).
# custom:
#   requirements: [GK-CONTRACT-02]
violations contains v if {
	some r in resolved
	v := object.union(_plain(r.finding), _rollback_detail(r.finding, r.cell.action))
}

# METADATA
# scope: document
# title: Warnings
# description: |
#   Findings below the breach level (the 80% warning band of Astradio vNext Rollback Procedure, too few
#   rollback candidates in Rollback Strategies) and
#   breaches not yet sustained (the phase is held: docs/rollout-profiles.md).
# custom:
#   requirements: [ENV-ALERT-01, GK-HOLD-01, GK-CONTRACT-01]
warnings contains w if {
	some f in findings
	f.class == "warning"
	w := _plain(f)
}

# A breach not yet sustained: the warning says the phase is held and what happens when.
warnings contains w if {
	some f in held
	f.class == "hold"
	message := sprintf("%s: phase held; %s %s", [f.message, _held_action(f.check), f.until])
	w := object.union(_plain(f), {"message": message})
}

default _held_action(_) := "the trigger fires"

_held_action(name) := _matrix_cell[name].action

_held_action(name) := context.checks[name].cell.action if not context.checks[name].row

_plain(f) := object.union(
	result.violation(f.code, f.message, f.observed, f.threshold, f.rule, f.severity),
	f.extra,
)

_rollback_detail(f, "auto_rollback") := object.union(
	{"message": sprintf("%s; %s", [f.message, _rollback_note])},
	_target_field,
) if {
	_rollback_note
}

_rollback_detail(f, act) := {} if {
	not _decorated(act)
	f.message
}

_decorated("auto_rollback") if _rollback_note

default _target_field := {}

_target_field := {"rollback_target": _rollback_target} if is_string(_rollback_target)

_rollback_target := data.gatekeeper.rollout.checks.rollback_target.target[context.profile.rollback.target_check]

_rollback_note := sprintf(context.profile.rollback.note, [_rollback_target]) if context.profile.rollback.target_check

_rollback_note := context.profile.rollback.note if not context.profile.rollback.target_check

_details := {
	"violations": [v | some v in violations],
	"warnings": [w | some w in warnings],
	"authority": authority,
	"decision_window_minutes": decision_window_minutes,
	"default_action": default_action,
}

# METADATA
# scope: document
# title: Decision
# description: The rollout decision object (README.md, The decision); INVALID_INPUT when the input cannot be judged.
# custom:
#   codes: [INVALID_INPUT, MISSING_EVIDENCE, DECISION_WINDOW_EXPIRED]
#   requirements: [GK-CONTRACT-01]
decision := result.decision(context.config.gate, context.config.invalid_input.action, details) if {
	count(invalid) > 0
	details := {"violations": [v | some v in invalid]}
}

decision := result.decision(context.config.gate, action, _details) if {
	count(invalid) == 0
}
