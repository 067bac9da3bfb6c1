"""Write the shipped policy's rule documentation from ``opa inspect --annotations``.

    python3 -m tools.build_rule_docs            # write gatekeeper/policy/_compiled/rule-docs.json
    python3 -m tools.build_rule_docs --check    # exit 1 when the shipped file differs

Reports (SARIF rule descriptors) read the file at run time instead of parsing Rego.
"""

from __future__ import annotations

import argparse
import sys

from gatekeeper.models._exceptions import GatekeeperError
from gatekeeper.policy import default_policy_dir, load_policy_set
from gatekeeper.policy._opa_tool import find_opa_binary
from gatekeeper.policy._rule_docs import SHIPPED_RULE_DOCS, inspect_policy, rule_docs_document


def main(argv: list[str] | None = None) -> int:
    """Build (or check) the shipped rule documentation; 0 on success."""
    parser = argparse.ArgumentParser(prog="python3 -m tools.build_rule_docs")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    try:
        policy = load_policy_set(default_policy_dir())
        text = rule_docs_document(policy.modules, inspect_policy(policy.root, find_opa_binary()))
    except GatekeeperError as exc:
        print(f"build_rule_docs: {exc}", file=sys.stderr)
        return 2
    current = SHIPPED_RULE_DOCS.read_text(encoding="utf-8") if SHIPPED_RULE_DOCS.exists() else ""
    if args.check:
        if current != text:
            print(
                f"build_rule_docs: {SHIPPED_RULE_DOCS.name} differs from what rego/ documents: "
                "run python3 -m tools.build_rule_docs and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"build_rule_docs: {SHIPPED_RULE_DOCS.name} matches rego/")
        return 0
    SHIPPED_RULE_DOCS.write_text(text, encoding="utf-8")
    print(f"build_rule_docs: wrote {SHIPPED_RULE_DOCS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
