# Synthetic profiles for the tests of each check kind: a profile "t" with the checks a
# test gives and made-up limits, so a kind is tested apart from the shipped thresholds
# (which the feature files prove).
package gatekeeper.rollout.synthetic_test

check(kind, fields) := object.union(
	{"kind": kind, "code": "CODE", "rule": "rollout.test", "severity": "critical", "label": "metric"},
	fields,
)

profiles(checks) := {"t": {
	"columns": [50, 100],
	"interval_seconds_default": 60,
	"observation": {"series": "canary.s", "minutes": {"50": 2, "100": 2}},
	"checks": checks,
}}

doc(fields) := object.union({"gate": "rollout", "profile": "t", "phase_percent": 50}, fields)

finding(name, class, detail) := {
	"check": name,
	"class": class,
	"code": "CODE",
	"message": detail.message,
	"observed": detail.observed,
	"threshold": detail.threshold,
	"rule": "rollout.test",
	"severity": object.get(detail, "severity", "critical"),
	"extra": object.get(detail, "extra", {}),
}

held(name, class, detail, until) := object.union(
	finding(name, class, object.union({"severity": "warning"}, detail)),
	{"until": until},
)
