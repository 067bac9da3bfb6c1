# METADATA
# title: Decision and violation builders
# description: |
#   The one place that shapes a violation and a decision object (SPEC section 5),
#   so every gate and every profile returns the same shape from every engine.
#   Codes and wording come from the calling rule or from data, never from
#   rego.metadata, which the embedded engine does not implement.
# custom:
#   spec: "SPEC 5: decision contract"
package gatekeeper.lib.result

# METADATA
# title: Violation
# description: One finding of a rule, with the observed value and the threshold it was compared to.
# custom:
#   spec: "SPEC 5: violations[]"
violation(code, message, observed, threshold, rule, severity) := {
	"code": code,
	"message": message,
	"observed": observed,
	"threshold": threshold,
	"rule": rule,
	"severity": severity,
}

# METADATA
# title: Decision
# description: The decision object every gate returns; lists are sorted so all engines agree.
# custom:
#   spec: "SPEC 5: decision object"
decision(gate, action, details) := {
	"gate": gate,
	"allow": action in data.gatekeeper.actions.allowing,
	"action": action,
	"violations": sort(object.get(details, "violations", [])),
	"warnings": sort(object.get(details, "warnings", [])),
	"authority": object.get(details, "authority", []),
	"decision_window_minutes": object.get(details, "decision_window_minutes", null),
	"default_action": object.get(details, "default_action", null),
}

# METADATA
# title: Most severe action
# description: |
#   Of several actions, the one ranked most severe by data.gatekeeper.actions.severity
#   (abort_and_quarantine > abort > auto_rollback > manual_decision > pause_evaluation >
#   promote_next_step / continue). An unknown action ranks above all: fail closed.
# custom:
#   spec: "SPEC 5: several triggers, the most severe action wins"
most_severe(actions) := action if {
	# No max()/sort() on numbers: regopy 1.5.2 compares numbers of different lengths as
	# text. Ties (continue / promote_next_step) go to the alphabetically first action, so
	# the function never has two outputs.
	some action in actions
	count([other | some other in actions; outranks(other, action)]) == 0
}

# METADATA
# title: Outranks
# scope: document
# description: Whether action a wins over action b (higher rank, or equal rank and alphabetically first).
# custom:
#   spec: "SPEC 5: several triggers, the most severe action wins"
outranks(a, b) if rank(a) > rank(b)

outranks(a, b) if {
	rank(a) == rank(b)
	a < b
}

# METADATA
# title: Severity rank of an action
# scope: document
# description: The rank of an action in data.gatekeeper.actions.severity; unknown actions rank highest.
# custom:
#   spec: "SPEC 5: severity order of actions"
rank(action) := data.gatekeeper.actions.severity[action]

rank(action) := data.gatekeeper.actions.unknown_rank if not data.gatekeeper.actions.severity[action]
