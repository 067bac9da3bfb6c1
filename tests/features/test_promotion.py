"""Binds the promotion checklist feature."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios("promotion_checklist.feature")
