"""Fixtures of the audit tests."""

from __future__ import annotations

import pytest

from gatekeeper.models._exceptions import EngineError
from gatekeeper.policy._opa_tool import find_opa_binary


@pytest.fixture(scope="session")
def opa_or_none() -> str | None:
    """The opa binary when installed (tests that need it also run the fallback without it)."""
    try:
        return find_opa_binary()
    except EngineError:
        return None
