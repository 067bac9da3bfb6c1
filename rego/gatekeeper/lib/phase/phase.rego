# METADATA
# title: Phase to matrix column
# description: |
#   Maps a canary traffic percentage to a column of a phase-indexed table (decision
#   matrix, authority matrix). A percentage between columns uses the next column up,
#   the stricter one.
# custom:
#   requirements: [GK-PHASE-01]
package gatekeeper.lib.phase

# METADATA
# title: Column for a phase
# description: |
#   The smallest column >= percent. Undefined when percent is not a valid traffic
#   percentage or lies above every column (callers turn that into INVALID_INPUT).
# custom:
#   requirements: [GK-PHASE-01]
column(columns, percent) := min(eligible) if {
	is_valid_percent(percent)
	eligible := {col | some col in columns; col >= percent}
	count(eligible) > 0
}

# METADATA
# title: Valid phase percentage
# description: A traffic percentage p with 0 < p <= 100.
# custom:
#   requirements: [GK-INPUT-01, GK-INVALID-01]
is_valid_percent(percent) if {
	is_number(percent)
	percent > 0
	percent <= 100
}

# METADATA
# title: Column key
# description: The column as the string key used in data tables ("5", "25", "50", "100").
# custom:
#   requirements: [ROLL-MATRIX-01, GK-PHASE-01]
column_key(columns, percent) := format_int(column(columns, percent), 10)
