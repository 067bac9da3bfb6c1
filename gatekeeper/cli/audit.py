"""``gatekeeper audit``: the compliance report of the rule set in force (exit 1 on any gap)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gatekeeper.cli._engine_args import add_policy_data_argument


def register(subparsers: Any) -> None:
    """Add ``audit`` to the command line."""
    parser = subparsers.add_parser(
        "audit",
        help="report every rule, threshold, matrix and proving scenario; exit 1 on any gap",
        description=(
            "Audit the policy revision in force: rules and METADATA, thresholds, test "
            "coverage, decision and authority matrices, profile thresholds, the scenarios "
            "that prove them, completeness checks, changes since a git revision and "
            "decision-log evidence. Exit 0 with no gap, 1 with gaps, 2 when it cannot audit."
        ),
    )
    parser.add_argument(
        "--format",
        choices=("markdown", "html", "json", "pdf", "oscal"),
        default="markdown",
        help="report format (pdf: the HTML printed by headless Chromium, needs -o; "
        "oscal: OSCAL assessment results with the assessment plan, system security plan, "
        "profile and catalog they resolve, written beside -o FILE.json)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write the report here (default stdout)")
    parser.add_argument(
        "--since",
        metavar="REV",
        help="the last audited revision (tag, branch or commit): what changed since, and "
        "the decisions made since its commit",
    )
    parser.add_argument(
        "--decision-log", type=Path, metavar="FILE", help="decision log to verify and summarise"
    )
    parser.add_argument(
        "--scenarios", type=Path, metavar="PATH", help="Gherkin features (default: features/)"
    )
    parser.add_argument(
        "--no-scenarios",
        action="store_true",
        help="do not run the scenarios (the audit then reports the gap scenarios-not-run)",
    )
    parser.add_argument(
        "--requirements",
        type=Path,
        metavar="FILE",
        help="the organisation's requirements catalogue (YAML or JSON, docs/audit.md; "
        "default: the shipped one); every rule's requirement ids are resolved in it",
    )
    parser.add_argument(
        "--signoff",
        type=Path,
        metavar="FILE",
        help="pre-fill the sign-off block (prepared, reviewed, approved by: name, role, "
        "date) from this YAML file (docs/audit.md, Sign-off); blank lines without it",
    )
    parser.add_argument(
        "--oscal-mapping",
        type=Path,
        metavar="FILE",
        help="with --format oscal: link the gk-* controls of the catalog to a public "
        "catalog's control ids (YAML, docs/audit.md, OSCAL)",
    )
    parser.add_argument("--policy-dir", type=Path, help="policy folder (default: the one in force)")
    add_policy_data_argument(parser)
    parser.add_argument(
        "--data", type=Path, action="append", default=[], help="extra data document (repeatable)"
    )
    parser.add_argument(
        "--opa-binary", help="opa binary (default: $GATEKEEPER_OPA, PATH, ~/go/bin)"
    )
    parser.add_argument(
        "--no-opa",
        action="store_true",
        help="do not use opa even if installed (METADATA parsed in Python, no coverage)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Audit, write the report, and exit 1 when there is any gap."""
    from gatekeeper.audit import AuditOptions, render, run_audit
    from gatekeeper.models._exceptions import InputError
    from gatekeeper.reports._progress import progress

    if args.format == "pdf" and not args.output:
        raise InputError("--format pdf writes a file: give -o FILE.pdf")
    if args.format == "oscal" and not args.output:
        raise InputError(
            "--format oscal writes five documents that refer to one another: give -o FILE.json"
        )
    if args.oscal_mapping and args.format != "oscal":
        raise InputError("--oscal-mapping goes with --format oscal")
    mapping = None
    if args.oscal_mapping:
        from gatekeeper.audit._oscal import load_mapping

        mapping = load_mapping(args.oscal_mapping)
    options = AuditOptions(
        policy_dir=args.policy_dir,
        extra_data=tuple(args.data),
        policy_data=Path(args.policy_data) if args.policy_data else None,
        since=args.since,
        decision_log=args.decision_log,
        scenarios=args.scenarios,
        run_scenarios=not args.no_scenarios,
        opa_binary=args.opa_binary,
        use_opa=not args.no_opa,
        requirements=args.requirements,
        signoff=args.signoff,
    )
    with progress("gatekeeper audit"):
        report = run_audit(options)
    if args.format == "pdf":
        from gatekeeper.audit._pdf import html_to_pdf

        html_to_pdf(render(report, "html"), args.output)
    elif args.format == "oscal":
        from gatekeeper.audit._oscal import oscal_documents

        for name, text in oscal_documents(report, args.output.name, mapping).items():
            _write(text, args.output.with_name(name))
    else:
        _write(render(report, args.format), args.output)
    for gap in report.gaps:
        print(f"gap: {gap.kind}: {gap.subject}: {gap.detail}", file=sys.stderr)
    print(
        f"gatekeeper audit: {len(report.gaps)} gap(s), {len(report.rules)} rules, "
        f"policy {report.environment.policy_revision}",
        file=sys.stderr,
    )
    return 1 if report.gaps else 0


def _write(text: str, output: Path | None) -> None:
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
