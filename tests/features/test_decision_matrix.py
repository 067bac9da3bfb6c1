"""Binds the rollout decision-matrix feature."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios("decision_matrix.feature")
