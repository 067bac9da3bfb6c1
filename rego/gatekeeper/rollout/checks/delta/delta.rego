# METADATA
# title: Change against the baseline
# description: |
#   The canary's value (newest of a series, or a number) against the baseline's: a
#   drop (baseline - canary) or an increase (canary - baseline) beyond the limit is a
#   breach; with warn_percent in data, a change at or above that share of the limit
#   (and no breach) is a warning. Serves nDCG@10 drop > 0.005 (decision-matrix, baseline
#   from input else the reference in data), the seed 000 environment thresholds and
#   the seed 001 performance degradation (> 10% of baseline).
# custom:
#   codes:
#     - QUALITY_REGRESSION
#     - PASS_RATE_DROP
#     - QUALITY_DROP
#     - ERROR_RATE_INCREASE
#     - LATENCY_INCREASE
#     - PERFORMANCE_DEGRADATION
#   spec: "SPEC 3 trigger 5; SPEC 4 seeds 000 and 001"
package gatekeeper.rollout.checks.delta

import data.gatekeeper.lib.series
import data.gatekeeper.rollout.context

# METADATA
# title: Breaches
# description: One finding per delta check whose change exceeds the limit.
# custom:
#   codes:
#     - QUALITY_REGRESSION
#     - PASS_RATE_DROP
#     - QUALITY_DROP
#     - ERROR_RATE_INCREASE
#     - LATENCY_INCREASE
#     - PERFORMANCE_DEGRADATION
#   spec: "SPEC 3 trigger 5; SPEC 4 seeds 000 and 001"
findings contains f if {
	some name, m in measured
	is_breach(m)
	check := context.checks[name]
	f := context.finding(name, check, "trigger", breach_detail(check, m, {}))
}

# METADATA
# title: Warnings
# description: One warning per delta check whose change reaches warn_percent of the limit.
# custom:
#   codes: [PASS_RATE_DROP, QUALITY_DROP, ERROR_RATE_INCREASE, LATENCY_INCREASE]
#   spec: "SPEC 4: seed 000 warning at 80% of a threshold"
findings contains f if {
	some name, m in measured
	check := context.checks[name]
	is_warning(check, m)
	f := context.finding(name, check, "warning", warning_detail(check, m, {}))
}

# METADATA
# title: Measured changes
# description: |
#   Check name -> its measurement, computed once per decision and shared by the breach
#   and warning rules (regopy 1.5.2 memoises rules, not function calls).
# custom:
#   spec: "SPEC 3 trigger 5; SPEC 4 seeds 000 and 001"
measured[name] := m if {
	some name, check in context.checks
	check.kind == "delta"
	m := measure(check, series.latest(series.at(input, check.canary)), baseline_of(check, input), _at)
}

_at := {"doc": input, "env": context.environment_or_null, "baseline": null}

# METADATA
# scope: document
# title: Baseline value
# description: The baseline's value from the input, else the reference value in data.
# custom:
#   spec: "SPEC 3 trigger 5: drop > 0.005 from 0.5234"
baseline_of(check, doc) := series.latest(series.at(doc, check.baseline))

baseline_of(check, doc) := check.baseline_default if {
	not series.latest(series.at(doc, check.baseline))
	is_number(check.baseline_default)
}

# METADATA
# title: Measure a change
# description: |
#   The change of observed against baseline in fixed point (positive = worse), the
#   limit and the bound (the canary value at which the limit is reached).
# custom:
#   spec: "SPEC 3-4: drops and increases against baseline"
measure(check, observed, baseline, at) := m if {
	is_number(observed)
	is_number(baseline)
	sign := _signs[check.direction]
	lim := context.limit(check.limit, object.union(at, {"baseline": baseline}))
	m := {
		"observed": observed,
		"baseline": baseline,
		"change": sign * (series.fixed(observed) - series.fixed(baseline)),
		"limit": lim,
		"bound": series.shifted(baseline, sign, lim.base, lim.percent),
	}
}

_signs := {"drop": -1, "increase": 1}

# METADATA
# title: Is a breach
# description: The change exceeds the limit.
# custom:
#   spec: "SPEC 3-4: breach -> the profile's action"
is_breach(m) if m.change * 100 > series.fixed(m.limit.base) * m.limit.percent

# METADATA
# title: Is a warning
# description: No breach, and the change is at least warn_percent of the limit.
# custom:
#   spec: "SPEC 4: seed 000 >= 80% of a threshold is a warning"
is_warning(check, m) if {
	is_number(check.warn_percent)
	not is_breach(m)
	m.change * 10000 >= (series.fixed(m.limit.base) * m.limit.percent) * check.warn_percent
}

# METADATA
# title: Breach detail
# description: Message, observed (canary value) and threshold (the bound) of a breach.
# custom:
#   spec: "SPEC 5: message, observed, threshold"
breach_detail(check, m, extra) := {
	"message": sprintf("%s %s vs baseline %s: %s %s > %s", _parts(check, m)),
	"observed": m.observed,
	"threshold": m.bound,
	"extra": extra,
}

# METADATA
# title: Warning detail
# description: Message, observed and threshold of a warning (severity from data).
# custom:
#   spec: "SPEC 4: seed 000 warning band"
warning_detail(check, m, extra) := {
	"message": sprintf("%s %s vs baseline %s: %s %s >= %v%% of the %s limit", array.concat(
		array.slice(_parts(check, m), 0, 5),
		[check.warn_percent, series.show_in(series.limit_value(m.limit.base, m.limit.percent), check.delta_unit)],
	)),
	"observed": m.observed,
	"threshold": m.bound,
	"severity": context.config.warning_severity,
	"extra": extra,
}

_parts(check, m) := [
	check.label,
	series.show_in(m.observed, check.unit),
	series.show_in(m.baseline, check.unit),
	check.direction,
	series.show_in(m.change / 1000000, check.delta_unit),
	series.show_in(series.limit_value(m.limit.base, m.limit.percent), check.delta_unit),
]
