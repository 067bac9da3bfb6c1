@rollout @profile
Feature: Anytime-valid canary judgement (docs/statistics.md)
  The example profile sequential judges a canary against its baseline with confidence
  bounds that hold at every look at once: a trigger fires when the lower bound on the
  canary's rate as a ratio of the baseline's is above the threshold in data. The
  false-rollback budget (0.05) is declared once and split across the two checks judged
  statistically (0.025 each). A bound of 1 or less is no evidence either way; the
  canary steps up once it has been observed for the phase's window.

  Scenario Outline: <rule>: <evidence>
    Given a sequential canary at 10% traffic
    And <evidence>
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>

    @boundary
    Examples:
      | rule               | evidence                                                           | action            | code               |
      | ERROR_RATE_WORSE   | the error-rate ratio is at least 1 with confidence after 12 looks    | promote next step | none               |
      | ERROR_RATE_WORSE   | the error-rate ratio is at least 1.02 with confidence after 12 looks | auto rollback     | ERROR_RATE_WORSE   |
      | LATENCY_TAIL_WORSE | the slow-request ratio is at least 1.25 with confidence after 12 looks | promote next step | none               |
      | LATENCY_TAIL_WORSE | the slow-request ratio is at least 1.26 with confidence after 12 looks | auto rollback     | LATENCY_TAIL_WORSE |

  Scenario: The violation carries its evidence: bound, e-value, looks and level
    Given a sequential canary at 50% traffic
    And the error-rate ratio is at least 1.568 with confidence after 7 looks
    When the rollout gate decides
    Then the action is auto rollback
    And the ERROR_RATE_WORSE violation was observed at 1.568 against 1
    And the ERROR_RATE_WORSE violation has looks "7"
    And the ERROR_RATE_WORSE violation has alpha "0.025"
    And the ERROR_RATE_WORSE violation names "7 looks, e-value 412"
    And the ERROR_RATE_WORSE violation names "alpha 0.025: 0.05 across 2 checks"
    And the decision belongs to System

  Scenario: Evidence measured at another level than the profile's is not judged
    Given a sequential canary at 10% traffic
    And the error-rate ratio is at least 1.5 with confidence after 12 looks
    And the error-rate evidence was measured at alpha 0.05
    When the rollout gate decides
    Then the action is pause evaluation
    And the violations are MISSING_EVIDENCE
    And the MISSING_EVIDENCE violation names "measured at alpha 0.05"

  Scenario: Without the evidence of a judged check the rollout pauses
    Given a sequential canary at 10% traffic
    And the input has no slow-request evidence
    When the rollout gate decides
    Then the action is pause evaluation
    And the violations are MISSING_EVIDENCE
    And the MISSING_EVIDENCE violation names "canary.sequential.p99_latency"

  Scenario: Within the observation window the canary holds
    Given a sequential canary at 10% traffic
    And the canary has been observed for 5 minutes
    When the rollout gate decides
    Then the action is continue
    And no violation is reported
