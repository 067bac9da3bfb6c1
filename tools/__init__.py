"""Generators run from a checkout (``python3 -m tools.NAME``), never shipped in the wheel.

They write what the package and the docs ship: the input schemas, the input and
command-line references. Each has ``--check``, which CI and the tests run to keep
the shipped files in step with their sources.
"""
