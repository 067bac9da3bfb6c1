"""``--since REV``: the commits that changed the rule set, grouped by rule, for an auditor.

For every commit after ``REV`` that touched the policy folder (oldest first, merges
left out: their changes are the commits they bring in), the commit id, author, date,
subject and review trailers (``Reviewed-by:``, ``Approved-by:``). Each commit's
policy files are compared with its parent's the way :mod:`gatekeeper.audit._since`
compares two revisions: rules added, removed or whose text changed, and every data
leaf under ``data.gatekeeper`` that changed. The result is grouped by subject: one
group per rule id, one per data file. Changes in the working tree that no commit holds
are listed apart: no commit, so no author and no review.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from gatekeeper.audit._process import git
from gatekeeper.audit._source import collect_rules
from gatekeeper.models._exceptions import PolicyError
from gatekeeper.policy._files import DATA_FILE_NAMES, is_test_module

REVIEW_TRAILERS = ("Reviewed-by", "Approved-by")
_FIELD, _RECORD, _VALUE = "\x1f", "\x1e", "\x1d"
_FORMAT = "%x1e" + "%x1f".join(
    ["%H", "%an", "%ae", "%aI", "%s"]
    + [f"%(trailers:key={key},valueonly,separator=%x1d)" for key in REVIEW_TRAILERS]
)


@dataclass(frozen=True)
class Commit:
    """One commit: who made it, when, why, and who reviewed and approved it."""

    commit: str
    author: str
    email: str
    date: str
    subject: str
    reviewed_by: tuple[str, ...] = ()
    approved_by: tuple[str, ...] = ()

    @property
    def reviewed(self) -> bool:
        """A review or an approval is recorded in the commit's trailers."""
        return bool(self.reviewed_by or self.approved_by)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "commit": self.commit,
            "author": self.author,
            "email": self.email,
            "date": self.date,
            "subject": self.subject,
            "reviewed_by": list(self.reviewed_by),
            "approved_by": list(self.approved_by),
            "reviewed": self.reviewed,
        }


@dataclass
class HistoryEntry:
    """What one commit did to one subject (a rule, or a data file's values)."""

    commit: Commit
    change: str
    details: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"change": self.change, "details": self.details, **self.commit.to_json()}


