package gatekeeper.lib.window_test

import data.gatekeeper.lib.window

test_success_intervals_round_up if {
	window.intervals(2, 60) == 2
	window.intervals(2, 30) == 4
	window.intervals(5, 90) == 4
}

test_success_minutes_covered if {
	window.minutes(3, 60) == 3
	window.minutes(1, 100) == 1.67
}
