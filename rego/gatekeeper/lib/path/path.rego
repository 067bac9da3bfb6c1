# METADATA
# title: Dotted paths
# description: |
#   Profile data names input fields by dotted path ("canary.error_rate"); this reads
#   them. An absent field is null, so a check can tell "absent" from "present".
# custom:
#   requirements: [GK-PROFILE-01]
package gatekeeper.lib.path

# METADATA
# title: Value at a dotted path
# description: The value at a dotted path of a document, or null when it is absent.
value(doc, dotted) := object.get(doc, split(dotted, "."), null)

# METADATA
# title: Value under a dotted path
# description: The value at a dotted path followed by more keys (a member and a metric), or null.
value_under(doc, dotted, keys) := object.get(doc, array.concat(split(dotted, "."), keys), null)
