"""The policy in force: its Rego files and data, its revision, the matrices' cells,
the rule titles reports quote, the ``opa`` tool, and the signed OPA bundle built from it."""

from __future__ import annotations

from gatekeeper.policy._files import PolicySet, default_policy_dir, load_policy_set

__all__ = ["PolicySet", "default_policy_dir", "load_policy_set"]
