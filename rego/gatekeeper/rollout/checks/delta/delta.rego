# METADATA
# title: Change against the baseline
# description: |
#   The canary's value (newest of a series, or a number) against the baseline's: a
#   drop (baseline - canary) or an increase (canary - baseline) beyond the limit is a
#   breach; with warn_percent in data, a change at or above that share of the limit
#   (and no breach) is a warning. With a floor in data, a canary value below the floor
#   is a breach too, and the violation says which fired ("fired": drop, floor). Serves
#   the nDCG@10 drop and floor of decision-matrix (baseline from the input, else the
#   reference in data), the per-environment thresholds (environment) and the
#   performance degradation of model-registry (a percentage of the baseline).
# custom:
#   codes:
#     - QUALITY_REGRESSION
#     - PASS_RATE_DROP
#     - QUALITY_DROP
#     - ERROR_RATE_INCREASE
#     - LATENCY_INCREASE
#     - PERFORMANCE_DEGRADATION
#   requirements: [ROLL-TRIG-05, ENV-TRIG-01, REG-DEGRADE-01]
package gatekeeper.rollout.checks.delta

import data.gatekeeper.lib.decimal
import data.gatekeeper.lib.path
import data.gatekeeper.lib.series
import data.gatekeeper.lib.text
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
#   requirements: [ROLL-TRIG-05, ENV-TRIG-01, REG-DEGRADE-01]
findings contains f if {
	some name, m in _measured
	is_breach(m)
	check := context.checks[name]
	f := context.finding(name, check, "trigger", breach_detail(check, m, {}))
}

# METADATA
# title: Warnings
# description: One warning per delta check whose change reaches warn_percent of the limit.
# custom:
#   codes: [PASS_RATE_DROP, QUALITY_DROP, ERROR_RATE_INCREASE, LATENCY_INCREASE]
#   requirements: [ENV-ALERT-01]
findings contains f if {
	some name, m in _measured
	check := context.checks[name]
	is_warning(check, m)
	f := context.finding(name, check, "warning", warning_detail(check, m, {}))
}

_measured[name] := object.union(m, _floor(check)) if {
	some name, check in context.checks
	check.kind == "delta"
	observed := series.latest(path.value(input, check.canary))
	baseline := baseline_of(check, input)
	limit := context.limit(check.limit, {"doc": input, "env": context.environment_or_null, "baseline": baseline})
	m := measure(check.direction, observed, baseline, limit)
}

_floor(check) := {"floor": value} if {
	value := context.limit(check.floor, {"doc": input, "env": context.environment_or_null, "baseline": null})
}

_floor(check) := {} if not check.floor

# METADATA
# scope: document
# title: Baseline value
# description: The baseline's value from the input, else the reference value in data.
# custom:
#   requirements: [ROLL-TRIG-05]
baseline_of(check, doc) := series.latest(path.value(doc, check.baseline))

baseline_of(check, doc) := check.baseline_default if {
	not series.latest(path.value(doc, check.baseline))
	is_number(check.baseline_default)
}

# METADATA
# title: Measure a change
# description: |
#   The change of observed against baseline in a direction (drop or increase; positive
#   = worse), the limit and the bound (the canary value at which the limit is reached).
# custom:
#   requirements: [ROLL-TRIG-05, ENV-TRIG-01, REG-DEGRADE-01]
measure(direction, observed, baseline, limit) := {
	"direction": direction,
	"floor": null,
	"observed": observed,
	"baseline": baseline,
	"change": decimal.exact(_sign(direction) * (observed - baseline)),
	"limit": limit,
	"bound": decimal.exact(baseline + (_sign(direction) * limit)),
} if {
	is_number(observed)
	is_number(baseline)
}

_sign("drop") := -1

_sign("increase") := 1

# METADATA
# title: Is a breach
# description: The change exceeds the limit, or the value is below the floor.
# custom:
#   requirements: [ROLL-MATRIX-01, ENV-TRIG-01]
is_breach(m) if count(fired(m)) > 0

# METADATA
# title: What fired
# description: |
#   The direction (drop, increase) when the change exceeds the limit, and "floor" when
#   the value is below the floor.
# custom:
#   requirements: [ROLL-TRIG-05]
fired(m) := array.concat(_change_fired(m), _floor_fired(m))

_change_fired(m) := [m.direction] if m.change > m.limit

_change_fired(m) := [] if not m.change > m.limit

_floor_fired(m) := ["floor"] if m.observed < m.floor

_floor_fired(m) := [] if not m.observed < m.floor

# METADATA
# title: Is a warning
# description: No breach, and the change is at least warn_percent of the limit.
# custom:
#   requirements: [ENV-ALERT-01]
is_warning(check, m) if {
	is_number(check.warn_percent)
	not is_breach(m)
	m.change >= decimal.exact((m.limit * check.warn_percent) / 100)
}

# METADATA
# title: Breach detail
# description: Message, observed (canary value) and threshold (the bound) of a breach.
# custom:
#   requirements: [GK-CONTRACT-02]
breach_detail(check, m, extra) := {
	"message": sprintf("%s %s vs baseline %s: %s", [
		check.label,
		text.number(m.observed, check.unit),
		text.number(m.baseline, check.unit),
		concat("; ", [_fired_text(check, m, part) | some part in fired(m)]),
	]),
	"observed": m.observed,
	"threshold": _threshold(m),
	"extra": object.union(extra, _fired_extra(m)),
}

_fired_text(check, m, "floor") := sprintf("below the floor %s", [text.number(m.floor, check.unit)])

_fired_text(check, m, part) := sprintf("%s %s > %s", [
	part,
	text.number(m.change, check.delta_unit),
	text.number(m.limit, check.delta_unit),
]) if {
	part != "floor"
}

_threshold(m) := max({m.bound, m.floor}) if is_number(m.floor)

_threshold(m) := m.bound if not is_number(m.floor)

_fired_extra(m) := {"fired": fired(m)} if is_number(m.floor)

_fired_extra(m) := {} if not is_number(m.floor)

# METADATA
# title: Warning detail
# description: Message, observed and threshold of a warning (severity from data).
# custom:
#   requirements: [ENV-ALERT-01]
warning_detail(check, m, extra) := {
	"message": sprintf("%s %s vs baseline %s: %s %s >= %v%% of the %s limit", array.concat(
		array.slice(_parts(check, m), 0, 5),
		[check.warn_percent, text.number(m.limit, check.delta_unit)],
	)),
	"observed": m.observed,
	"threshold": m.bound,
	"severity": context.config.warning_severity,
	"extra": extra,
}

_parts(check, m) := [
	check.label,
	text.number(m.observed, check.unit),
	text.number(m.baseline, check.unit),
	check.direction,
	text.number(m.change, check.delta_unit),
	text.number(m.limit, check.delta_unit),
]
