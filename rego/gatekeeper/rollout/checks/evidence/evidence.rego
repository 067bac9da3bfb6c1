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
#   requirements: [GK-EVID-02]
package gatekeeper.rollout.checks.evidence

import data.gatekeeper.lib.path
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
#   requirements: [GK-EVID-02]
findings contains f if {
	some field, _ in _required
	not present[field]
	f := context.missing("evidence", field)
}

# METADATA
# title: Values
# description: Required field -> its input value (null when absent), read once.
# custom:
#   requirements: [GK-INPUT-01, GK-EVID-02]
values[field] := path.value(input, field) if some field, _ in _required

# METADATA
# scope: document
# title: Present evidence
# description: The required fields whose value has the declared type.
# custom:
#   requirements: [GK-INPUT-01, GK-EVID-02]
present contains field if {
	some field, kind in _required
	has_type(kind, values[field])
}

# METADATA
# scope: document
# title: Has a type
# description: |
#   series (non-empty array of numbers), flags (non-empty array of booleans), number,
#   value (number or series), object (non-empty object), string, array.
# custom:
#   requirements: [GK-INPUT-01, GK-EVID-02]
has_type("series", x) if series.is_series(x)

has_type("flags", x) if series.is_flags(x)

has_type("number", x) if is_number(x)

has_type("value", x) if is_number(series.latest(x))

has_type("object", x) if {
	is_object(x)
	count(x) > 0
}

has_type("string", x) if is_string(x)

has_type("array", x) if is_array(x)