@dataclass
class History:
    """Every commit since the audited revision, and what it changed, grouped by subject."""

    revision: str
    commits: list[Commit] = field(default_factory=list)
    groups: dict[str, list[HistoryEntry]] = field(default_factory=dict)
    uncommitted: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form; ``groups`` sorted by subject, entries oldest first."""
        return {
            "revision": self.revision,
            "commits": [c.to_json() for c in self.commits],
            "unreviewed_commits": [c.commit for c in self.commits if not c.reviewed],
            "groups": [
                {"subject": subject, "entries": [e.to_json() for e in self.groups[subject]]}
                for subject in sorted(self.groups)
            ],
            "uncommitted": self.uncommitted,
        }


def _git(top: Path, *args: str) -> str:
    return git(top, args, f"--since: git {args[0]}")


def parse_log(text: str) -> list[Commit]:
    """Commits from ``git log --format=`` :data:`_FORMAT` output."""
    commits = []
    for record in text.split(_RECORD):
        fields = record.strip("\n").split(_FIELD)
        if len(fields) != 5 + len(REVIEW_TRAILERS):
            continue
        commit, author, email, date, subject, reviewed, approved = fields
        commits.append(
            Commit(commit, author, email, date, subject, _values(reviewed), _values(approved))
        )
    return commits


def _values(trailer: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in trailer.split(_VALUE) if v.strip())


def _policy_file(name: str) -> bool:
    path = PurePosixPath(name)
    return (name.endswith(".rego") and not is_test_module(Path(name))) or (
        path.name in DATA_FILE_NAMES
    )


def _show(top: Path, commit: str, name: str) -> str | None:
    """The text of ``name`` at ``commit``; None when the file does not exist there."""
    try:
        return _git(top, "show", f"{commit}:{name}")
    except PolicyError:
        return None


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except OSError:
        return None


def _rule_texts(name: str, text: str | None) -> dict[str, tuple[list[str], str]]:
    """Rule id -> (its definitions' text, its METADATA as JSON) in one module's text."""
    if text is None:
        return {}
    try:
        rules = collect_rules(Path("."), {name: text})
    except PolicyError:  # a module that does not scan is compared as a whole
        return {f"{name} (does not parse)": ([text], "")}
    return {
        rule_id: (
            [d.text for d in rule.definitions],
            json.dumps(rule.annotation or {}, sort_keys=True, default=str),
        )
        for rule_id, rule in rules.rules.items()
    }


def rule_changes(name: str, old: str | None, new: str | None) -> dict[str, str]:
    """Rule id -> ``added`` / ``removed`` / ``text changed`` / ``METADATA changed``
    between two texts of a module."""
    before, after = _rule_texts(name, old), _rule_texts(name, new)
    changes = {r: "added" for r in after.keys() - before.keys()}
    changes |= {r: "removed" for r in before.keys() - after.keys()}
    for rule_id in before.keys() & after.keys():
        if before[rule_id][0] != after[rule_id][0]:
            changes[rule_id] = "text changed"
        elif before[rule_id][1] != after[rule_id][1]:
            changes[rule_id] = "METADATA changed"
    return changes


def _document(name: str, text: str | None) -> Any:
    if text is None:
        return {}
    if name.endswith(".json"):
        return json.loads(text)
    return yaml.safe_load(text)


def _nested(relative: PurePosixPath, document: Any) -> dict[str, Any]:
    nested: Any = document
    for part in reversed(relative.parent.parts):
        nested = {part: nested}
    return nested if isinstance(nested, dict) else {}


def data_details(
    relative: PurePosixPath,
    old: str | None,
    new: str | None,
    changes_of: Callable[[Mapping[str, Any], Mapping[str, Any]], list[Any]],
) -> list[str]:
    """``path: old -> new`` for every changed leaf of one data file."""
    try:
        before = _nested(relative, _document(relative.name, old))
        after = _nested(relative, _document(relative.name, new))
    except (ValueError, yaml.YAMLError) as exc:
        return [f"the file does not parse: {' '.join(str(exc).split())[:200]}"]
    return [
        f"{c.path}: {json.dumps(c.old, sort_keys=True)} -> {json.dumps(c.new, sort_keys=True)}"
        for c in changes_of(before, after)
    ]


def _file_changes(
    top: Path, commit: str, parent: str | None, relative: str
) -> list[tuple[str, str]]:
    """(status, path) of the policy files a commit changed below ``relative``."""
    if parent is None:
        listing = _git(top, "ls-tree", "-r", "--name-only", commit, "--", relative)
        return [("A", name) for name in listing.splitlines() if _policy_file(name)]
    listing = _git(top, "diff", "--name-status", "--no-renames", parent, commit, "--", relative)
    found = []
    for line in listing.splitlines():
        status, _, name = line.partition("\t")
        if name and _policy_file(name):
            found.append((status[:1], name))
    return found


def _parent(top: Path, commit: str) -> str | None:
    parents = _git(top, "rev-list", "--parents", "-n", "1", commit).split()
    return parents[1] if len(parents) > 1 else None


class _Collector:
    """Adds one commit's (or the working tree's) changes to the groups."""

    def __init__(
        self,
        history: History,
        relative: str,
        changes_of: Callable[[Mapping[str, Any], Mapping[str, Any]], list[Any]],
    ) -> None:
        self.history = history
        self.relative = relative
        self.changes_of = changes_of

    def file(self, commit: Commit, name: str, old: str | None, new: str | None) -> None:
        inside = PurePosixPath(name).relative_to(self.relative) if self.relative else None
        local = inside or PurePosixPath(name)
        if local.name in DATA_FILE_NAMES:
            details = data_details(local, old, new, self.changes_of)
            change = "data values changed" if details else "no data value changed (layout)"
            entry = HistoryEntry(commit, change, details)
            self.history.groups.setdefault(f"data {local.as_posix()}", []).append(entry)
            return
        changes = rule_changes(local.as_posix(), old, new)
        for rule_id, change in sorted(changes.items()):
            entry = HistoryEntry(commit, change, [local.as_posix()])
            self.history.groups.setdefault(rule_id, []).append(entry)
        if not changes:  # comments, package METADATA or layout: still a change to list
            entry = HistoryEntry(commit, "no rule's text or METADATA changed", [local.as_posix()])
            self.history.groups.setdefault(f"file {local.as_posix()}", []).append(entry)


def _relative(top: Path, root: Path) -> str:
    relative = root.resolve().relative_to(top).as_posix()
    return "" if relative == "." else relative


def policy_history(
    root: Path,
    revision: str,
    commit: str,
    changes_of: Callable[[Mapping[str, Any], Mapping[str, Any]], list[Any]],
) -> History:
    """Every commit after ``commit`` (``revision``) touching ``root``, grouped by rule."""
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    relative = _relative(top, root)
    scope = ["--", relative] if relative else []
    log = _git(
        top, "log", "--reverse", "--no-merges", f"--format={_FORMAT}", f"{commit}..HEAD", *scope
    )
    history = History(revision)
    collector = _Collector(history, relative, changes_of)
    for entry in parse_log(log):
        parent = _parent(top, entry.commit)
        changed = _file_changes(top, entry.commit, parent, relative or ".")
        if not changed:
            continue
        history.commits.append(entry)
        for _status, name in changed:
            old = _show(top, parent, name) if parent else None
            collector.file(entry, name, old, _show(top, entry.commit, name))
    _working_tree(top, relative, history, collector)
    return history


def _working_tree(top: Path, relative: str, history: History, collector: _Collector) -> None:
    """Policy files that differ from HEAD in the working tree: changes no commit holds."""
    status = _git(top, "status", "--porcelain", "--untracked-files=all", "--", relative or ".")
    pending = Commit("working tree", "(not committed)", "", "", "changes no commit holds")
    for line in status.splitlines():
        name = line[3:].strip().strip('"')
        if " -> " in name:
            name = name.split(" -> ", 1)[1]
        if not _policy_file(name):
            continue
        history.uncommitted.append(name)
        collector.file(pending, name, _show(top, "HEAD", name), _read(top / name))
