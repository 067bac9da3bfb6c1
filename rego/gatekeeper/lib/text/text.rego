# METADATA
# title: Numbers in messages
# description: |
#   The text of a number in the unit a check names: "percent" (a ratio, 0.008 -> "0.8%"),
#   "pp" (a ratio as percentage points, 0.05 -> "5pp"), "ms" ("207 ms"), anything else
#   plain ("0.5234"). A computed number (a mean over a window: 730.1265822784807) is
#   rounded to nine decimal places first (decimal.exact: "730.126582278 ms"), so a
#   person never reads float noise. OPA's own number text (sprintf %v) throughout.
# custom:
#   requirements: [GK-CONTRACT-02, GK-NUMBERS-01]
package gatekeeper.lib.text

import data.gatekeeper.lib.decimal

# METADATA
# scope: document
# title: Number in a unit
# description: The text of a number in a unit.
number(x, "percent") := sprintf("%v%%", [decimal.exact(x * 100)])

number(x, "pp") := sprintf("%vpp", [decimal.exact(x * 100)])

number(x, "ms") := sprintf("%v ms", [decimal.exact(x)])

number(x, unit) := sprintf("%v", [decimal.exact(x)]) if not unit in {"percent", "pp", "ms"}
