# METADATA
# title: Time windows over a series
# description: |
#   A window of N minutes over a series of intervals of interval_seconds each: how many
#   trailing intervals make it up, and how many minutes a run of intervals covers.
# custom:
#   requirements: [GK-SERIES-01]
package gatekeeper.lib.window

import data.gatekeeper.lib.decimal

# METADATA
# title: Intervals in a window
# description: The trailing intervals that make up a window, rounded up.
intervals(minutes, interval_seconds) := ceil((minutes * 60) / interval_seconds)

# METADATA
# title: Minutes covered
# description: |
#   The minutes covered by n intervals, to two decimals (the product is made exact
#   first, so every engine rounds the same number).
minutes(n, interval_seconds) := round(decimal.exact(((n * interval_seconds) * 100) / 60)) / 100
