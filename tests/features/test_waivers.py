"""Binds the waivers feature."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios("waivers.feature")
