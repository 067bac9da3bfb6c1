# METADATA
# title: Decimal results
# description: |
#   Every number the policy computes from two decimals (a baseline plus a margin, a
#   percentage of a baseline, a difference) is rounded to nine decimal places, the
#   resolution of every input and threshold. OPA evaluates arithmetic on non-integers
#   in binary floating point (0.96 - 0.91 gives 0.049999999999999999957) and its Wasm
#   target in decimal (0.05): rounded, both compare and print the same number at every
#   boundary, so a value exactly at a limit is never beyond it in one engine only.
# custom:
#   requirements: [GK-NUMBERS-01]
package gatekeeper.lib.decimal

# METADATA
# title: Exact decimal
# description: x rounded to nine decimal places.
exact(x) := round(x * 1000000000) / 1000000000
