"""Find gatekeeper's Rego policies and data on disk, and read them as OPA would.

The layout follows ``opa eval -d DIR``: every ``.rego`` file is a module, and every
``data.json`` / ``data.yaml`` is placed in the data document at the path of its
folder relative to the root (``rego/gatekeeper/profiles/data.json`` becomes
``data.gatekeeper.profiles``). Files passed with ``--data`` are merged at the root
and may supply only the documents declared for them (:data:`DATA_DOCUMENTS`: the
roster and the waivers); anything else, such as a key under
``data.gatekeeper.profiles``, is refused, so a data file can never loosen a threshold.
An organisation's policy data layer (``--policy-data DIR``, see
:mod:`gatekeeper.policy._layer`) is merged over the shipped profiles.

The digest (the policy revision) covers the rule set: every module and every policy
data file, as the layer leaves it. The ``--data`` documents are runtime facts, not
rules: each has its own digest (:attr:`PolicySet.data_digests`), logged beside the
revision and never folded into it, so the same rules show the same revision in
``check``, ``serve``, a bundle and the audit (docs/policy-data.md).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._documents import merge_documents, read_data_file
from gatekeeper.policy._layer import (
    LAYER_PATH,
    PolicyLayer,
    apply_layer,
    layer_paths,
    policy_data_dir,
    read_layer,
)

POLICY_DIR_ENV = "GATEKEEPER_POLICY_DIR"
ENTRYPOINT = "gatekeeper/main/decision"
ENTRYPOINT_QUERY = "data.gatekeeper.main.decision"
DATA_FILE_NAMES = ("data.json", "data.yaml", "data.yml")
DATA_ROOT = "gatekeeper"
DATA_DOCUMENTS = ("roster", "waivers")
"""The documents ``--data`` may supply, below ``data.gatekeeper``."""


def default_policy_dir() -> Path:
    """The policy folder in force: ``$GATEKEEPER_POLICY_DIR``, the packaged copy, or ``rego/``."""
    configured = os.environ.get(POLICY_DIR_ENV)
    if configured:
        return Path(configured)
    here = Path(__file__).resolve().parent
    packaged = here / "_rego"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "rego"


def shipped_folder(name: str) -> Path:
    """A folder gatekeeper ships beside its policy (``features``, ``scenarios``,
    ``examples``): the packaged copy in an installed wheel, else the checkout's."""
    here = Path(__file__).resolve().parent
    packaged = here / f"_{name}"
    return packaged if packaged.is_dir() else here.parents[1] / name


class PolicySet(NamedTuple):
    """The modules and the merged data document of one policy revision."""

    root: Path
    modules: Mapping[str, str]
    data: Mapping[str, Any]
    digest: str
    data_files: tuple[Path, ...] = ()
    extra_data_files: tuple[Path, ...] = ()
    layer: PolicyLayer | None = None
    layered: Mapping[Path, Any] = MappingProxyType({})
    """Policy data file -> its document as the layer changed it (only files it changed)."""
    data_digests: Mapping[str, str] = MappingProxyType({})
    """``data.gatekeeper.<document>`` -> ``sha256:<hex>`` of each ``--data`` document."""

    @property
    def module_files(self) -> tuple[Path, ...]:
        """The policy module files, in the order of :attr:`modules`."""
        return tuple(self.root / name for name in self.modules)

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file a decision reads: modules, data files, the layer, ``--data`` files."""
        layer = self.layer.files if self.layer is not None else ()
        return (*self.module_files, *self.data_files, *layer, *self.extra_data_files)

    @property
    def identity(self) -> str:
        """Everything a decision reads: the rules' digest and each runtime document's
        (two policy sets with one identity decide every input alike)."""
        runtime = ",".join(f"{k}={v}" for k, v in sorted(self.data_digests.items()))
        return f"{self.digest};{runtime}"

    @property
    def layer_root(self) -> Path | None:
        """The organisation's layer folder, if any."""
        return self.layer.root if self.layer is not None else None

    @property
    def revision(self) -> str:
        """A short, human-readable name of this revision (``sha256:`` and 12 hex digits)."""
        return f"sha256:{self.digest[:12]}"


def is_test_module(path: Path) -> bool:
    """Whether ``path`` is a Rego unit-test file (``*_test.rego``)."""
    return path.name.endswith("_test.rego")


def _entries(root: Path) -> Iterator[Path]:
    """Every entry below ``root`` (files and folders; symbolic links to folders are listed,
    not entered), as ``Path.rglob("*")`` gives them, in one walk of the tree."""
    for folder, folders, files in os.walk(root):
        base = Path(folder)
        for name in (*folders, *files):
            yield base / name


def policy_module_paths(root: Path, entries: Iterable[Path] | None = None) -> list[Path]:
    """Every non-test ``.rego`` file below ``root``, sorted."""
    found = _entries(root) if entries is None else entries
    return sorted(p for p in found if p.name.endswith(".rego") and not is_test_module(p))


def data_file_paths(root: Path, entries: Iterable[Path] | None = None) -> list[Path]:
    """Every data document below ``root`` (``data.json`` / ``data.yaml``), sorted."""
    found = _entries(root) if entries is None else entries
    return sorted(p for p in found if p.name in DATA_FILE_NAMES and p.is_file())


def _nest(prefix: Iterable[str], document: Any) -> dict[str, Any]:
    parts = list(prefix)
    nested: Any = document
    for part in reversed(parts):
        nested = {part: nested}
    if not isinstance(nested, dict):
        raise PolicyError("a data file at the policy root must hold a JSON object")
    return nested


