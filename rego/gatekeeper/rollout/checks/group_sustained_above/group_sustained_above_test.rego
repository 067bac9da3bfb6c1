package gatekeeper.rollout.checks.group_sustained_above_test

import data.gatekeeper.rollout.checks.group_sustained_above
import data.gatekeeper.rollout.fixtures_test as fx

test_success_healthy_shards if {
	count(group_sustained_above.findings) == 0 with input as fx.dm
}

test_fail_shard_cpu_three_minutes if {
	doc := fx.with_canary(fx.dm, {"shards": {"shard-a": {"cpu": [0.9, 0.96, 0.97, 0.98], "memory": [0.4]}}})
	[f | some f in group_sustained_above.findings] == [{
		"check": "resource_exhaustion",
		"class": "trigger",
		"code": "RESOURCE_EXHAUSTION",
		"message": "shard shard-a cpu 98% > 95% for 3 min",
		"observed": 0.98,
		"threshold": 0.95,
		"rule": "rollout.resource_exhaustion",
		"severity": "critical",
		"extra": {"shard": "shard-a", "metric": "cpu"},
	}] with input as doc
}

test_fail_shard_memory_three_minutes if {
	doc := fx.with_canary(fx.dm, {"shards": {"s": {"cpu": [0.1], "memory": [0.951, 0.96, 0.97]}}})
	some f in group_sustained_above.findings with input as doc
	f.extra == {"shard": "s", "metric": "memory"}
}

test_success_shard_two_minutes_or_at_limit if {
	doc := fx.with_canary(fx.dm, {"shards": {"s": {"cpu": [0.5, 0.96, 0.97], "memory": [0.95, 0.95, 0.95]}}})
	count(group_sustained_above.findings) == 0 with input as doc
}

test_fail_shard_without_memory_series if {
	doc := fx.with_canary(fx.dm, {"shards": {"s": {"cpu": [0.5]}}})
	[f.extra | some f in group_sustained_above.findings] == [{"field": "canary.shards.s.memory"}] with input as doc
}
