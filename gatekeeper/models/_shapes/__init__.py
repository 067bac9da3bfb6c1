"""The input schemas compiled by fastjsonschema: one module per schema, each with
``validate(document)``. Written by ``python -m tools.build_schemas``; do not edit.
"""
