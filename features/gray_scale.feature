@rollout @profile
Feature: Automatic rollback during gray-scale (Promotion and Rollback Procedures)
  Gray-scale V2 goes 1% -> 5% -> 25% -> 50% -> 100%. SLO violations, error and
  latency spikes abort the rollout, a security failure also quarantines the
  version (V3), and a spent daily budget pauses the evaluation.

  Scenario Outline: <rule>: <evidence>
    Given a gray-scale rollout at <phase>% traffic
    And <evidence>
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>
    And the warnings are <warning>

    @boundary
    Examples: Just inside and just outside each trigger
      | rule             | phase | evidence                                          | action               | code             | warning       |
      | SLO_VIOLATION    | 5     | the last 2 SLO checks failed                      | continue             | none             | SLO_VIOLATION |
      | SLO_VIOLATION    | 5     | the last 3 SLO checks failed                      | abort                | SLO_VIOLATION    | none          |
      | SECURITY_FAILURE | 25    | the canary security pass rate is 95%              | promote next step    | none             | none          |
      | SECURITY_FAILURE | 25    | the canary security pass rate is 94.9%            | abort and quarantine | SECURITY_FAILURE | none          |
      | ERROR_SPIKE      | 1     | the error rate was 10% for the last 1 minute      | promote next step    | none             | none          |
      | ERROR_SPIKE      | 1     | the error rate was 10.1% for the last 1 minute    | abort                | ERROR_SPIKE      | none          |
      | LATENCY_SPIKE    | 50    | the p95 latency was 9000 ms for the last 1 minute | promote next step    | none             | none          |
      | LATENCY_SPIKE    | 50    | the p95 latency was 9001 ms for the last 1 minute | abort                | LATENCY_SPIKE    | none          |
      | COST_BUDGET      | 50    | today's cost is 200 against a daily budget of 200 | promote next step    | none             | none          |
      | COST_BUDGET      | 50    | today's cost is 201 against a daily budget of 200 | pause evaluation     | COST_BUDGET      | none          |

  Scenario Outline: After a rollback for <rule> the decision lists the seed's post-rollback steps
    Given a gray-scale rollout at 25% traffic
    And <evidence>
    When the rollout gate decides
    Then the action is <action>
    And the <rule> violation <quarantine> the next step "move the version to V3 quarantine"
    And the <rule> violation <repair> the next step "V3 Repair Request"

    Examples:
      | rule             | evidence                                       | action               | quarantine    | repair        |
      | SLO_VIOLATION    | the last 3 SLO checks failed                   | abort                | lists         | lists         |
      | ERROR_SPIKE      | the error rate was 10.1% for the last 1 minute | abort                | lists         | lists         |
      | SECURITY_FAILURE | the canary security pass rate is 94.9%         | abort and quarantine | does not list | lists         |
      | COST_BUDGET      | today's cost is 201 against a daily budget of 200 | pause evaluation  | does not list | does not list |

  Scenario Outline: An input with gray-scale fields is judged only as gray-scale (<case>)
    Given a gray-scale rollout at 5% traffic
    And <case>
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>

    @boundary
    Examples:
      | rule          | case                                   | action            | code          |
      | INVALID_INPUT | the input does not name its profile    | pause evaluation  | INVALID_INPUT |
      | INVALID_INPUT | the input names the profile gray-scale | promote next step | none          |

  Scenario: An input without a profile whose fields are gray-scale's names the profile to set
    Given a gray-scale rollout at 5% traffic
    And the input does not name its profile
    When the rollout gate decides
    Then the INVALID_INPUT violation names "profile gray-scale, not of profile decision-matrix"
    And the INVALID_INPUT violation has field "profile"

  Scenario: SLO checks must fail consecutively; a failure short of the count holds the phase
    Given a gray-scale rollout at 5% traffic
    And the SLO checks were failed, failed, failed, passed, failed and failed
    When the rollout gate decides
    Then the action is continue
    And no violation is reported
    And the SLO_VIOLATION warning names "2 consecutive failed SLO checks (limit 3): phase held; abort after 1 more failed check"
    And the SLO_VIOLATION warning has checks_left "1"

  Scenario: SLO checks whose newest passed step up
    Given a gray-scale rollout at 5% traffic
    And the SLO checks were failed, failed, failed, failed, failed and passed
    When the rollout gate decides
    Then the action is promote next step
    And no warning is reported

  Scenario: Security failure and an error spike at once: quarantine wins
    Given a gray-scale rollout at 25% traffic
    And the canary security pass rate is 90%
    And the error rate was 12% for the last 1 minute
    When the rollout gate decides
    Then the action is abort and quarantine
    And the violations are ERROR_SPIKE and SECURITY_FAILURE

  Scenario: A healthy gray-scale at 100% continues
    Given a gray-scale rollout at 100% traffic
    When the rollout gate decides
    Then the action is continue
    And the gate allows it
