"""``--since REV``: what changed in the rule set between a git revision and now.

The old policy files are read with ``git show REV:path`` into a scratch folder and
loaded exactly like the current ones, so rules and data are compared the same way:
rules added, removed or whose text changed; every data leaf under
``data.gatekeeper`` that changed, with its old and new value, classified as a
decision-matrix cell, an authority-matrix cell or a threshold/setting; and the
history of the change, commit by commit with its author, date and review trailers,
grouped by rule (:mod:`gatekeeper.audit._history`).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gatekeeper.audit._history import History, policy_history
from gatekeeper.audit._process import git
from gatekeeper.audit._source import RuleSet, collect_rules
from gatekeeper.audit._tables import flatten, gatekeeper_data
from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._files import DATA_FILE_NAMES, PolicySet, load_policy_set

_MISSING = "(absent)"


@dataclass
class Change:
    """One changed data leaf: where, what kind, the old and the new value."""

    kind: str
    path: str
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"kind": self.kind, "path": self.path, "old": self.old, "new": self.new}


@dataclass
class RuleSetDiff:
    """The change-approval record between ``revision`` and the policy in force."""

    revision: str
    commit: str
    commit_time: str = ""
    rules_added: list[str] = field(default_factory=list)
    rules_removed: list[str] = field(default_factory=list)
    rules_changed: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    history: History | None = None

    @property
    def unchanged(self) -> bool:
        """No rule and no data value changed, and no commit touched the policy."""
        history = self.history
        return not (
            self.rules_added
            or self.rules_removed
            or self.rules_changed
            or self.changes
            or (history is not None and (history.commits or history.uncommitted))
        )

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "unchanged": self.unchanged,
            "history": self.history.to_json() if self.history else None,
            "revision": self.revision,
            "commit": self.commit,
            "commit_time": self.commit_time,
            "rules_added": self.rules_added,
            "rules_removed": self.rules_removed,
            "rules_changed": self.rules_changed,
            "changes": [c.to_json() for c in self.changes],
        }


def _git(root: Path, *args: str) -> str:
    return git(root, args, f"--since: git {' '.join(args)}")


def git_revision(root: Path) -> str | None:
    """The commit checked out at ``root`` (``+dirty`` when policy files differ), or None."""
    try:
        commit = _git(root, "rev-parse", "HEAD").strip()
        dirty = _git(root, "status", "--porcelain", "--", ".").strip()
    except PolicyError:
        return None
    return f"{commit}+dirty" if dirty else commit


def _known_revisions(top: Path) -> str:
    """A short list of the tags and branches of the repository, for error messages."""
    try:
        names = _git(top, "for-each-ref", "--format=%(refname:short)", "refs/tags", "refs/heads")
    except PolicyError:
        return ""
    listed = names.split()
    shown = ", ".join(listed[:12]) + (", ..." if len(listed) > 12 else "")
    return f" (tags and branches here: {shown})" if listed else " (this repository has no tags)"


def resolve_revision(root: Path, revision: str) -> tuple[Path, str]:
    """The repository top and the commit of ``revision`` (a tag, branch or commit).

    A revision that does not exist, or a policy folder outside any git repository, is a
    ``PolicyError`` that says so in words (exit 2).
    """
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    except PolicyError as exc:
        raise PolicyError(
            f"--since {revision}: the policy folder {root} is not in a git repository, "
            "so there is no earlier revision to compare with"
        ) from exc
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
    except PolicyError as exc:
        raise PolicyError(
            f"--since {revision}: no such revision in {top}: give a tag, branch or commit "
            f"that exists{_known_revisions(top)}, e.g. --since HEAD~1"
        ) from exc
    return top, commit


def commit_time(top: Path, commit: str) -> str:
    """The commit time of ``commit`` in UTC, in the decision log's time format."""
    from datetime import UTC, datetime

    text = _git(top, "show", "-s", "--format=%cI", commit).strip()
    moment = datetime.fromisoformat(text).astimezone(UTC)
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def load_at_revision(policy: PolicySet, revision: str, scratch: Path) -> tuple[PolicySet, str]:
    """The policy set of ``revision`` (same folder in the repository) and its commit id."""
    top, commit = resolve_revision(policy.root, revision)
    relative = policy.root.resolve().relative_to(top).as_posix()
    listing = _git(top, "ls-tree", "-r", "--name-only", commit, "--", relative)
    target = scratch / "policy"
    wanted = [
        name
        for name in listing.splitlines()
        if name.endswith(".rego") or Path(name).name in DATA_FILE_NAMES
    ]
    if not wanted:
        raise PolicyError(f"--since: no policy files under {relative} at {revision}")
    for name in wanted:
        content = subprocess.run(
            ["git", "-C", str(top), "show", f"{commit}:{name}"],
            capture_output=True,
            timeout=60,
            check=True,
        ).stdout
        destination = target / Path(name).relative_to(relative)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
    return load_policy_set(target, layer_from_env=False), commit


def diff_since(
    policy: PolicySet,
    rules: RuleSet,
    revision: str,
    classify: Callable[[str], str],
) -> RuleSetDiff:
    """Compare the rule set and data of ``revision`` with the current ``policy``."""
    with tempfile.TemporaryDirectory(prefix="gatekeeper-since-") as tmp:
        old_policy, commit = load_at_revision(policy, revision, Path(tmp))
        old_rules = collect_rules(old_policy.root, old_policy.modules)
    top = Path(_git(policy.root, "rev-parse", "--show-toplevel").strip()).resolve()
    diff = RuleSetDiff(revision=revision, commit=commit, commit_time=commit_time(top, commit))
    old_ids, new_ids = set(old_rules.rules), set(rules.rules)
    diff.rules_added = sorted(new_ids - old_ids)
    diff.rules_removed = sorted(old_ids - new_ids)
    diff.rules_changed = sorted(
        rule_id
        for rule_id in old_ids & new_ids
        if _rule_text(old_rules, rule_id) != _rule_text(rules, rule_id)
    )
    diff.changes = data_changes(old_policy.data, policy.data, classify)
    diff.history = policy_history(
        policy.root, revision, commit, lambda old, new: data_changes(old, new, classify)
    )
    return diff


def _rule_text(rules: RuleSet, rule_id: str) -> list[str]:
    return [d.text for d in rules.rules[rule_id].definitions]


def data_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], classify: Callable[[str], str]
) -> list[Change]:
    """Changed, added and removed leaves of ``data.gatekeeper``, old and new values."""
    before = flatten(gatekeeper_data(old))
    after = flatten(gatekeeper_data(new))
    changes: list[Change] = []
    for path in sorted(set(before) | set(after)):
        old_value = before.get(path, _MISSING)
        new_value = after.get(path, _MISSING)
        if old_value != new_value or type(old_value) is not type(new_value):
            changes.append(Change(classify(path), path, old_value, new_value))
    return changes


class LastChange:
    """``abc1234 2026-11-29`` of the newest commit touching some files (cached), or ``-``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[tuple[str, ...], str] = {}

    def __call__(self, files: Sequence[str]) -> str:
        key = tuple(sorted(files))
        if not key:
            return "-"
        if key not in self._cache:
            try:
                text = _git(self.root, "log", "-1", "--format=%h %cs", "--", *key).strip()
            except PolicyError:
                text = ""
            self._cache[key] = text or "not committed"
        return self._cache[key]
