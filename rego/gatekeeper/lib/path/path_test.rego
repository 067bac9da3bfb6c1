package gatekeeper.lib.path_test

import data.gatekeeper.lib.path

test_success_value_at_path if {
	path.value({"canary": {"error_rate": [0.1]}}, "canary.error_rate") == [0.1]
}

test_success_absent_is_null if {
	path.value({"canary": {}}, "canary.error_rate") == null
	path.value({}, "baseline") == null
}

test_success_value_under_path if {
	doc := {"baseline": {"buckets": {"aries": {"pass_rate": 0.9}}}}
	path.value_under(doc, "baseline.buckets", ["aries", "pass_rate"]) == 0.9
	path.value_under(doc, "baseline.buckets", ["taurus", "pass_rate"]) == null
}
