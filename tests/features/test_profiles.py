"""Binds the features of the other rollout profiles (docs/rollout-profiles.md)."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios(
    "gray_scale.feature",
    "environment.feature",
    "model_registry.feature",
    "blue_green.feature",
    "sequential.feature",
)
