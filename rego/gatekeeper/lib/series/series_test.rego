package gatekeeper.lib.series_test

import data.gatekeeper.lib.series

test_success_fixed_and_show_are_exact if {
	series.fixed(0.5234) == 523400
	series.show(series.fixed(0.5184)) == "0.5184"
	series.show_percent(0.008) == "0.8%"
	series.show_percent(0.006) == "0.6%"
}

test_success_show_in_units if {
	series.show_in(0.05, "pp") == "5pp"
	series.show_in(207, "ms") == "207 ms"
	series.show_in(0.0051, "score") == "0.0051"
	series.show_in(0.95, "percent") == "95%"
}

test_success_at_dotted_path if {
	series.at({"a": {"b": [1]}}, "a.b") == [1]
	series.at({"a": {}}, "a.b") == null
}

test_success_series_and_flags if {
	series.is_series([1, 2.5])
	series.is_flags([true, false])
}

test_fail_not_a_series if {
	not series.is_series([])
	not series.is_series([1, "2"])
	not series.is_series(3)
	not series.is_flags([true, 1])
}

test_success_latest if {
	series.latest([1, 2, 3]) == 3
	series.latest(7) == 7
}

test_fail_latest_of_empty_or_text if {
	not series.latest([])
	not series.latest("x")
}

test_success_intervals_round_up if {
	series.intervals(2, 60) == 2
	series.intervals(5, 60) == 5
	series.intervals(2, 45) == 3
	series.intervals(10, 30) == 20
}

test_success_minutes_of if {
	series.minutes_of(3, 60) == 3
	series.minutes_of(1, 100) == 1.67
}

# 180 * 1.15 is 206.99999999999997 in binary floats; fixed point gives 207 exactly.
test_success_limit_value_is_exact if {
	series.limit_value(180, 115) == 207
	series.limit_value(3000, 300) == 9000
	series.shifted(0.5234, -1, 0.005, 100) == 0.5184
}

test_success_exceeds_boundary_p99 if {
	series.exceeds(207.001, 180, 115)
	not series.exceeds(207, 180, 115)
}

test_success_falls_below_boundary if {
	series.falls_below(0.9499, 0.95, 100)
	not series.falls_below(0.95, 0.95, 100)
}

test_success_trailing_above if {
	series.trailing_above([0.001, 0.006, 0.007, 0.008], 0.005, 100) == 3
	series.trailing_above([0.006, 0.001, 0.008], 0.005, 100) == 1
	series.trailing_above([0.001, 0.002], 0.005, 100) == 0
	series.trailing_above([0.005, 0.005], 0.005, 100) == 0
}

test_success_trailing_false if {
	series.trailing_false([true, false, false, false]) == 3
	series.trailing_false([false, true, false]) == 1
	series.trailing_false([false, false, true]) == 0
}

test_success_count_below if {
	series.count_below([0.98, 0.995, 0.97, 0.99], 0.99, 100) == 2
}

# OPA prints 951000 / 10000 as 95.09999999999999; the text is built from integer digits.
test_success_decimal_text_is_clean if {
	series.decimal_text(951000, 10000) == "95.1"
	series.decimal_text(849000, 10000) == "84.9"
	series.decimal_text(-3100, 1000000) == "-0.0031"
	series.decimal_text(0, 100) == "0"
	series.decimal_text(1200000, 1000000) == "1.2"
	series.show_percent(0.951) == "95.1%"
	series.show(series.fixed(0.809)) == "0.809"
	series.show_in(0.849, "percent") == "84.9%"
	series.show_minutes(1, 100) == "1.67"
	series.show_minutes(3, 60) == "3"
}

test_success_trailing_runs_ignore_non_booleans_and_long_series if {
	series.trailing_false([false, true, false, null, false]) == 2
	series.trailing_above(array.concat([0.001], [x | some x in numbers.range(1, 600)]), 0.5, 100) == 600
}

test_success_sustained_run_scans_only_when_sustained if {
	series.sustained_run([0.001, 0.006, 0.007, 0.008], 0.005, 100, 2) == 3
	series.sustained_run([0.006, 0.006, 0.001, 0.008], 0.005, 100, 2) == 1
	series.sustained_run([0.008], 0.005, 100, 2) == 1
	series.tail([1, 2, 3], 2) == [2, 3]
	series.tail([1], 2) == [1]
}

test_success_consecutive_false if {
	series.consecutive_false([false, true, false, false, false], 3) == 3
	series.consecutive_false([false, false, true, false], 3) == 1
}

test_fail_flags_and_series_of_other_types if {
	not series.is_series([1, true])
	not series.is_series([1, null])
	not series.is_series([[1]])
	not series.is_flags(["true"])
	not series.is_flags([])
	series.is_series([-1, 2.5e-7, 3])
}
