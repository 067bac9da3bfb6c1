package gatekeeper.rollout.checks.flags_test

import data.gatekeeper.rollout.checks.flags
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("flags", {"label": "gate", "member_key": "gate", "flags": "canary.gates"})}

test_success_all_gates_pass if {
	found := flags.findings with input as syn.doc({"canary": {"gates": {"a": true, "b": true}}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_fail_each_failed_gate_is_named if {
	found := flags.findings with input as syn.doc({"canary": {"gates": {"a": false, "b": true}}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "gate a failed",
		"observed": false,
		"threshold": true,
		"extra": {"gate": "a"},
	})}
}

test_fail_a_gate_that_is_not_true_fails if {
	found := flags.findings with input as syn.doc({"canary": {"gates": {"a": "yes", "b": null}}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	{f.observed | some f in found} == {"yes", null}
}
