"""The input schemas compiled by fastjsonschema: one module per gate, each with
``VALIDATORS``, ``{schema id: validate}``. Written by ``python -m tools.build_schemas``;
do not edit.
"""
