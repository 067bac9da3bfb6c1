"""Steps of the other rollout profiles (SPEC 4): gray-scale, environment, model registry,
blue-green."""

from __future__ import annotations
