package gatekeeper.lib.text_test

import data.gatekeeper.lib.text

test_success_percent if {
	text.number(0.008, "percent") == "0.8%"
	text.number(0.951, "percent") == "95.1%"
}

test_success_percentage_points if {
	text.number(0.05, "pp") == "5pp"
}

test_success_milliseconds if {
	text.number(207, "ms") == "207 ms"
}

test_success_plain if {
	text.number(0.5234, "score") == "0.5234"
}
