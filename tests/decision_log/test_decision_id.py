"""Every decision gets a fresh random UUID (version 4), written as ``uuid`` writes it."""

from __future__ import annotations

import uuid

from gatekeeper.log._decision_log import new_decision_id


def test_success_decision_id_is_a_version_4_uuid_in_canonical_form() -> None:
    seen = {new_decision_id() for _ in range(2000)}
    assert len(seen) == 2000
    for text in seen:
        parsed = uuid.UUID(text)
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == text
