package gatekeeper.lib.phase_test

import data.gatekeeper.lib.phase

_columns := [5, 25, 50, 100]

test_success_column_on_a_column if {
	phase.column(_columns, 5) == 5
	phase.column(_columns, 25) == 25
	phase.column(_columns, 50) == 50
	phase.column(_columns, 100) == 100
}

test_success_column_between_columns_uses_next_up if {
	phase.column(_columns, 1) == 5
	phase.column(_columns, 10) == 25
	phase.column(_columns, 30) == 50
	phase.column(_columns, 75) == 100
	phase.column(_columns, 5.5) == 25
}

test_success_column_order_of_columns_does_not_matter if {
	phase.column([100, 50, 25, 5], 30) == 50
}

test_success_column_key if {
	phase.column_key(_columns, 30) == "50"
	phase.column_key(_columns, 100) == "100"
}

test_fail_column_above_last_column if {
	not phase.column(_columns, 101)
}

test_fail_column_zero_or_negative if {
	not phase.column(_columns, 0)
	not phase.column(_columns, -5)
}

test_fail_column_not_a_number if {
	not phase.column(_columns, "50")
	not phase.column(_columns, null)
}

test_success_is_valid_percent_bounds if {
	phase.is_valid_percent(100)
	phase.is_valid_percent(0.1)
}

test_fail_is_valid_percent_out_of_range if {
	not phase.is_valid_percent(0)
	not phase.is_valid_percent(100.5)
}
