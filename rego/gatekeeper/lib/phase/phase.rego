# METADATA
# title: Phase to matrix column
# description: |
#   Maps a canary traffic percentage to a column of a phase-indexed table (decision
#   matrix, authority matrix). A percentage between columns uses the next column up,
#   the stricter one: 1 -> 5, 10 -> 25, 30 -> 50, 75 -> 100 for columns 5/25/50/100.
# custom:
#   spec: "SPEC 3: phase-to-column rule (Decided)"
package gatekeeper.lib.phase

# METADATA
# title: Column for a phase
# description: |
#   The smallest column >= percent. Undefined when percent is not a number, is <= 0,
#   or lies above every column (callers turn that into INVALID_INPUT).
#   Written without min() and without `not` inside `every`: both give wrong answers
#   in regopy 1.5.2 (min/max/sort compare numbers of different lengths as text).
# custom:
#   spec: "SPEC 3: a traffic percentage between columns uses the next column up"
column(columns, percent) := col if {
	is_valid_percent(percent)
	some col in columns
	col >= percent
	count([other | some other in columns; other >= percent; other < col]) == 0
}

# METADATA
# title: Valid phase percentage
# description: A traffic percentage p with 0 < p <= 100.
# custom:
#   spec: "SPEC 6 / brief: phase_percent (0 < p <= 100)"
is_valid_percent(percent) if {
	is_number(percent)
	percent > 0
	percent <= 100
}

# METADATA
# title: Column key
# description: The column as the string key used in data tables ("5", "25", "50", "100").
# custom:
#   spec: "SPEC 3: matrix columns"
column_key(columns, percent) := format_int(column(columns, percent), 10)
