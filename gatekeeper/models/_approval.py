"""Input of the ``approval`` gate: may these people take this manual decision now?"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from gatekeeper.models._types import InputModel, Phase, evidence

TriggerType = Literal["automated", "performance", "quality", "business", "operational_anomaly"]
ManualDecision = Literal["rollback", "continue", "promote", "override"]


class ApprovalInput(InputModel):
    """Input of the approval gate (docs/promotion-approval.md, Approval gate).

    Roles come from the roster in policy data (``data.gatekeeper.roster``), never
    from the input: the input only names the people.
    """

    gate: Literal["approval"] = Field(description="`approval`.")
    trigger_type: TriggerType | None = evidence(
        "Row of the authority matrix the decision belongs to."
    )
    phase_percent: Phase | None = evidence("Share of traffic on the canary now.", "percent")
    decision: ManualDecision | None = evidence("The manual decision being taken.")
    approvers: list[str] | None = evidence(
        "Identities of the people taking the decision (looked up in the roster)."
    )
