package gatekeeper.rollout.checks.matches_test

import data.gatekeeper.rollout.checks.matches
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("matches", {"label": "state", "field": "canary.state", "values": ["red", "black"]})}

test_fail_a_trigger_value if {
	found := matches.findings with input as syn.doc({"canary": {"state": "red"}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "state is red",
		"observed": "red",
		"threshold": ["red", "black"],
	})}
}

test_success_another_value if {
	found := matches.findings with input as syn.doc({"canary": {"state": "green"}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}
