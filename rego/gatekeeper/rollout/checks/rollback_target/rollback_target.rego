# METADATA
# title: Rollback target from the version history
# description: |
#   Seed 001: a rollback candidate was once in production and is not deprecated or
#   quarantined (statuses in data). The target is the named one (input.rollback_target)
#   when it is a candidate, else the previous production version: the candidate now in
#   production, else the newest candidate (versions are listed oldest first). No target
#   -> NO_ROLLBACK_TARGET (the profile's action); fewer candidates than the minimum in
#   data -> warning ROLLBACK_CANDIDATES_LOW.
# custom:
#   codes: [NO_ROLLBACK_TARGET, ROLLBACK_CANDIDATES_LOW]
#   spec: "SPEC 4: seed 001 rollback target, keep a minimum of candidates"
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
#   spec: "SPEC 4: seed 001 rollback candidates"
candidates[name] := [v.version |
	some v in path.value(input, check.versions)
	is_candidate(check, v)
] if {
	some name, check in _checks
	is_array(path.value(input, check.versions))
}

# METADATA
# title: Is a candidate
# description: Once in production, and not in an excluded status.
# custom:
#   spec: "SPEC 4: a rollback candidate was once in production and is not deprecated or quarantined"
is_candidate(check, v) if {
	v.was_production == true
	not v.status in check.excluded_statuses
	not v.status in check.not_targets
}

# METADATA
# scope: document
# title: Target
# description: Check name -> the version to roll back to.
# custom:
#   spec: "SPEC 4: seed 001 rollback target is the previous production version, or a named one"
target[name] := named if {
	some name, check in _checks
	named := path.value(input, check.named)
	named in candidates[name]
}

target[name] := current if {
	some name, check in _checks
	path.value(input, check.named) == null
	some v in path.value(input, check.versions)
	v.status == check.current_status
	current := v.version
	current in candidates[name]
}

target[name] := newest if {
	some name, check in _checks
	path.value(input, check.named) == null
	not _has_current_candidate(name, check)
	list := candidates[name]
	count(list) > 0
	newest := list[count(list) - 1]
}

_has_current_candidate(name, check) if {
	some v in path.value(input, check.versions)
	v.status == check.current_status
	v.version in candidates[name]
}

# METADATA
# title: No rollback target
# description: Without a target there is no safe way back, so the profile's action (abort) applies.
# custom:
#   codes: [NO_ROLLBACK_TARGET]
#   spec: "SPEC 4: seed 001 rollback target"
findings contains f if {
	some name, check in _checks
	is_array(path.value(input, check.versions))
	not target[name]
	named := path.value(input, check.named)
	message := sprintf("no valid rollback target (named: %v; candidates: %v)", [named, candidates[name]])
	f := context.finding(name, check, "trigger", {"message": message, "observed": named, "threshold": candidates[name]})
}

# METADATA
# title: Few candidates
# description: Fewer candidates than the minimum in data is a warning.
# custom:
#   codes: [ROLLBACK_CANDIDATES_LOW]
#   spec: "SPEC 4: seed 001 keep a minimum of previous versions"
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
