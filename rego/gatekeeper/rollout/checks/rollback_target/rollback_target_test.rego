package gatekeeper.rollout.checks.rollback_target_test

import data.gatekeeper.rollout.checks.rollback_target
import data.gatekeeper.rollout.fixtures_test as fx

test_success_candidates_exclude_deprecated_and_canary if {
	rollback_target.candidates.rollback_target == ["1.0.0", "1.2.0", "1.2.1", "1.3.0"] with input as fx.mr
}

test_success_target_is_current_production if {
	rollback_target.target.rollback_target == "1.3.0" with input as fx.mr
	count(rollback_target.findings) == 0 with input as fx.mr
}

test_success_named_candidate_is_the_target if {
	rollback_target.target.rollback_target == "1.2.0" with input as object.union(fx.mr, {"rollback_target": "1.2.0"})
}

test_success_newest_candidate_without_production if {
	versions := [
		{"version": "1.0.0", "status": "archived", "was_production": true},
		{"version": "1.2.0", "status": "archived", "was_production": true},
		{"version": "1.3.0", "status": "quarantined", "was_production": true},
	]
	rollback_target.target.rollback_target == "1.2.0" with input as object.union(fx.mr, {"versions": versions})
}

test_fail_named_deprecated_version_has_no_target if {
	doc := object.union(fx.mr, {"rollback_target": "1.1.0"})
	not rollback_target.target.rollback_target with input as doc
	fx.codes(rollback_target.findings) == {"NO_ROLLBACK_TARGET"} with input as doc
}

test_fail_no_candidate_at_all if {
	versions := [{"version": "1.4.0", "status": "canary", "was_production": false}]
	doc := object.union(fx.mr, {"versions": versions})
	fx.codes(rollback_target.findings) == {"NO_ROLLBACK_TARGET", "ROLLBACK_CANDIDATES_LOW"} with input as doc
}

test_fail_two_candidates_is_low if {
	versions := [
		{"version": "1.2.0", "status": "archived", "was_production": true},
		{"version": "1.3.0", "status": "production", "was_production": true},
	]
	doc := object.union(fx.mr, {"versions": versions})
	found := [[f.class, f.code, f.observed] | some f in rollback_target.findings] with input as doc
	found == [["warning", "ROLLBACK_CANDIDATES_LOW", 2]]
}

test_success_three_candidates_is_enough if {
	versions := [
		{"version": "1.1.0", "status": "archived", "was_production": true},
		{"version": "1.2.0", "status": "archived", "was_production": true},
		{"version": "1.3.0", "status": "production", "was_production": true},
	]
	count(rollback_target.findings) == 0 with input as object.union(fx.mr, {"versions": versions})
}
