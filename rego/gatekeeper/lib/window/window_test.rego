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

test_success_minutes_round_the_exact_product if {
	# 153 * 1.9 s = 290.7 s = 4.845 min: every engine rounds the same exact number
	window.minutes(153, 1.9) == 4.85
}
