package gatekeeper.lib.decimal_test

import data.gatekeeper.lib.decimal

test_success_difference_is_the_decimal_one if {
	decimal.exact(0.96 - 0.91) == 0.05
	decimal.exact(0.5234 - 0.005) == 0.5184
}

test_success_product_is_the_decimal_one if {
	decimal.exact((180 * 115) / 100) == 207
	decimal.exact(0.951 * 100) == 95.1
}

test_success_negative_and_integer if {
	decimal.exact(0.91 - 0.96) == -0.05
	decimal.exact(3000) == 3000
}
