package gatekeeper.rollout.checks.group_delta_test

import data.gatekeeper.rollout.checks.group_delta
import data.gatekeeper.rollout.fixtures_test as fx

test_success_buckets_within_limits if {
	count(group_delta.findings) == 0 with input as fx.env
}

test_fail_bucket_drop_names_the_bucket if {
	doc := object.union(
		fx.with_canary(fx.env, {"buckets": {"aries": {"pass_rate": 0.95}, "taurus": {"pass_rate": 0.91}}}),
		{"environment": "production"},
	)
	[f | some f in group_delta.findings] == [{
		"check": "bucket_pass_rate_drop",
		"class": "trigger",
		"code": "BUCKET_PASS_RATE_DROP",
		"message": "bucket taurus: pass rate 91% vs baseline 95%: drop 4pp > 3pp",
		"observed": 0.91,
		"threshold": 0.92,
		"rule": "rollout.environment.bucket_pass_rate_drop",
		"severity": "critical",
		"extra": {"bucket": "taurus"},
	}] with input as doc
}

test_success_bucket_warning_band if {
	doc := fx.with_canary(fx.env, {"buckets": {"aries": {"pass_rate": 0.92}, "taurus": {"pass_rate": 0.95}}})
	[[f.class, f.extra.bucket] | some f in group_delta.findings] == [["warning", "aries"]] with input as doc
}

test_fail_bucket_without_baseline if {
	doc := json.remove(fx.env, ["baseline/buckets/taurus"])
	[f.extra | some f in group_delta.findings] == [{"field": "baseline.buckets.taurus.pass_rate"}] with input as doc
}
