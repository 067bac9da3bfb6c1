"""The policy in force: its Rego files and data, its revision, the matrices' cells,
the rule titles reports quote, and the signed OPA bundle built from it."""