def load_policy_set(
    root: Path | None = None,
    extra_data: Sequence[Path | str] = (),
    policy_data: Path | str | None = None,
    *,
    layer_from_env: bool = True,
) -> PolicySet:
    """Read the policy modules and data below ``root``, the organisation's layer
    (``policy_data``, else ``$GATEKEEPER_POLICY_DATA`` unless ``layer_from_env`` is
    false) and the ``extra_data`` files."""
    policy_root = (root or default_policy_dir()).resolve()
    if not policy_root.is_dir():
        raise PolicyError(f"policy folder not found: {policy_root}")
    hasher = hashlib.sha256()
    modules: dict[str, str] = {}
    entries = list(_entries(policy_root))
    for path in policy_module_paths(policy_root, entries):
        relative = path.relative_to(policy_root).as_posix()
        raw = path.read_bytes()
        _hash_entry(hasher, relative, raw)
        modules[relative] = raw.decode("utf-8")
    if not modules:
        raise PolicyError(f"no Rego policy found in {policy_root}")
    data: dict[str, Any] = {}
    data_files = data_file_paths(policy_root, entries)
    for path in data_files:
        relative_dir = path.parent.relative_to(policy_root)
        merge_documents(data, _nest(relative_dir.parts, read_data_file(path)), "data")
    layer_dir = policy_data_dir(policy_data) if layer_from_env else policy_data
    layer = read_layer(Path(layer_dir)) if layer_dir else None
    layered = _apply(layer, data, data_files, policy_root) if layer is not None else {}
    for path in data_files:
        name = path.relative_to(policy_root).as_posix()
        if path in layered:  # the rules as the layer leaves them
            _hash_entry(hasher, f"{name}+policy-data", _canonical(layered[path]))
        else:
            _hash_entry(hasher, name, path.read_bytes())
    extra_paths = tuple(Path(p) for p in extra_data)
    runtime: dict[str, Any] = {}
    for path in extra_paths:
        document = read_data_file(path)
        check_data_document(path, document)
        merge_documents(runtime, document, "data")
    merge_documents(data, runtime, "data")
    return PolicySet(
        root=policy_root,
        modules=modules,
        data=data,
        digest=hasher.hexdigest(),
        data_files=tuple(data_files),
        extra_data_files=extra_paths,
        layer=layer,
        layered=layered,
        data_digests=runtime_digests(runtime),
    )


def _apply(
    layer: PolicyLayer, data: dict[str, Any], data_files: Sequence[Path], root: Path
) -> dict[Path, Any]:
    """Merge ``layer`` into ``data`` in place; the data files whose document it changed."""
    parent: Any = data
    for part in LAYER_PATH[:-1]:
        parent = parent.get(part) if isinstance(parent, dict) else None
    if not isinstance(parent, dict) or not isinstance(parent.get(LAYER_PATH[-1]), dict):
        raise PolicyError(f"--policy-data: the policy at {root} has no data.gatekeeper.profiles")
    shipped = parent[LAYER_PATH[-1]]
    merged = apply_layer(shipped, layer)
    parent[LAYER_PATH[-1]] = merged
    changed: dict[Path, Any] = {}
    for path in layer_paths(layer, data_files, root):
        parts = path.parent.relative_to(root.joinpath(*LAYER_PATH)).parts
        old, new = _at(shipped, parts), _at(merged, parts)
        if old != new:
            changed[path] = new
    return changed


def _at(document: Any, parts: Sequence[str]) -> Any:
    for part in parts:
        document = document[part]
    return document


def _canonical(document: Any) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode("utf-8")


def runtime_digests(runtime: Mapping[str, Any]) -> dict[str, str]:
    """``data.gatekeeper.<name>`` -> ``sha256:<hex>`` of each runtime document supplied."""
    documents = runtime.get(DATA_ROOT, {})
    return {
        f"data.{DATA_ROOT}.{name}": "sha256:" + hashlib.sha256(_canonical(value)).hexdigest()
        for name, value in sorted(documents.items())
    }


def check_data_document(path: Path, document: Any) -> None:
    """Refuse a ``--data`` document that holds anything but the declared documents."""
    declared = ", ".join(f"data.{DATA_ROOT}.{name}" for name in DATA_DOCUMENTS)
    if not isinstance(document, Mapping):
        raise PolicyError(f"data file {path}: must hold a JSON object")
    for key, value in document.items():
        if key != DATA_ROOT:
            raise PolicyError(
                f"data file {path}: data.{key} may not be supplied with --data (only {declared})"
            )
        if not isinstance(value, Mapping):
            raise PolicyError(f"data file {path}: data.{DATA_ROOT} must be a JSON object")
        for name in value:
            if name not in DATA_DOCUMENTS:
                raise PolicyError(
                    f"data file {path}: data.{DATA_ROOT}.{name} may not be supplied with "
                    f"--data (only {declared})"
                )


def _hash_entry(hasher: Any, name: str, content: bytes) -> None:
    hasher.update(name.encode("utf-8") + b"\0")
    hasher.update(hashlib.sha256(content).digest())


def modules_digest(modules: Mapping[str, str]) -> str:
    """sha256 over the modules' relative paths and contents, in path order."""
    hasher = hashlib.sha256()
    for name in sorted(modules):
        hasher.update(name.encode("utf-8") + b"\0")
        hasher.update(hashlib.sha256(modules[name].encode("utf-8")).digest())
    return hasher.hexdigest()
