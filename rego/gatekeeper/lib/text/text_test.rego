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

test_success_computed_milliseconds_are_rounded if {
	text.number(730.1265822784807, "ms") == "730.126582278 ms"
}

test_success_computed_plain_numbers_are_rounded if {
	text.number(0.52341234567891234, "score") == "0.523412346"
}

test_success_plain if {
	text.number(0.5234, "score") == "0.5234"
}
