# Evidence (part of package gatekeeper.promotion, see promotion.rego).
# Reading checklist evidence from the input, failing closed: an absent, null or
# "insufficient data" field is MISSING_EVIDENCE (never a pass); a present value
# that is not a number is INVALID_INPUT.
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Evidence numbers
# description: |
#   Evidence field -> its number (the value of the first present source), for every field
#   whose value is a number.
# custom:
#   requirements: [PROM-INPUT-01, GK-EVID-01]
numbers[field] := value if {
	some field, sources in present
	count(sources) > 0
	value := values[sources[0]]
	is_number(value)
}

# METADATA
# title: Present sources
# description: Evidence field -> its sources that are present, in the order of the profile's list.
# custom:
#   requirements: [GK-EVID-01]
present[field] := [source | some source in spec.sources; source in _present_sources] if {
	some field, spec in profile.evidence
}

_present_sources contains source if {
	some source, value in values
	value != null
	not source in insufficient
}

# METADATA
# title: Source values
# description: Every source path of the profile's evidence table -> the input value there (null when absent).
# custom:
#   requirements: [PROM-INPUT-01, GK-INPUT-01]
values[source] := raw(source) if {
	some spec in profile.evidence
	some source in spec.sources
}

# METADATA
# title: Raw input value
# description: The input value at a dotted path such as "shadow.requests"; null when absent.
# custom:
#   requirements: [PROM-INPUT-01, GK-INPUT-01]
raw(path) := object.get(input, split(path, "."), null)

# METADATA
# scope: document
# title: Insufficient data markers
# description: |
#   Fields the input builder could not compute, listed in
#   `statistical_tests.insufficient_data`, by full path ("statistical_tests.accuracy_p_value",
#   "metrics.accuracy_delta") or, for statistical tests, by bare name ("accuracy_p_value").
# custom:
#   requirements: [GK-EVID-01]
insufficient contains name if {
	some name in input.statistical_tests.insufficient_data
}

insufficient contains concat(".", ["statistical_tests", name]) if {
	some name in input.statistical_tests.insufficient_data
	is_string(name)
}

# METADATA
# title: Missing evidence
# description: One violation per evidence field of which no source is present.
# custom:
#   code: MISSING_EVIDENCE
#   requirements: [GK-EVID-01]
violations contains object.union(
	result.violation("MISSING_EVIDENCE", message, null, null, "promotion.evidence", "critical"),
	{"field": field},
) if {
	some field, spec in profile.evidence
	count(present[field]) == 0
	message := sprintf("%s: %s (needed by %s)", [
		_missing_reason(spec.sources),
		concat(" or ", spec.sources),
		concat(", ", spec.required_by),
	])
}

# METADATA
# title: Evidence not a number
# description: A present evidence value that is not a number cannot be compared with a threshold.
# custom:
#   code: INVALID_INPUT
#   requirements: [GK-INVALID-01]
violations contains object.union(
	result.violation(
		"INVALID_INPUT",
		sprintf("%s must be a number, got %v", [source, value]),
		value, null, "promotion.evidence", "critical",
	),
	{"field": source},
) if {
	some source in _present_sources
	value := values[source]
	not is_number(value)
}

_missing_reason(sources) := "insufficient data" if {
	some source in sources
	source in insufficient
} else := "missing evidence"

# METADATA
# title: Evidence fallback
# description: |
#   An evidence field judged on a later source of its `sources` list (e.g. gold-set security
#   pass rate on metrics.security_pass_rate, the only security pass rate in the example of
#   Promotion and Rollback Procedures).
# custom:
#   code: EVIDENCE_FALLBACK
#   requirements: [GK-EVID-03, PROM-INPUT-01]
warnings contains object.union(
	result.violation(
		"EVIDENCE_FALLBACK",
		sprintf("%s absent: judged on %s", [field, sources[0]]),
		values[sources[0]], null, "promotion.evidence", "warning",
	),
	{"field": field},
) if {
	some field, sources in present
	count(sources) > 0
	sources[0] != profile.evidence[field].sources[0]
}
