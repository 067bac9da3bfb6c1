# METADATA
# title: Trailing runs
# description: |
#   How many of the newest values of a series, or of the newest check results, hold a
#   condition without a gap: "sustained N minutes" and "N consecutive failures" count
#   the trailing run.
# custom:
#   requirements: [GK-SERIES-01]
package gatekeeper.lib.runs

# METADATA
# title: Run above a limit
# description: How many of the newest values exceed the limit, without a gap.
above(values, limit) := _after_last(count(values), {i | some i, v in values; v <= limit})

# METADATA
# title: Run of failed checks
# description: How many of the newest check results are false, without a gap.
failed(flags) := _after_last(count(flags), {i | some i, passed in flags; passed != false})

# METADATA
# title: Count below a limit
# description: How many values of a series are below the limit.
count_below(values, limit) := count([v | some v in values; v < limit])

_after_last(n, breaks) := (n - 1) - max(breaks) if count(breaks) > 0

_after_last(n, breaks) := n if count(breaks) == 0
