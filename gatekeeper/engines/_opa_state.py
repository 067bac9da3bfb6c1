"""What gatekeeper expects an OPA server to hold, and the checks that prove it does.

Two ways to serve the policy, each verified on every decision:

- a bundle (the default, for shared servers and fleets): OPA's Data API answers
  with ``?provenance=true`` and lists every activated bundle with its revision;
  one of them must carry the local revision ``sha256:<policy digest>`` (what
  ``gatekeeper bundle build`` writes), otherwise no decision is made. The revision
  names the rules only; the runtime documents (roster, waivers) the bundle holds
  are compared with the local ``--data`` ones once per engine. OPA keeps
  bundle roots disjoint and refuses Policy and Data API writes under them, so no
  one else can add rules or data below ``data.gatekeeper`` beside the bundle.
- an upload to a dedicated server (``--opa-upload``): gatekeeper uploads its
  modules and data plus one module of its own, ``gatekeeper_upload``, which holds
  the manifest of that upload (revision, module ids, data keys) and the
  ``answer`` rule: the decision together with every data document the policy
  reads, read in one evaluation. Each decision compares that data with the local
  data and the server's module listing with the local modules, exactly.

An upload refuses a server holding modules or data that no gatekeeper upload put
there, and deletes only what the previous upload's manifest names.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._files import DATA_DOCUMENTS, DATA_ROOT, PolicySet

NAME = "opa-server"
UPLOAD_PACKAGE = "gatekeeper_upload"
UPLOAD_MODULE_ID = f"{UPLOAD_PACKAGE}/upload.rego"
POLICY_ID_PREFIX = "gatekeeper"


def expected_revision(policy: PolicySet) -> str:
    """The revision a bundle of this policy carries (``gatekeeper bundle build``'s default)."""
    return f"sha256:{policy.digest}"


def bundle_revision(provenance: Any, expected: str, url: str) -> str:
    """The matching bundle revision in a provenance object, or ``EngineError`` (mismatch)."""
    bundles = provenance.get("bundles") if isinstance(provenance, Mapping) else None
    revisions = {
        str(name): str(info.get("revision", ""))
        for name, info in (bundles or {}).items()
        if isinstance(info, Mapping)
    }
    if expected in revisions.values():
        return expected
    found = ", ".join(f"{name}={rev or '(none)'}" for name, rev in sorted(revisions.items()))
    raise EngineError(
        f"{NAME}: the server at {url} does not serve the local policy revision {expected} "
        f"(bundles: {found or 'none'}); no decision was made - serve the bundle of this "
        "revision (gatekeeper bundle build) or use --opa-upload on a dedicated server"
    )


def data_paths(policy: PolicySet) -> list[tuple[str, ...]]:
    """Every data document path the policy reads: each data file's folder, and the
    documents ``--data`` may supply (present or not)."""
    paths = {path.parent.relative_to(policy.root).parts for path in policy.data_files}
    paths |= {(DATA_ROOT, name) for name in DATA_DOCUMENTS}
    if () in paths:  # a data file at the root: its top-level keys
        paths |= {(key,) for key in policy.data if key != DATA_ROOT}
    return sorted(p for p in paths if p and not any(q != p and p[: len(q)] == q for q in paths))


def value_at(data: Mapping[str, Any], path: Sequence[str]) -> list[Any]:
    """``[value]`` at ``path`` of ``data``, or ``[]`` when absent (as the Rego comprehension)."""
    node: Any = data
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            return []
        node = node[part]
    return [node]


def _ref(path: Sequence[str]) -> str:
    return "data" + "".join(f"[{json.dumps(part)}]" for part in path)


@dataclass(frozen=True)
class Upload:
    """The modules and data one policy revision puts on a dedicated server."""

    revision: str
    modules: Mapping[str, str]
    data_keys: tuple[tuple[str, ...], ...]
    checked: tuple[tuple[str, ...], ...]
    expected: Mapping[str, list[Any]]
    data_digests: Mapping[str, str] = field(default_factory=dict)
    """The runtime documents of this upload (roster, waivers), each by its digest."""

    @property
    def manifest(self) -> dict[str, Any]:
        """What this upload put on the server (read back by the next upload)."""
        return {
            "revision": self.revision,
            "data_digests": dict(self.data_digests),
            "modules": sorted(self.modules),
            "data": [list(key) for key in self.data_keys],
        }

    def is_in_place(self, previous: Any) -> bool:
        """Whether ``previous`` (the server's upload manifest) is exactly this upload."""
        return (
            isinstance(previous, Mapping)
            and previous.get("revision") == self.revision
            and previous.get("data_digests") == dict(self.data_digests)
        )

    @cached_property
    def module_digests(self) -> dict[str, str]:
        """Module id -> sha256 of its text, as the server must list them."""
        return {
            policy_id: hashlib.sha256(source.encode("utf-8")).hexdigest()
            for policy_id, source in self.modules.items()
        }


def plan_upload(policy: PolicySet, merged: Mapping[str, str]) -> Upload:
    """The upload of ``policy`` (its modules merged per package as ``merged``)."""
    revision = expected_revision(policy)
    data_keys: list[tuple[str, ...]] = []
    for key, value in sorted(policy.data.items()):
        if key == DATA_ROOT and isinstance(value, Mapping):
            data_keys += [(DATA_ROOT, sub) for sub in sorted(value)]
        else:
            data_keys.append((key,))
    checked = tuple(data_paths(policy))
    expected = {json.dumps(list(path)): value_at(policy.data, path) for path in checked}
    modules = {f"{POLICY_ID_PREFIX}/{name}": source for name, source in merged.items()}
    upload = Upload(
        revision, modules, tuple(data_keys), checked, expected, dict(policy.data_digests)
    )
    modules[UPLOAD_MODULE_ID] = _upload_module(upload)
    return upload


def transition_module(upload: Upload, previous: Any) -> str:
    """The upload module while an upload is under way: its manifest names what the
    previous upload and this one put there, so an interrupted upload leaves nothing
    that the next upload would take for someone else's."""
    old = previous if isinstance(previous, Mapping) else {}
    modules = dict.fromkeys([*old.get("modules", []), *upload.modules], "")
    keys = {tuple(k) for k in old.get("data", [])} | set(upload.data_keys)
    during = Upload(f"uploading {upload.revision}", modules, tuple(sorted(keys)), (), {})
    return _upload_module(during)


def _upload_module(upload: Upload) -> str:
    entries = "\n".join(
        f"\t{json.dumps(json.dumps(list(path)))}: [v | v := {_ref(path)}],"
        for path in upload.checked
    )
    return (
        "# METADATA\n"
        "# title: gatekeeper upload\n"
        "# description: written by gatekeeper check --opa-upload; the manifest of the upload\n"
        "#   and the decision read together with the data it depends on\n"
        f"package {UPLOAD_PACKAGE}\n\n"
        f"manifest := {json.dumps(upload.manifest, sort_keys=True)}\n\n"
        "answer := {\n"
        '\t"decision": [d | d := data.gatekeeper.main.decision],\n'
        f'\t"data": {{\n{entries}\n\t}},\n'
        "}\n"
    )


def check_answer(upload: Upload, answer: Any, url: str) -> Any:
    """The decision of an ``answer`` whose data equals the local data, else ``EngineError``."""
    if not isinstance(answer, Mapping) or not isinstance(answer.get("data"), Mapping):
        raise EngineError(
            f"{NAME}: the server at {url} holds no gatekeeper upload of revision "
            f"{upload.revision}; no decision was made"
        )
    state = answer["data"]
    changed = [
        ".".join(json.loads(key))
        for key, value in sorted(upload.expected.items())
        if state.get(key) != value
    ]
    if changed:
        raise EngineError(
            f"{NAME}: data on the server at {url} differs from the local revision "
            f"{upload.revision} at data.{', data.'.join(changed)}; no decision was made"
        )
    decisions = answer.get("decision")
    return decisions[0] if isinstance(decisions, list) and len(decisions) == 1 else None


def check_modules(upload: Upload, held: Mapping[str, str], url: str) -> None:
    """``EngineError`` unless ``held`` (id -> sha256, see :func:`listed_modules`) is
    exactly the modules of ``upload``."""
    wanted = upload.module_digests
    if held == wanted:
        return
    foreign = sorted(set(held) - set(wanted))
    missing = sorted(set(wanted) - set(held))
    changed = sorted(k for k in set(held) & set(wanted) if held[k] != wanted[k])
    parts = [
        f"{label}: {', '.join(ids)}"
        for label, ids in (("not uploaded by this run", foreign), ("missing", missing))
        if ids
    ]
    if changed:
        parts.append(f"changed: {', '.join(changed)}")
    raise EngineError(
        f"{NAME}: the modules on the server at {url} are not the local revision "
        f"{upload.revision} ({'; '.join(parts)}); no decision was made"
    )


def listed_modules(listing: Any) -> dict[str, str]:
    """Module id -> sha256 of its text, from ``GET /v1/policies`` (``system.*`` left out)."""
    result = listing.get("result") if isinstance(listing, Mapping) else None
    held: dict[str, str] = {}
    for entry in result or []:
        if not isinstance(entry, Mapping) or _package(entry)[:1] == ("system",):
            continue  # the server's own configuration
        if isinstance(entry.get("id"), str):
            raw = str(entry.get("raw", ""))
            held[entry["id"]] = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return held


def _package(entry: Mapping[str, Any]) -> tuple[str, ...]:
    """The package path of a listed module (from the AST the server returns)."""
    ast = entry.get("ast")
    package = ast.get("package") if isinstance(ast, Mapping) else None
    path = package.get("path") if isinstance(package, Mapping) else None
    terms = [t.get("value") for t in path or [] if isinstance(t, Mapping)]
    return tuple(str(t) for t in terms[1:])  # drop the leading "data"


def foreign_state(listing: Any, previous: Any, server_data: Any) -> list[str]:
    """What the server holds that no gatekeeper upload put there (empty: safe to upload).

    ``listing`` is ``GET /v1/policies``, ``previous`` the manifest of the last upload
    (``None`` if there is none) and ``server_data`` ``GET /v1/data``.
    """
    manifest = previous if isinstance(previous, Mapping) else {}
    entries = listing.get("result") if isinstance(listing, Mapping) else None
    entries = [e for e in entries or [] if isinstance(e, Mapping)]
    ours = set(manifest.get("modules", [])) | {UPLOAD_MODULE_ID} if manifest else set()
    # the server's own configuration (``system.authz``, ``system.log``) decides nothing here
    own = [e for e in entries if e.get("id") in ours or _package(e)[:1] == ("system",)]
    foreign = [f"module {e.get('id')}" for e in entries if e not in own]
    allowed = {tuple(key) for key in manifest.get("data", [])}
    allowed |= {(UPLOAD_PACKAGE,)}
    for entry in own:
        package = _package(entry)
        allowed |= {package[:i] for i in range(1, len(package) + 1)}
    data = server_data if isinstance(server_data, Mapping) else {}
    for key, value in sorted(data.items()):
        if (key,) in allowed and not (key == DATA_ROOT and isinstance(value, Mapping)):
            continue
        if key == DATA_ROOT and isinstance(value, Mapping):
            foreign += [
                f"data.{DATA_ROOT}.{sub}"
                for sub in sorted(value)
                if (DATA_ROOT, sub) not in allowed
            ]
            continue
        foreign.append(f"data.{key}")
    return foreign
