@rollout @profile
Feature: Model-registry rollback (Rollback Strategies)
  A model canary goes 10% -> 50% -> 100%. A failed success-rate analysis, the CI/CD
  error-rate gate, critical drift or a performance drop of more than 10% rolls back to
  a named target: the newest valid candidate older than the version under evaluation,
  or a named valid candidate (Rollback Strategies).

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
      | ERROR_RATE                   | the error rate was 1% for the last 5 minutes             | promote next step | none                         |
      | ERROR_RATE                   | the error rate was 1.1% for the last 5 minutes           | auto rollback     | ERROR_RATE                   |
      | CRITICAL_DRIFT               | the drift severity is high                               | promote next step | none                         |
      | CRITICAL_DRIFT               | the drift severity is critical                           | auto rollback     | CRITICAL_DRIFT               |
      | PERFORMANCE_DEGRADATION      | the performance score is 0.81 against a baseline of 0.90  | promote next step | none                         |
      | PERFORMANCE_DEGRADATION      | the performance score is 0.809 against a baseline of 0.90 | auto rollback     | PERFORMANCE_DEGRADATION      |

  Scenario Outline: The error rate is judged once the series covers 5 minutes (<minutes> min observed)
    Given a model-registry canary at 10% traffic
    And the canary has been observed for <minutes> minutes
    And the error rate was 5% for the last <minutes> minutes
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>
    And the warnings are <warning>

    @boundary
    Examples:
      | rule       | minutes | action        | code       | warning    |
      | ERROR_RATE | 4       | continue      | none       | ERROR_RATE |
      | ERROR_RATE | 5       | auto rollback | ERROR_RATE | none       |

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

  Scenario: The rollback target is the newest valid candidate older than the version under evaluation
    Given a model-registry canary at 50% traffic
    And the version registry:
      | version | status     | was production |
      | v3      | archived   | yes            |
      | v4      | archived   | yes            |
      | v5      | production | yes            |
    And the version under evaluation is v5
    And the drift severity is critical
    When the rollout gate decides
    Then the CRITICAL_DRIFT violation has rollback_target "v4"

  Scenario Outline: A required rollback needs a target older than the version under evaluation (<case>)
    Given a model-registry canary at 50% traffic
    And the version registry:
      | version | status     | was production |
      | v3      | <v3>       | yes            |
      | v4      | <v4>       | yes            |
      | v5      | production | yes            |
    And the version under evaluation is v5
    And the drift severity is critical
    When the rollout gate decides
    Then the action is <action>
    And the violations are <violations>

    @boundary
    Examples:
      | rule               | case                | v3         | v4          | action        | violations                            |
      | NO_ROLLBACK_TARGET | one older candidate | archived   | deprecated  | auto rollback | CRITICAL_DRIFT                        |
      | NO_ROLLBACK_TARGET | no older candidate  | deprecated | quarantined | abort         | CRITICAL_DRIFT and NO_ROLLBACK_TARGET |

  Scenario: The version under evaluation is never the rollback target, even when named
    Given a model-registry canary at 50% traffic
    And the version registry:
      | version | status     | was production |
      | v3      | archived   | yes            |
      | v4      | archived   | yes            |
      | v5      | production | yes            |
    And the version under evaluation is v5
    And the rollback target is named v5
    And the drift severity is critical
    When the rollout gate decides
    Then the action is abort
    And the violations are CRITICAL_DRIFT and NO_ROLLBACK_TARGET

  Scenario: A rollback without the version under evaluation is missing evidence for the target
    Given a model-registry canary at 50% traffic
    And the input does not say which version is under evaluation
    And the drift severity is critical
    When the rollout gate decides
    Then the action is abort
    And the violations are CRITICAL_DRIFT and MISSING_EVIDENCE
    And the MISSING_EVIDENCE violation names "current_version"
    And the MISSING_EVIDENCE violation names "a person must act"

  Scenario: Without a trigger the version under evaluation is not needed
    Given a model-registry canary at 50% traffic
    And the input does not say which version is under evaluation
    When the rollout gate decides
    Then no violation is reported

  Scenario: No valid rollback candidate when a rollback is required aborts for a person to act
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
    And the NO_ROLLBACK_TARGET violation names "a person must act"

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
      | ROLLBACK_CANDIDATES_LOW | 1          | a target        | production | quarantined | deprecated | promote next step | none               | ROLLBACK_CANDIDATES_LOW |
      | ROLLBACK_CANDIDATES_LOW | 0          | only a warning  | deprecated | quarantined | deprecated | promote next step | none               | ROLLBACK_CANDIDATES_LOW |
