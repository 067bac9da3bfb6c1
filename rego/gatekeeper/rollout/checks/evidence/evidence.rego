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
	some field, kind in _required
	not has_type(series.at(input, field), kind)
	f := context.missing("evidence", field)
}

# METADATA
# scope: document
# title: Has type
# description: Whether a value has one of the evidence types.
# custom:
#   spec: "SPEC 6: input field types"
has_type(x, "series") if series.is_series(x)

has_type(x, "flags") if series.is_flags(x)

has_type(x, "number") if is_number(x)

has_type(x, "value") if is_number(series.latest(x))

has_type(x, "object") if {
	is_object(x)
	count(x) > 0
}

has_type(x, "string") if is_string(x)

has_type(x, "array") if is_array(x)
