# METADATA
# title: Required evidence
# description: |
#   Every field a profile or one of its checks declares in "evidence" (path -> type)
#   must be in the input with that type; otherwise MISSING_EVIDENCE naming the field
#   (and the rollout pauses): an absent attribute must never be a silent pass.
#   Types: series (non-empty array of numbers), flags (non-empty array of booleans),
#   number, value (number or series), object (non-empty object), string, array.
# custom:
#   codes: [MISSING_EVIDENCE]
#   spec: "SPEC 6 / brief: missing evidence in a rollout -> MISSING_EVIDENCE and pause_evaluation"
package gatekeeper.rollout.checks.evidence

import data.gatekeeper.lib.series
import data.gatekeeper.rollout.context

_required[field] := kind if {
	some field, kind in object.get(context.profile, "evidence", {})
}

_required[field] := kind if {
	some check in context.checks
	some field, kind in object.get(check, "evidence", {})
}

# METADATA
# title: Findings
# description: One MISSING_EVIDENCE finding per required field that is absent or of the wrong type.
# custom:
#   codes: [MISSING_EVIDENCE]
#   spec: "SPEC 6: fail closed on missing evidence"
findings contains f if {
	some field, _ in _required
	not present[field]
	f := context.missing("evidence", field)
}

# METADATA
# title: Values
# description: Required field -> its input value (null when absent), read once.
# custom:
#   spec: "SPEC 6: input field types"
values[field] := object.get(input, split(field, "."), null) if some field, _ in _required

# METADATA
# scope: document
# title: Present evidence
# description: |
#   The required fields whose value has the declared type. One body per type, with the
#   type compared first, instead of a multi-body function: regopy 1.5.2 charges each
#   function call, and this runs for every field of every rollout decision.
# custom:
#   spec: "SPEC 6: input field types"
present contains field if {
	some field, kind in _required
	kind == "series"
	series.is_series(values[field])
}

present contains field if {
	some field, kind in _required
	kind == "flags"
	series.is_flags(values[field])
}

present contains field if {
	some field, kind in _required
	kind == "number"
	is_number(values[field])
}

present contains field if {
	some field, kind in _required
	kind == "value"
	is_number(series.latest(values[field]))
}

present contains field if {
	some field, kind in _required
	kind == "object"
	is_object(values[field])
	count(values[field]) > 0
}

present contains field if {
	some field, kind in _required
	kind == "string"
	is_string(values[field])
}

present contains field if {
	some field, kind in _required
	kind == "array"
	is_array(values[field])
}
