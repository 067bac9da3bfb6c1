package gatekeeper.rollout.checks.group_delta_test

import data.gatekeeper.rollout.checks.group_delta
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("group_delta", {
	"label": "pass rate",
	"unit": "percent",
	"delta_unit": "pp",
	"canary": "canary.groups",
	"baseline": "baseline.groups",
	"metric": "rate",
	"member_key": "group",
	"direction": "drop",
	"limit": {"value": 0.1},
	"warn_percent": 50,
})}

test_fail_member_drop_names_the_member if {
	found := group_delta.findings with input as syn.doc({
		"canary": {"groups": {"a": {"rate": 0.7}, "b": {"rate": 0.9}}},
		"baseline": {"groups": {"a": {"rate": 0.9}, "b": {"rate": 0.9}}},
	})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "group a: pass rate 70% vs baseline 90%: drop 20pp > 10pp",
		"observed": 0.7,
		"threshold": 0.8,
		"extra": {"group": "a"},
	})}
}

test_success_member_warning if {
	found := group_delta.findings with input as syn.doc({
		"canary": {"groups": {"a": {"rate": 0.85}}},
		"baseline": {"groups": {"a": {"rate": 0.9}}},
	})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "warning", {
		"message": "group a: pass rate 85% vs baseline 90%: drop 5pp >= 50% of the 10pp limit",
		"observed": 0.85,
		"threshold": 0.8,
		"severity": "warning",
		"extra": {"group": "a"},
	})}
}

test_success_members_within_limits if {
	found := group_delta.findings with input as syn.doc({
		"canary": {"groups": {"a": {"rate": 0.9}}},
		"baseline": {"groups": {"a": {"rate": 0.94}}},
	})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_fail_member_without_a_baseline if {
	found := group_delta.findings with input as syn.doc({
		"canary": {"groups": {"a": {"rate": 0.9}}},
		"baseline": {"groups": {}},
	})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	[f.extra.field | some f in found] == ["baseline.groups.a.rate"]
}

test_success_breach_reported_as_a_warning if {
	checks := {"c": object.union(_checks.c, {"breach_class": "warning", "severity": "warning"})}
	found := group_delta.findings with input as syn.doc({
		"canary": {"groups": {"a": {"rate": 0.7}}},
		"baseline": {"groups": {"a": {"rate": 0.9}}},
	})
		with data.gatekeeper.profiles.rollout as syn.profiles(checks)
	[[f.class, f.severity] | some f in found] == [["warning", "warning"]]
}

_watched := {"c": object.union(_checks.c, {"missing_class": "warning", "missing_code": "NOT_REPORTED"})}

test_success_watched_group_missing_member_is_a_warning_naming_it if {
	found := group_delta.findings with input as syn.doc({
		"canary": {"groups": {"a": {"rate": 0.9}}},
		"baseline": {"groups": {"a": {"rate": 0.9}, "b": {"rate": 0.9}}},
	})
		with data.gatekeeper.profiles.rollout as syn.profiles(_watched)
	found == {{
		"check": "c",
		"class": "warning",
		"code": "NOT_REPORTED",
		"message": "pass rate not reported: canary.groups.b.rate (watched, not a rollback trigger)",
		"observed": null,
		"threshold": null,
		"rule": "rollout.evidence",
		"severity": "warning",
		"extra": {"field": "canary.groups.b.rate", "group": "b"},
	}}
}

test_success_watched_group_absent_is_a_warning if {
	found := group_delta.findings with input as syn.doc({"canary": {"groups": {}}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_watched)
	{[f.class, f.extra.field] | some f in found} == {["warning", "canary.groups"], ["warning", "baseline.groups"]}
}

test_fail_unwatched_member_missing_is_missing_evidence if {
	found := group_delta.findings with input as syn.doc({
		"canary": {"groups": {"a": {"rate": 0.9}}},
		"baseline": {"groups": {"b": {"rate": 0.9}}},
	})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	{[f.class, f.extra.field] | some f in found} == {
		["missing", "canary.groups.b.rate"],
		["missing", "baseline.groups.a.rate"],
	}
}

test_success_watched_group_absent_names_only_the_group if {
	found := group_delta.findings with input as syn.doc({"baseline": {"groups": {"a": {"rate": 0.9}}}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_watched)
	[f.extra.field | some f in found] == ["canary.groups"]
}
