# METADATA
# title: Rollback target from the version history
# description: |
#   Rollback Strategies: a rollback candidate was once in production, is not deprecated or
#   quarantined (statuses in data) and is not the version under evaluation
#   (input.current_version, the one a rollback replaces). The target is the named one
#   (input.rollback_target) when it is a candidate, else the newest candidate older than
#   current_version in semantic-version order ("Rollback to previous version"). Fewer
#   candidates than the minimum in data is a warning. When a rollback is required and no
#   target exists (or current_version is absent) the profile's no-target cell applies and
#   the message says a person must act; the rollout gate decides when that is.
# custom:
#   codes: [NO_ROLLBACK_TARGET, ROLLBACK_CANDIDATES_LOW, MISSING_EVIDENCE]
#   requirements: [REG-TARGET-01, REG-KEEP-01]
package gatekeeper.rollout.checks.rollback_target

import data.gatekeeper.lib.path
import data.gatekeeper.rollout.context

_checks[name] := check if {
	some name, check in context.checks
	check.kind == "rollback_target"
}

# METADATA
# title: Candidates
# description: Check name -> versions (in input order) that may be rolled back to.
# custom:
#   requirements: [REG-TARGET-01]
candidates[name] := [v.version |
	some v in path.value(input, check.versions)
	is_candidate(check, v, path.value(input, check.current))
] if {
	some name, check in _checks
	is_array(path.value(input, check.versions))
}

# METADATA
# title: Is a candidate
# description: Once in production, not in an excluded status, and not the version under evaluation.
# custom:
#   requirements: [REG-TARGET-01]
is_candidate(check, v, current) if {
	v.was_production == true
	not v.status in check.excluded_statuses
	not v.status in check.not_targets
	v.version != current
}

# METADATA
# scope: document
# title: Target
# description: Check name -> the version to roll back to.
# custom:
#   requirements: [REG-TARGET-01]
target[name] := named if {
	some name, check in _checks
	named := path.value(input, check.named)
	named in candidates[name]
}

target[name] := sort([v | some v in older; version_parts(v) == newest])[0] if {
	some name, check in _checks
	path.value(input, check.named) == null
	current := version_parts(path.value(input, check.current))
	older := {v | some v in candidates[name]; version_parts(v) < current}
	newest := max({version_parts(v) | some v in older})
}

# METADATA
# title: Semantic version
# description: |
#   A version ("1.2.0", "v5") as the list of its numeric parts, for ordering: a leading
#   "v" is dropped, and a pre-release or build suffix ("-rc1", "+b7") is ignored.
# custom:
#   requirements: [REG-SEMVER-01]
version_parts(version) := [to_number(part) | some part in split(_core(version), ".")] if {
	is_string(version)
	regex.match(`^v?[0-9]+(\.[0-9]+)*([-+].*)?$`, version)
}

_core(version) := split(split(trim_prefix(version, "v"), "-")[0], "+")[0]

# METADATA
# title: Few candidates
# description: Fewer candidates than the minimum in data is a warning.
# custom:
#   codes: [ROLLBACK_CANDIDATES_LOW]
#   requirements: [REG-KEEP-01]
findings contains f if {
	some name, check in _checks
	n := count(candidates[name])
	n < check.min_candidates
	message := sprintf("%v rollback candidates < %v", [n, check.min_candidates])
	detail := {
		"message": message,
		"observed": n,
		"threshold": check.min_candidates,
		"severity": context.config.warning_severity,
	}
	f := object.union(context.finding(name, check, "warning", detail), {"code": check.warning_code})
}

# METADATA
# scope: document
# title: No way back
# description: |
#   Check name -> why there is no rollback target: current_version absent (missing
#   evidence) or no valid candidate. Carries the check's cell; the rollout gate applies
#   it only when a rollback is required.
# custom:
#   codes: [NO_ROLLBACK_TARGET, MISSING_EVIDENCE]
#   requirements: [REG-TARGET-01]
no_target[name] := object.union(f, {"cell": check.cell, "trigger_type": check.trigger_type}) if {
	some name, check in _checks
	is_array(path.value(input, check.versions))
	not target[name]
	not version_parts(path.value(input, check.current))
	missing := context.missing(name, check.current)
	message := sprintf("%s (needed to choose the rollback target): %s", [missing.message, check.no_target_note])
	f := object.union(missing, {"message": message})
}

no_target[name] := object.union(f, {"cell": check.cell, "trigger_type": check.trigger_type}) if {
	some name, check in _checks
	is_array(path.value(input, check.versions))
	not target[name]
	current := path.value(input, check.current)
	version_parts(current)
	named := path.value(input, check.named)
	message := sprintf("no valid rollback target older than %v (named: %v; candidates: %v): %s", [
		current,
		named,
		candidates[name],
		check.no_target_note,
	])
	detail := {"message": message, "observed": named, "threshold": candidates[name]}
	f := context.finding(name, check, "trigger", detail)
}
