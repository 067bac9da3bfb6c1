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
# title: Decimal text
# description: |
#   The decimal text of the integer n / scale (scale a power of ten), built from the
#   integer and fraction digits with trailing zeros trimmed: "95.1", never
#   "95.09999999999999" (OPA) or a rounded float (embedded engine).
decimal_text(n, scale) := sprintf("%s%v%s", [sign, whole, fraction]) if {
	# sprintf, not concat: regopy 1.5.2 quotes a concat() or format_int() result inside
	# sprintf. floor, not %: regopy's % gives numbers such as "00" that compare with nothing.
	magnitude := abs(n)
	whole := floor(magnitude / scale)
	rest := magnitude - (whole * scale)
	sign := {true: "-", false: ""}[n < 0]
	digits := format_int(scale + rest, 10)
	fraction := {true: sprintf(".%s", [trim_right(substring(digits, 1, count(digits) - 1), "0")]), false: ""}[rest > 0]
}

# METADATA
# title: Show a fixed-point number
# description: The decimal text of a micro-unit integer, identical in both engines.
show(n) := decimal_text(n, 1000000)

# METADATA
# title: Show a ratio as percent
# description: A ratio (0.008) as percent text ("0.8%").
show_percent(x) := sprintf("%s%%", [decimal_text(fixed(x), 10000)])

# METADATA
# scope: document
# title: Show a value in a unit
# description: |
#   Text of a value in a unit: "percent" (ratio 0.008 -> "0.8%"), "pp" (ratio as
#   percentage points, 0.05 -> "5pp"), "ms" ("207 ms"), anything else plain ("0.5234").
show_in(x, "percent") := show_percent(x)

show_in(x, "pp") := sprintf("%spp", [decimal_text(fixed(x), 10000)])

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

	# One native regex over the JSON text instead of a per-element `every`: the embedded
	# engine spends ~13 us per element there. A JSON array matches only when every element
	# is a number (strings, booleans, null, arrays and objects bring other characters).
	regex.match(`^\[[-+0-9.eE,]*\]$`, json.marshal(x))
}

# METADATA
# title: Is a list of flags
# description: A non-empty array of booleans (check results, newest last).
is_flags(x) if {
	is_array(x)
	count(x) > 0
	regex.match(`^\[(true|false)(,(true|false))*\]$`, json.marshal(x))
}

# METADATA
# scope: document
# title: Latest value
# description: The newest value of a series, or the number itself.
latest(x) := v if {
	is_series(x)

	# Index bound first: regopy 1.5.2 scans the whole array for x[count(x) - 1].
	n := count(x)
	v := x[n - 1]
}

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
# title: Show minutes covered
# description: Text of the minutes covered by n intervals, to two decimals ("1.67").
show_minutes(n, interval_seconds) := decimal_text(round(((n * interval_seconds) * 100) / 60), 100)

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
# description: |
#   How many of the newest values of a series exceed base * percent / 100, without a gap.
#   Linear: one mark per value ("1" above, "0" not), then the length of the trailing run
#   of "1" (the embedded engine has no memo, so a nested scan is quadratic there).
trailing_above(s, base, percent) := count(marks) - count(trim_right(marks, "1")) if {
	limit := fixed(base) * percent
	mark := {true: "1", false: "0"}

	# The lookup stays in the body: regopy 1.5.2 gives wrong marks for a ref in the term.
	# regal ignore:comprehension-term-assignment
	marks := concat("", [m | some v in s; m := mark[(round(v * 1000000) * 100) > limit]])
}

# METADATA
# title: Sustained run above a limit
# description: |
#   trailing_above when the newest `window` values all exceed the limit (the condition is
#   sustained), else the (shorter) run within those newest values. Only a sustained run
#   costs a scan of the whole series, so a long healthy series costs no more than a short one.
sustained_run(s, base, percent, window) := run if {
	recent := trailing_above(tail(s, window), base, percent)

	# One body, and the full scan depends on the condition: regopy 1.5.2 memoises no
	# function call and evaluates an assignment before a comparison written above it.
	older := {true: s, false: []}[recent >= window]
	run := {true: trailing_above(older, base, percent), false: recent}[recent >= window]
}

# METADATA
# scope: document
# title: Newest values
# description: The newest n values of an array (all of it when it is shorter).
tail(s, n) := array.slice(s, size - n, size) if {
	size := count(s)
	size > n
}

tail(s, n) := s if count(s) <= n

# METADATA
# title: Trailing failed checks
# description: How many of the newest check results are false, without a gap (linear, as trailing_above).
trailing_false(flags) := count(marks) - count(trim_right(marks, "0")) if {
	mark := {true: "1", false: "0"}

	# regal ignore:comprehension-term-assignment
	marks := concat("", [m | some v in flags; m := mark[v]])
}

# METADATA
# title: Consecutive failed checks
# description: trailing_false when the newest `limit` checks all failed, else the run within them (as sustained_run).
consecutive_false(flags, limit) := run if {
	recent := trailing_false(tail(flags, limit))
	older := {true: flags, false: []}[recent >= limit]
	run := {true: trailing_false(older), false: recent}[recent >= limit]
}

# METADATA
# title: Values below a limit
# description: How many values of a series are below base * percent / 100.
count_below(s, base, percent) := count([v | some v in s; round(v * 1000000) * 100 < limit]) if {
	limit := fixed(base) * percent
}
