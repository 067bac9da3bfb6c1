"""The decision pipeline: read an input, prepare it for a rule set, ask the engine, finish.

``check`` owns input reading (JSON, YAML, JSON lines), the typed options every
driver takes, and the one pipeline that ``gatekeeper check``, ``--batch``,
``serve`` and ``replay`` drive: prepare the document for a rule set, evaluate it
on an engine, and finish the engine's answer into a decision, a log record and a
report.
"""
