"""One report for several inputs (``gatekeeper check A.json B.yaml inputs/``).

Each input's report is rendered as for one input and the reports are joined the way
each format's readers expect one document: text and markdown one after the other
with the input named, ``github`` annotations in sequence, ``json`` one line per input
(with its ``source`` and ``exit_code``, as ``--batch`` writes), ``junit`` every test
suite under one ``<testsuites>``, ``sarif`` one run holding every result. A summary
counts go, blocked and undecided; the exit code is the worst (2 > 1 > 0).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from gatekeeper.reports._context import ErrorReport, Report
from gatekeeper.reports._formats import render, render_error

Item = Report | ErrorReport


def summary_line(items: Sequence[Item]) -> str:
    """``3 inputs: 1 go, 1 blocked, 1 undecided``."""
    counts = [0, 0, 0]
    for item in items:
        counts[min(item.exit_code, 2)] += 1
    go, blocked, undecided = counts
    return f"{len(items)} inputs: {go} go, {blocked} blocked, {undecided} undecided"


def _one(name: str, item: Item) -> str:
    return render_error(name, item) if isinstance(item, ErrorReport) else render(name, item)


def render_many(name: str, items: Sequence[Item]) -> str:
    """The report of format ``name`` over every input of ``items``."""
    if name == "json":
        return "".join(json.dumps(_json_line(i), ensure_ascii=False) + "\n" for i in items)
    if name == "sarif":
        return _sarif(items)
    if name == "junit":
        return _junit(items)
    if name == "github":
        return "".join(_one(name, item) for item in items)
    if name == "markdown":
        parts = [f"## {item.source}\n\n{_one(name, item)}" for item in items]
        return "\n---\n\n".join(parts) + f"\n---\n\n**{summary_line(items)}**\n"
    parts = [f"== {item.source}\n{_one(name, item)}" for item in items]
    return "\n".join(parts) + f"\ngatekeeper: {summary_line(items)}\n"


def _json_line(item: Item) -> dict[str, Any]:
    if isinstance(item, ErrorReport):
        return {"source": item.source, "error": item.message, "exit_code": item.exit_code}
    return {"source": item.source, **item.as_json_object(), "exit_code": item.exit_code}


def _junit(items: Sequence[Item]) -> str:
    root = ET.Element("testsuites", name="gatekeeper")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for item in items:
        document = ET.fromstring(_one("junit", item).encode("utf-8"))
        for suite in document.findall("testsuite"):
            root.append(suite)
        for key in totals:
            totals[key] += int(document.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _sarif(items: Sequence[Item]) -> str:
    rules: list[dict[str, Any]] = []
    index_of: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    inputs: list[dict[str, Any]] = []
    log: dict[str, Any] = {}
    for item in items:
        log = json.loads(_one("sarif", item))
        run = log["runs"][0]
        for rule in run["tool"]["driver"]["rules"]:
            if rule["id"] not in index_of:
                index_of[rule["id"]] = len(rules)
                rules.append(rule)
        for result in run["results"]:
            results.append({**result, "ruleIndex": index_of[result["ruleId"]]})
        for ran in run["invocations"]:
            notifications += ran.get("toolExecutionNotifications", [])
        inputs.append({"source": item.source, "exitCode": item.exit_code, **run["properties"]})
    run = log["runs"][0]
    run["tool"]["driver"]["rules"] = rules
    run["results"] = results
    invocation: dict[str, Any] = {
        "executionSuccessful": not notifications,
        "exitCode": max(item.exit_code for item in items),
        "endTimeUtc": items[-1].time,
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run["invocations"] = [invocation]
    run["properties"] = {"summary": summary_line(items), "inputs": inputs}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
