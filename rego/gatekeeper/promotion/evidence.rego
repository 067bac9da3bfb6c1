# Evidence (part of package gatekeeper.promotion, see promotion.rego).
# Reading checklist evidence from the input, failing closed: an absent, null or
# "insufficient data" field is MISSING_EVIDENCE (never a pass); a present value
# that is not a number is INVALID_INPUT.
package gatekeeper.promotion

import data.gatekeeper.lib.result

# METADATA
# title: Evidence value
# description: |
#   The number for an evidence field of the profile's evidence table: the first of its
#   `sources` that is present. Undefined when none is present or the value is not a number.
# custom:
#   spec: "SPEC 2: checklist evidence"
evidence(field) := value if {
	# Bind the sources first: regopy 1.5.2 ignores a function argument used inside a
	# comprehension's ref (`some s in x[arg]`) and iterates over every key.
	sources := profile.evidence[field].sources
	present := [source | some source in sources; is_present(source)]
	value := raw(present[0])
	is_number(value)
}

# METADATA
# title: Raw input value
# description: The input value at a dotted path such as "shadow.requests"; null when absent.
# custom:
#   spec: "SPEC 6: promotion input fields"
raw(path) := object.get(input, split(path, "."), null)

# METADATA
# title: Present
# description: A field is present when it is not null and not marked as insufficient data.
# custom:
#   spec: "SPEC 2: missing evidence fails closed"
is_present(path) if {
	raw(path) != null
	not is_insufficient(path)
}

# METADATA
# title: Insufficient data marker
# description: |
#   Fields the input builder could not compute, listed in
#   `statistical_tests.insufficient_data`, by full path ("statistical_tests.accuracy_p_value",
#   "metrics.accuracy_delta") or, for statistical tests, by bare name ("accuracy_p_value").
# custom:
#   spec: "SPEC 2: missing evidence fails closed"
is_insufficient(path) if path in _insufficient

_insufficient contains name if {
	some name in input.statistical_tests.insufficient_data
}

_insufficient contains concat(".", ["statistical_tests", name]) if {
	some name in input.statistical_tests.insufficient_data
	is_string(name)
}

# METADATA
# title: Missing evidence
# description: One violation per evidence field of which no source is present.
# custom:
#   code: MISSING_EVIDENCE
#   spec: "SPEC 2: a checklist item whose evidence is absent is a violation MISSING_EVIDENCE naming the field"
violations contains object.union(
	result.violation("MISSING_EVIDENCE", message, null, null, "promotion.evidence", "critical"),
	{"field": field},
) if {
	some field, spec in profile.evidence
	count([source | some source in spec.sources; is_present(source)]) == 0

	# concat, not sprintf: regopy 1.5.2 quotes a concat() result passed to sprintf.
	message := concat("", [
		_missing_reason(spec.sources), ": ",
		concat(" or ", spec.sources),
		" (needed by ", concat(", ", spec.required_by), ")",
	])
}

# METADATA
# title: Evidence not a number
# description: A present evidence value that is not a number cannot be compared with a threshold.
# custom:
#   code: INVALID_INPUT
#   spec: "SPEC 1: an input the policy cannot judge is an input error"
violations contains object.union(
	result.violation(
		"INVALID_INPUT",
		sprintf("%s must be a number, got %v", [source, value]),
		value, null, "promotion.evidence", "critical",
	),
	{"field": source},
) if {
	some spec in profile.evidence
	some source in spec.sources
	is_present(source)
	value := raw(source)
	not is_number(value)
}

_missing_reason(sources) := "insufficient data" if {
	some source in sources
	is_insufficient(source)
}

_missing_reason(sources) := "missing evidence" if {
	count([source | some source in sources; is_insufficient(source)]) == 0
}

# METADATA
# title: Evidence fallback
# description: |
#   An evidence field judged on a later source of its `sources` list (e.g. gold-set security
#   pass rate on metrics.security_pass_rate, the only security pass rate in seed 003's example).
# custom:
#   code: EVIDENCE_FALLBACK
#   spec: "SPEC 2: seed 003's example lacks only shadow, gold-set overall and incident evidence"
warnings contains object.union(
	result.violation(
		"EVIDENCE_FALLBACK",
		sprintf("%s absent: judged on %s", [field, present[0]]),
		raw(present[0]), null, "promotion.evidence", "warning",
	),
	{"field": field},
) if {
	some field, spec in profile.evidence
	present := [source | some source in spec.sources; is_present(source)]
	count(present) > 0
	present[0] != spec.sources[0]
}
