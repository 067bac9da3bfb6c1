"""Measure everything the audit reports and assemble it (the one place with side effects)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gatekeeper.audit._controls import build_controls
from gatekeeper.audit._coverage import measure
from gatekeeper.audit._evidence import log_evidence
from gatekeeper.audit._matrices import classify_path
from gatekeeper.audit._report import AuditReport, Environment, Inputs, build_report
from gatekeeper.audit._requirements import load_catalogue
from gatekeeper.audit._scenarios import ScenarioEvidence, run_scenarios
from gatekeeper.audit._signoff import load_signoff
from gatekeeper.audit._since import LastChange, diff_since, git_revision
from gatekeeper.audit._source import collect_rules
from gatekeeper.audit._waivers import judge_waivers
from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._files import load_policy_set
from gatekeeper.reports._progress import note


@dataclass(frozen=True)
class AuditOptions:
    """What to audit and which evidence to gather."""

    policy_dir: Path | None = None
    extra_data: Sequence[Path] = field(default=())
    policy_data: Path | None = None
    since: str | None = None
    decision_log: Path | None = None
    scenarios: Path | None = None
    run_scenarios: bool = True
    opa_binary: str | None = None
    use_opa: bool = True
    requirements: Path | None = None
    signoff: Path | None = None


def default_features_dir(policy_root: Path) -> Path:
    """``features/`` beside the policy folder (the repository layout), else the shipped
    suites (an installed wheel carries them beside its policy)."""
    from gatekeeper.policy._files import shipped_folder

    beside = policy_root.parent / "features"
    return beside if beside.is_dir() else shipped_folder("features")


def _opa(options: AuditOptions) -> tuple[str | None, str | None]:
    """The opa binary and its version, or (None, None) when it is absent or not wanted."""
    if not options.use_opa:
        return None, None
    from gatekeeper.policy._opa_tool import find_opa_binary, opa_version

    try:
        binary = find_opa_binary(options.opa_binary)
    except EngineError:
        if options.opa_binary:
            raise
        return None, None
    return binary, opa_version(binary)


def _embedded_engine(modules: Mapping[str, str]) -> str:
    """The embedded engine's Wasm build for these modules: shipped, or built from the folder."""
    from gatekeeper.engines._embedded import wasmtime_version
    from gatekeeper.engines._wasm_policy import read_manifest
    from gatekeeper.policy._files import modules_digest

    manifest = read_manifest()
    runtime = f"wasmtime {wasmtime_version()}"
    if manifest is not None and manifest.get("modules_sha256") == modules_digest(modules):
        return f"shipped Wasm build (opa {manifest.get('opa_version')}), {runtime}"
    return (
        f"Wasm built from the policy folder with opa (it differs from the shipped build), {runtime}"
    )


_SCENARIO_OWN = ("roster", "waivers")


def scenario_data(extra_data: Sequence[Path]) -> list[Path]:
    """The ``--data`` documents the scenario suite runs with: not rosters or waivers.

    Each scenario brings its own roster and waivers ("Given the roster:", "a waiver of
    ..."); the organisation's documents are judged by the audit itself.
    """
    import json

    kept = []
    for path in extra_data:
        try:
            document = json.loads(Path(path).read_text("utf-8"))
        except (OSError, ValueError):
            kept.append(path)  # the policy loader names the problem
            continue
        root = document.get("gatekeeper") if isinstance(document, dict) else None
        if not (isinstance(root, dict) and any(key in root for key in _SCENARIO_OWN)):
            kept.append(path)
    return kept


def run_audit(options: AuditOptions) -> AuditReport:
    """Audit the policy in force: collect, measure, check, and list the gaps."""
    note("reading the policy and its METADATA")
    catalogue = load_catalogue(options.requirements)
    signoff = load_signoff(options.signoff)
    policy = load_policy_set(options.policy_dir, options.extra_data, options.policy_data)
    opa_binary, opa_version = _opa(options)
    rules = collect_rules(policy.root, policy.modules, opa_binary)
    environment = Environment(
        policy_root=str(policy.root),
        policy_digest=policy.digest,
        policy_revision=policy.revision,
        git_revision=git_revision(policy.root),
        opa_version=opa_version,
        embedded_engine=_embedded_engine(policy.modules),
        metadata_source=rules.metadata_source,
        requirements_catalogue=catalogue.origin,
    )
    if opa_binary:
        note("measuring rule test coverage (opa test --coverage)")
    coverage = measure(policy.root, opa_binary) if opa_binary else None
    features = options.scenarios or default_features_dir(policy.root)
    if options.run_scenarios:
        note("running the scenario suites")
        scenarios = run_scenarios(features, policy.root, scenario_data(options.extra_data))
    else:
        scenarios = ScenarioEvidence(False, str(features), problem="skipped (--no-scenarios)")
    note("checking completeness and conflicts")
    since = diff_since(policy, rules, options.since, classify_path) if options.since else None
    period_start = since.commit_time if since else None
    log = (
        log_evidence(options.decision_log, policy.digest, period_start)
        if options.decision_log
        else None
    )
    controls = build_controls(
        rules, policy.data, scenarios, str(policy.root), LastChange(policy.root), catalogue
    )
    waivers = judge_waivers(policy, _waiver_time(environment.generated_at), opa_binary)
    return build_report(
        Inputs(
            policy=policy,
            rules=rules,
            environment=environment,
            coverage=coverage,
            scenarios=scenarios,
            since=since,
            decision_log=log,
            controls=controls,
            waivers=waivers,
            requirements=catalogue,
            signoff=signoff,
        )
    )


def _waiver_time(generated_at: str) -> str:
    """``2026-11-29T19:30:00+00:00`` -> ``2026-11-29T19:30:00Z`` (the policy's time format)."""
    return generated_at.replace("+00:00", "Z")
