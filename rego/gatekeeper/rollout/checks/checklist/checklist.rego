# METADATA
# title: Validation checklist
# description: |
#   When the checklist's object is in the input (blue-green post_rollback), every item
#   in data must hold: equals a value, equals another field, or is below a limit. A
#   failed or absent item is a finding naming the item (fail closed).
# custom:
#   codes: [ROLLBACK_VALIDATION_FAILED]
#   requirements: [BG-VALID-01]
package gatekeeper.rollout.checks.checklist

import data.gatekeeper.lib.path
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per checklist item that does not hold.
# custom:
#   codes: [ROLLBACK_VALIDATION_FAILED]
#   requirements: [BG-VALID-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "checklist"
	is_object(path.value(input, check.when))
	some item in check.items
	observed := path.value(input, item.field)
	expected := _expected(item, input)
	not holds(item.op, observed, expected)
	message := sprintf("%s item %s failed: %s is %v, expected %s %v", [
		check.label,
		item.item,
		item.field,
		observed,
		_op_text[item.op],
		expected,
	])
	detail := {"message": message, "observed": observed, "threshold": expected, "extra": {"item": item.item}}
	f := context.finding(name, check, "trigger", detail)
}

_op_text := {"equals": "=", "equals_field": "=", "below": "<"}

_expected(item, doc) := path.value(doc, item.other) if item.op == "equals_field"

_expected(item, _) := item.value if item.op != "equals_field"

# METADATA
# scope: document
# title: Item holds
# description: equals / equals_field (same value, not null), below (number < limit).
# custom:
#   requirements: [BG-VALID-01]
holds("equals", observed, expected) if {
	observed != null
	observed == expected
}

holds("equals_field", observed, expected) if {
	observed != null
	observed == expected
}

holds("below", observed, expected) if {
	is_number(observed)
	observed < expected
}
