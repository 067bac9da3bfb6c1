@rollout @profile
Feature: Model-registry rollback (seed 001)
  A model canary goes 10% -> 50% -> 100%. A failed success-rate analysis,
  critical drift or a performance drop of more than 10% rolls back to a named
  target: the previous production version, or a named valid candidate (SPEC 4).

  Scenario Outline: <rule>: <evidence>
    Given a model-registry canary at 10% traffic
    And <evidence>
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>

    @boundary
    Examples:
      | rule                         | evidence                                                 | action            | code                         |
      | SUCCESS_RATE_ANALYSIS_FAILED | the success rate was 98.9% for the last 3 minutes        | promote next step | none                         |
      | SUCCESS_RATE_ANALYSIS_FAILED | the success rate was 98.9% for the last 4 minutes        | auto rollback     | SUCCESS_RATE_ANALYSIS_FAILED |
      | SUCCESS_RATE_ANALYSIS_FAILED | the success rate was 99% for the last 6 minutes          | promote next step | none                         |
      | CRITICAL_DRIFT               | the drift severity is high                               | promote next step | none                         |
      | CRITICAL_DRIFT               | the drift severity is critical                           | auto rollback     | CRITICAL_DRIFT               |
      | PERFORMANCE_DEGRADATION      | the performance score is 0.81 against a baseline of 0.90  | promote next step | none                         |
      | PERFORMANCE_DEGRADATION      | the performance score is 0.809 against a baseline of 0.90 | auto rollback     | PERFORMANCE_DEGRADATION      |

  Scenario: A rollback names the previous production version as its target
    Given a model-registry canary at 50% traffic
    And the drift severity is critical
    When the rollout gate decides
    Then the action is auto rollback
    And the CRITICAL_DRIFT violation has rollback_target "v5"
    And the CRITICAL_DRIFT violation names "v5"

  Scenario: A named rollback target that was in production is used
    Given a model-registry canary at 50% traffic
    And the rollback target is named v4
    And the drift severity is critical
    When the rollout gate decides
    Then the action is auto rollback
    And the CRITICAL_DRIFT violation has rollback_target "v4"

  Scenario: No valid rollback candidate aborts
    Given a model-registry canary at 50% traffic
    And the version registry:
      | version | status      | was production |
      | v6      | canary      | no             |
      | v2      | deprecated  | yes            |
      | v1      | quarantined | yes            |
    And the drift severity is critical
    When the rollout gate decides
    Then the action is abort
    And a NO_ROLLBACK_TARGET violation is reported

  Scenario: Fewer than three rollback candidates is a warning
    Given a model-registry canary at 10% traffic
    And the version registry:
      | version | status     | was production |
      | v6      | canary     | no             |
      | v5      | production | yes            |
      | v4      | archived   | yes            |
      | v2      | deprecated | yes            |
    When the rollout gate decides
    Then no violation is reported
    And the warnings are ROLLBACK_CANDIDATES_LOW

  Scenario Outline: <candidates> rollback candidate(s): <outcome>
    Given a model-registry canary at 10% traffic
    And the version registry:
      | version | status | was production |
      | v6      | canary | no             |
      | v5      | <v5>   | yes            |
      | v4      | <v4>   | yes            |
      | v3      | <v3>   | yes            |
    When the rollout gate decides
    Then the action is <action>
    And the violations are <violations>
    And the warnings are <warnings>

    @boundary
    Examples: At least three candidates (once in production, not deprecated or quarantined)
      | rule                    | candidates | outcome         | v5         | v4          | v3         | action            | violations         | warnings                |
      | ROLLBACK_CANDIDATES_LOW | 3          | no warning      | production | archived    | archived   | promote next step | none               | none                    |
      | ROLLBACK_CANDIDATES_LOW | 2          | a warning       | production | archived    | deprecated | promote next step | none               | ROLLBACK_CANDIDATES_LOW |
      | NO_ROLLBACK_TARGET      | 1          | a target        | production | quarantined | deprecated | promote next step | none               | ROLLBACK_CANDIDATES_LOW |
      | NO_ROLLBACK_TARGET      | 0          | abort           | deprecated | quarantined | deprecated | abort             | NO_ROLLBACK_TARGET | ROLLBACK_CANDIDATES_LOW |
