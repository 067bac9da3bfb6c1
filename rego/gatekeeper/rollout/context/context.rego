# METADATA
# title: Rollout context
# description: |
#   What every rollout check needs to know about the input: the profile in force
#   (input.profile, default from data.gatekeeper.rollout.config), its checks, the
#   interval length, the phase column and the environment; and how a check's limit
#   in data (value, multiplier, baseline + percent, input field, per environment,
#   percent of baseline) turns into the number a value is compared with.
# custom:
#   requirements: [GK-PROFILE-01]
package gatekeeper.rollout.context

import data.gatekeeper.lib.decimal
import data.gatekeeper.lib.path
import data.gatekeeper.lib.phase
import data.gatekeeper.lib.series

# METADATA
# title: Rollout settings
# description: Gate-wide settings (default profile, actions for missing evidence and invalid input).
# custom:
#   requirements: [GK-PROFILE-01]
config := data.gatekeeper.rollout.config

# METADATA
# title: Profile name
# description: input.profile, or the default profile from data.
# custom:
#   requirements: [GK-PROFILE-01]
profile_name := object.get(input, "profile", config.default_profile)

# METADATA
# title: Profile
# description: The profile's data; undefined for an unknown profile (INVALID_INPUT).
# custom:
#   requirements: [GK-PROFILE-01]
profile := data.gatekeeper.profiles.rollout[profile_name]

# METADATA
# title: Checks of the profile
# description: Name -> check spec of every check the profile runs.
# custom:
#   requirements: [GK-PROFILE-01, GK-THRESH-01]
checks := profile.checks

# METADATA
# title: Interval length
# description: input.interval_seconds, or the profile's default.
# custom:
#   requirements: [GK-SERIES-01, GK-INPUT-01]
interval_seconds := object.get(input, "interval_seconds", profile.interval_seconds_default)

# METADATA
# scope: document
# title: Phase percent
# description: |
#   input.phase_percent when it is a valid traffic percentage; without one, the
#   profile's phase_percent_default (a blue/green switch moves all traffic at once).
# custom:
#   requirements: [GK-INPUT-01, GK-INVALID-01]
phase_percent := input.phase_percent if phase.is_valid_percent(input.phase_percent)

phase_percent := profile.phase_percent_default if {
	not "phase_percent" in object.keys(input)
	phase.is_valid_percent(profile.phase_percent_default)
}

# METADATA
# title: Column
# description: The profile column of the phase (smallest column >= phase).
# custom:
#   requirements: [GK-PHASE-01]
column := phase.column(profile.columns, phase_percent)

# METADATA
# title: Column key
# description: The column as the string key of the profile's tables.
# custom:
#   requirements: [ROLL-MATRIX-01, GK-PHASE-01]
column_key := format_int(column, 10)

# METADATA
# title: Environment
# description: The known environment of the input; undefined when absent or unknown.
# custom:
#   requirements: [ENV-TRIG-01, GK-ENV-01]
environment := environment_or_null if environment_or_null != null

# METADATA
# title: Limits of the checks
# description: Check name -> its limit, for every check whose limit does not depend on a measured baseline.
# custom:
#   requirements: [GK-THRESH-01]
limits[name] := limit(check.limit, {"doc": input, "env": environment_or_null, "baseline": null}) if {
	some name, check in checks
	check.limit
}

# METADATA
# scope: document
# title: Limit of a check
# description: |
#   The number a check compares with. Forms in data: {"value": v} (optionally
#   "multiplier": m), {"baseline": path, "increase_percent": p}, {"field": path},
#   {"by_environment": {env: v}}, {"percent_of_baseline": p}. at is {"doc": the input,
#   "env": the environment, "baseline": the check's baseline value}.
# custom:
#   requirements: [GK-THRESH-01]
limit(spec, _) := spec.value if {
	is_number(spec.value)
	not spec.multiplier
}

limit(spec, _) := decimal.exact(spec.value * spec.multiplier) if {
	is_number(spec.value)
	is_number(spec.multiplier)
}

limit(spec, at) := decimal.exact((base * (100 + spec.increase_percent)) / 100) if {
	base := series.latest(path.value(at.doc, spec.baseline))
}

limit(spec, at) := series.latest(path.value(at.doc, spec.field))

limit(spec, at) := spec.by_environment[at.env]

limit(spec, at) := decimal.exact((at.baseline * spec.percent_of_baseline) / 100) if {
	is_number(spec.percent_of_baseline)
	is_number(at.baseline)
}

# METADATA
# scope: document
# title: Environment or null
# description: input.environment when the profile knows it (per-environment thresholds), else null.
# custom:
#   requirements: [ENV-TRIG-01, GK-ENV-01]
default environment_or_null := null

environment_or_null := input.environment if {
	is_string(input.environment)
	profile.environments[input.environment]
}

# METADATA
# title: Finding
# description: |
#   One result of a check: class "trigger" (resolved to an action by the decision),
#   "warning" (reported only) or "missing" (MISSING_EVIDENCE). extra holds keys added
#   to the violation (shard, gate, bucket, item, field), and a trigger of a check with
#   post_rollback_steps in data carries them as next_steps.
# custom:
#   requirements: [GK-CONTRACT-02]
finding(name, check, class, detail) := {
	"check": name,
	"class": class,
	"code": check.code,
	"message": detail.message,
	"observed": detail.observed,
	"threshold": detail.threshold,
	"rule": check.rule,
	"severity": object.get(detail, "severity", check.severity),
	"extra": object.union(object.get(detail, "extra", {}), _next_steps(check, class)),
}

_next_steps(check, "trigger") := {"next_steps": check.post_rollback_steps} if check.post_rollback_steps

_next_steps(check, class) := {} if {
	not _has_next_steps(check, class)
}

_has_next_steps(check, "trigger") if check.post_rollback_steps

# METADATA
# title: Checks of a kind
# description: Name -> spec of the profile's checks of one kind.
# custom:
#   requirements: [GK-PROFILE-01]
of_kind(all_checks, kind) := {name: check | check := all_checks[name]; check.kind == kind}

# METADATA
# title: Missing evidence finding
# description: A MISSING_EVIDENCE finding naming the absent (or mistyped) input field.
# custom:
#   codes: [MISSING_EVIDENCE]
#   requirements: [GK-EVID-02]
missing(name, field) := {
	"check": name,
	"class": "missing",
	"code": "MISSING_EVIDENCE",
	"message": sprintf("missing evidence: %s", [field]),
	"observed": null,
	"threshold": null,
	"rule": "rollout.evidence",
	"severity": config.missing_evidence.severity,
	"extra": {"field": field},
}

# METADATA
# title: Held finding
# description: |
#   A trigger the gate cannot step past yet: class "hold" (its newest value is over the
#   limit but not yet sustained; reported as a warning) or "unjudged" (its series does
#   not cover its window yet). until says when the trigger fires if the value holds
#   ("in 1 min if it stays above", "after 1 more failed check"); severity is the
#   warning severity in data.
# custom:
#   requirements: [GK-HOLD-01]
held(name, check, class, detail, until) := object.union(
	finding(name, check, class, object.union({"severity": config.warning_severity}, detail)),
	{"until": until},
)
