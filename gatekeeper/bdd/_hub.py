"""The engines of one test session: one compiled engine of each kind, reused by every scenario.

Scenarios are parametrised by engine name; :class:`EngineHub` opens each engine
once, on first use, and closes them all at the end of the session. A decision
from any engine other than the embedded one is compared with the embedded
engine's decision for the same input: the two must agree on the whole
canonical decision, or the scenario fails naming every difference.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gatekeeper.models._exceptions import EngineDisagreement

if TYPE_CHECKING:
    from gatekeeper.engines import Engine
    from gatekeeper.policy._files import PolicySet

REFERENCE_ENGINE = "embedded"


Roster = Mapping[str, list[str]]
Waivers = list[dict[str, Any]]


def with_roster(
    policy: PolicySet, roster: Roster | None, folder: Path, waivers: Waivers | None = None
) -> PolicySet:
    """``policy`` plus a data file holding a scenario's ``data.gatekeeper.roster`` and
    ``data.gatekeeper.waivers`` (either may be absent).

    Written to a file and loaded like ``--data``, so every engine (the CLI and the
    server ones read files or the merged data) sees the same document.
    """
    from gatekeeper.models._exceptions import PolicyError
    from gatekeeper.policy._files import load_policy_set

    given = {"roster": roster, "waivers": waivers}
    scenario_data: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    for key in scenario_data:
        if key in (policy.data.get("gatekeeper") or {}):
            raise PolicyError(
                f"the scenario gives {key}, but the policy data already has "
                f"data.gatekeeper.{key} (from --gatekeeper-data): use one or the other"
            )
    if roster is not None:
        scenario_data["roster"] = {k: list(v) for k, v in roster.items()}
    document = {"gatekeeper": scenario_data}
    text = json.dumps(document, sort_keys=True)
    path = folder / f"roster-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    path.write_text(text, encoding="utf-8")
    return load_policy_set(policy.root, [*policy.extra_data_files, path], policy.layer_root)


class EngineHub:
    """Opens engines lazily on one policy set (or a roster variant of it) and checks they agree.

    Embedded engines are kept per roster variant (a compile each); the one opa-server
    engine is re-opened (policy and data uploaded again) when the variant changes.
    """

    def __init__(self, policy: PolicySet, reference: str = REFERENCE_ENGINE) -> None:
        self.policy = policy
        self.reference = reference
        self._engines: dict[tuple[str, str], Engine] = {}
        self._variants: dict[str, PolicySet] = {}
        self._scratch: Path | None = None

    def _policy_for(self, roster: Roster | None, waivers: Waivers | None = None) -> PolicySet:
        if roster is None and waivers is None:
            return self.policy
        roster_data = dict(roster) if roster is not None else None
        key = json.dumps([roster_data, waivers], sort_keys=True)
        if key not in self._variants:
            if self._scratch is None:
                self._scratch = Path(tempfile.mkdtemp(prefix="gatekeeper-roster-"))
            self._variants[key] = with_roster(self.policy, roster, self._scratch, waivers)
        return self._variants[key]

    def engine(
        self,
        name: str,
        opa_url: str | None = None,
        roster: Roster | None = None,
        waivers: Waivers | None = None,
    ) -> Engine:
        """The session's engine called ``name`` for a roster and waivers, opened on first use."""
        policy = self._policy_for(roster, waivers)
        key = (name, policy.identity)
        if key not in self._engines:
            from gatekeeper.engines import EngineOptions, open_engine

            if name != self.reference:
                for other in [k for k in self._engines if k[0] == name]:
                    self._engines.pop(other).close()
            self._engines[key] = open_engine(name, policy, EngineOptions(opa_url=opa_url))
        return self._engines[key]

    def decide(
        self,
        name: str,
        document: Mapping[str, Any],
        opa_url: str | None = None,
        roster: Roster | None = None,
        waivers: Waivers | None = None,
    ) -> dict[str, Any]:
        """The decision of engine ``name``; checked against the reference engine's."""
        decision = self.engine(name, opa_url, roster, waivers).evaluate(document)
        if name != self.reference:
            from gatekeeper.engines import decision_differences

            expected = self.engine(self.reference, roster=roster, waivers=waivers).evaluate(
                document
            )
            differences = decision_differences(expected, decision)
            if differences:
                raise EngineDisagreement(
                    f"{name} and {self.reference} disagree: " + "; ".join(differences)
                )
        return decision

    def close(self) -> None:
        """Close every engine opened in this session."""
        engines, self._engines = self._engines, {}
        for engine in engines.values():
            engine.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
