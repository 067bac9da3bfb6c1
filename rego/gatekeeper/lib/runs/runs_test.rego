package gatekeeper.lib.runs_test

import data.gatekeeper.lib.runs

test_success_run_above if {
	runs.above([0.9, 0.1, 0.7, 0.8], 0.5) == 2
	runs.above([0.7, 0.8], 0.5) == 2
	runs.above([0.7, 0.1], 0.5) == 0
}

test_success_at_limit_is_not_above if {
	runs.above([0.6, 0.5], 0.5) == 0
}

test_success_numbers_compare_as_numbers if {
	runs.above([100, 9, 10], 8) == 3
}

test_success_run_of_failed_checks if {
	runs.failed([false, true, false, false]) == 2
	runs.failed([false, false]) == 2
	runs.failed([false, true]) == 0
}

test_success_count_below if {
	runs.count_below([0.98, 0.99, 0.5, 1], 0.99) == 2
}
