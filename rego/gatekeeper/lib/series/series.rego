# METADATA
# title: Series
# description: |
#   A series is the per-interval values of one metric in a rollout input, oldest
#   first, newest last; a list of flags is the results of repeated checks, newest last.
# custom:
#   requirements: [GK-SERIES-01]
package gatekeeper.lib.series

# METADATA
# title: Is a series
# description: A non-empty array of numbers.
is_series(x) if {
	is_array(x)
	count(x) > 0
	every v in x {
		is_number(v)
	}
}

# METADATA
# title: Is a list of flags
# description: A non-empty array of booleans.
is_flags(x) if {
	is_array(x)
	count(x) > 0
	every v in x {
		is_boolean(v)
	}
}

# METADATA
# scope: document
# title: Latest value
# description: The newest value of a series, or the number itself.
latest(x) := x[count(x) - 1] if is_series(x)

latest(x) := x if is_number(x)

# METADATA
# title: Newest values
# description: The newest n values of an array (all of it when it is shorter).
newest(values, n) := array.slice(values, count(values) - n, count(values))
