# METADATA
# title: Decision and violation builders
# description: |
#   The one place that shapes a violation and a decision object (README.md, The decision),
#   so every gate and every profile returns the same shape from every engine.
#   Codes and wording come from the calling rule or from data.
# custom:
#   requirements: [GK-CONTRACT-01]
package gatekeeper.lib.result

# METADATA
# title: Violation
# description: One finding of a rule, with the observed value and the threshold it was compared to.
# custom:
#   requirements: [GK-CONTRACT-02]
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
#   requirements: [GK-CONTRACT-01]
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
#   promote_next_step / continue); of equal ranks, the alphabetically first. An unknown
#   action ranks above all: fail closed.
# custom:
#   requirements: [GK-SEVERITY-01]
most_severe(actions) := sort([action | some action in actions; rank(action) == top])[0] if {
	top := max({rank(action) | some action in actions})
}

# METADATA
# title: Severity rank of an action
# scope: document
# description: The rank of an action in data.gatekeeper.actions.severity; unknown actions rank highest.
# custom:
#   requirements: [GK-SEVERITY-01]
rank(action) := object.get(data.gatekeeper.actions.severity, action, data.gatekeeper.actions.unknown_rank)
