package gatekeeper.lib.series_test

import data.gatekeeper.lib.series

test_success_series if {
	series.is_series([1, 0.5, -2])
}

test_fail_not_a_series if {
	not series.is_series([])
	not series.is_series([1, "2"])
	not series.is_series([1, null])
	not series.is_series(0.5)
	not series.is_series({"a": 1})
}

test_success_flags if {
	series.is_flags([true, false])
}

test_fail_not_flags if {
	not series.is_flags([])
	not series.is_flags([true, 1])
	not series.is_flags(true)
}

test_success_latest if {
	series.latest([1, 2, 3]) == 3
	series.latest(7) == 7
}

test_fail_latest_undefined if {
	not series.latest([])
	not series.latest("x")
}

test_success_newest if {
	series.newest([1, 2, 3, 4], 2) == [3, 4]
	series.newest([1, 2], 5) == [1, 2]
}
