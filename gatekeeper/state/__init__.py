"""Server state of the live decision loop: pending manual decisions and the
approvals people gave for them, in SQLite (one file beside the decision log) or
PostgreSQL (several serve replicas). Both implement :class:`StateStore`."""

from __future__ import annotations

from gatekeeper.state._open import STATE_KINDS, StateSettings, open_store
from gatekeeper.state._store import (
    Approval,
    PendingDecision,
    RolloutKey,
    StateStore,
    StateStoreError,
)

__all__ = [
    "STATE_KINDS",
    "Approval",
    "PendingDecision",
    "RolloutKey",
    "StateSettings",
    "StateStore",
    "StateStoreError",
    "open_store",
]
