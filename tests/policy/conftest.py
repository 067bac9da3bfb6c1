"""Fixtures for the policy identity and policy data tests: real ``gatekeeper serve``."""

from __future__ import annotations

from tests.serve.conftest import serve

__all__ = ["serve"]
