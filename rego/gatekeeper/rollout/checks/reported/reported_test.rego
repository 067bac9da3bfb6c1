package gatekeeper.rollout.checks.reported_test

import data.gatekeeper.rollout.checks.reported
import data.gatekeeper.rollout.synthetic_test as syn

_checks := {"c": syn.check("reported", {"label": "incident", "field": "canary.report"})}

test_fail_a_report_is_the_trigger if {
	report := {"reported_by": "ana", "summary": "odd answers"}
	found := reported.findings with input as syn.doc({"canary": {"report": report}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == {syn.finding("c", "trigger", {
		"message": "incident reported by ana: odd answers",
		"observed": "ana",
		"threshold": null,
	})}
}

test_fail_a_report_without_details if {
	found := reported.findings with input as syn.doc({"canary": {"report": {}}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	[f.message | some f in found] == ["incident reported by unknown: "]
}

test_success_no_report if {
	found := reported.findings with input as syn.doc({"canary": {}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	found == set()
}

test_fail_a_report_with_a_reason if {
	report := {"reported_by": "ana", "summary": "refunds", "reason": "customer_complaints"}
	found := reported.findings with input as syn.doc({"canary": {"report": report}})
		with data.gatekeeper.profiles.rollout as syn.profiles(_checks)
	[f.message | some f in found] == ["incident (customer_complaints) reported by ana: refunds"]
}
