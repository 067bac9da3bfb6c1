# METADATA
# title: Series and exact-number helpers
# description: |
#   Pure helpers over the per-interval series of a rollout input (oldest first,
#   newest last): the latest value, trailing runs, sustain windows, and
#   comparisons done in fixed point (micro units, integers) so that OPA (decimal)
#   and the embedded engine (binary floats) give the same answer at every
#   boundary, e.g. 180 * 1.15 or 0.5234 - 0.005. Avoids sort/min/max over
#   numbers, which the embedded engine orders differently.
# custom:
#   spec: "SPEC 4: sustained N minutes and N consecutive failures"
package gatekeeper.lib.series

# METADATA
# title: Fixed point
# description: A number in micro units, rounded to an integer (exact in both engines).
fixed(x) := round(x * 1000000)

# METADATA
# title: Show a fixed-point number
# description: The decimal text of a micro-unit integer, identical in both engines.
show(n) := sprintf("%v", [n / 1000000])

# METADATA
# title: Show a ratio as percent
# description: A ratio (0.008) as percent text ("0.8%").
show_percent(x) := sprintf("%v%%", [fixed(x) / 10000])

# METADATA
# scope: document
# title: Show a value in a unit
# description: |
#   Text of a value in a unit: "percent" (ratio 0.008 -> "0.8%"), "pp" (ratio as
#   percentage points, 0.05 -> "5pp"), "ms" ("207 ms"), anything else plain ("0.5234").
show_in(x, "percent") := show_percent(x)

show_in(x, "pp") := sprintf("%vpp", [fixed(x) / 10000])

show_in(x, "ms") := sprintf("%s ms", [show(fixed(x))])

show_in(x, unit) := show(fixed(x)) if not unit in {"percent", "pp", "ms"}

# METADATA
# title: Value at a dotted path
# description: The value at a dotted path ("canary.error_rate") of a document, or null.
at(doc, path) := object.get(doc, split(path, "."), null)

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
# description: A non-empty array of booleans (check results, newest last).
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
# title: Intervals in a window
# description: Trailing intervals that make up a window of N minutes, ceil(N*60/interval_seconds).
intervals(minutes, interval_seconds) := ceil((minutes * 60) / interval_seconds)

# METADATA
# title: Minutes covered
# description: Minutes covered by n intervals, to two decimals.
minutes_of(n, interval_seconds) := round(((n * interval_seconds) * 100) / 60) / 100

# METADATA
# title: Limit value
# description: The limit base * percent / 100 as a plain number (e.g. 180 at 115 -> 207).
limit_value(base, percent) := round((fixed(base) * percent) / 100) / 1000000

# METADATA
# title: Shifted value
# description: x + sign * base * percent / 100 as a plain number, exact (e.g. 0.5234 - 0.005 -> 0.5184).
shifted(x, sign, base, percent) := round(((fixed(x) * 100) + ((sign * fixed(base)) * percent)) / 100) / 1000000

# METADATA
# title: Exceeds
# description: v > base * percent / 100, compared exactly in fixed point.
exceeds(v, base, percent) if fixed(v) * 100 > fixed(base) * percent

# METADATA
# title: Falls below
# description: v < base * percent / 100, compared exactly in fixed point.
falls_below(v, base, percent) if fixed(v) * 100 < fixed(base) * percent

# METADATA
# title: Trailing run above a limit
# description: How many of the newest values of a series exceed base * percent / 100, without a gap.
trailing_above(s, base, percent) := count({i |
	# regal ignore:prefer-some-in-iteration
	v := s[i] # the embedded engine cannot parse `some i, v in` inside a comprehension
	exceeds(v, base, percent)
	not _settles_from(s, i, base, percent)
})

_settles_from(s, i, base, percent) if {
	some j, v in s
	j > i
	not exceeds(v, base, percent)
}

# METADATA
# title: Trailing failed checks
# description: How many of the newest check results are false, without a gap.
trailing_false(flags) := count({i |
	# regal ignore:prefer-some-in-iteration
	v := flags[i] # the embedded engine cannot parse `some i, v in` inside a comprehension
	v == false
	not _passes_from(flags, i)
})

_passes_from(flags, i) if {
	some j, v in flags
	j > i
	v == true
}

# METADATA
# title: Values below a limit
# description: How many values of a series are below base * percent / 100.
count_below(s, base, percent) := count([v | some v in s; falls_below(v, base, percent)])
