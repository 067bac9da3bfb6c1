package gatekeeper.rollout.checks.checklist_test

import data.gatekeeper.rollout.checks.checklist
import data.gatekeeper.rollout.fixtures_test as fx

_valid := {
	"health": "healthy",
	"version": "v1.4.2",
	"expected_version": "v1.4.2",
	"error_rate": 0.0099,
	"response_time_ms": 2999,
}

test_success_no_post_rollback_no_checklist if {
	count(checklist.findings) == 0 with input as fx.bg
}

test_success_all_items_hold if {
	count(checklist.findings) == 0 with input as object.union(fx.bg, {"post_rollback": _valid})
}

test_fail_each_item_names_itself if {
	bad := {
		"health": "degraded",
		"version": "v1.5.0",
		"expected_version": "v1.4.2",
		"error_rate": 0.01,
		"response_time_ms": 3000,
	}
	doc := object.union(fx.bg, {"post_rollback": bad})
	items := {f.extra.item | some f in checklist.findings} with input as doc
	items == {"health", "version", "error_rate", "response_time_ms"}
}

test_fail_missing_items_fail_closed if {
	doc := object.union(fx.bg, {"post_rollback": {"health": "healthy"}})
	items := {f.extra.item | some f in checklist.findings} with input as doc
	items == {"version", "error_rate", "response_time_ms"}
}
