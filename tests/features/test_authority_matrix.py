"""Binds the decision-authority matrix feature."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios("authority_matrix.feature")
