# METADATA
# title: Consecutive failed checks
# description: |
#   The newest N check results (booleans, newest last) are all false: consecutive failed
#   SLO checks (gray-scale) or health checks (blue-green), N from data. A newest failed
#   check whose run is shorter than N is a breach not yet sustained (class "hold"): it
#   holds the phase, and checks_left says how many more failures fire the trigger.
# custom:
#   codes: [SLO_VIOLATION, HEALTH_CHECK_FAILURES]
#   requirements: [GRAY-AUTO-01, BG-TRIG-01]
package gatekeeper.rollout.checks.trailing_false

import data.gatekeeper.lib.path
import data.gatekeeper.lib.runs
import data.gatekeeper.lib.series
import data.gatekeeper.rollout.context

# METADATA
# title: Findings
# description: One finding per check whose trailing failures reach the count in data.
# custom:
#   codes: [SLO_VIOLATION, HEALTH_CHECK_FAILURES]
#   requirements: [GRAY-AUTO-01, BG-TRIG-01, GK-SERIES-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "trailing_false"
	flags := path.value(input, check.flags)
	series.is_flags(flags)
	failed := runs.failed(flags)
	failed >= check.consecutive
	message := sprintf("%v consecutive failed %s (limit %v)", [failed, check.label, check.consecutive])
	f := context.finding(name, check, "trigger", {"message": message, "observed": failed, "threshold": check.consecutive})
}

# METADATA
# title: Held failures
# description: The newest check failed but fewer than N in a row, so the phase is held.
# custom:
#   requirements: [GK-HOLD-01]
findings contains f if {
	some name, check in context.checks
	check.kind == "trailing_false"
	flags := path.value(input, check.flags)
	series.is_flags(flags)
	failed := runs.failed(flags)
	failed > 0
	failed < check.consecutive
	left := check.consecutive - failed
	message := sprintf("%v consecutive failed %s (limit %v)", [failed, check.label, check.consecutive])
	detail := {"message": message, "observed": failed, "threshold": check.consecutive, "extra": {"checks_left": left}}
	f := context.held(name, check, "hold", detail, sprintf("after %v more failed %s", [left, _checks(left)]))
}

_checks(1) := "check"

_checks(n) := "checks" if n != 1
