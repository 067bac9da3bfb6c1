@rollout @profile
Feature: Blue/green rollback and post-rollback validation (MVP-011: Rollback Playbook)
  A blue/green switch rolls back to the other environment on five triggers; a
  person may report a manual rollback trigger; after a rollback the validation
  checklist must hold, or a person decides (MVP-011: Rollback Playbook). A switch has no
  traffic steps: a healthy one continues.

  Scenario Outline: <rule>: <evidence>
    Given a blue-green switch
    And <evidence>
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>
    And the warnings are <warning>

    @boundary
    Examples:
      | rule                  | evidence                                                     | action        | code                  | warning               |
      | HEALTH_CHECK_FAILURES | the last 2 health checks failed                              | continue      | none                  | HEALTH_CHECK_FAILURES |
      | HEALTH_CHECK_FAILURES | the last 3 health checks failed                              | auto rollback | HEALTH_CHECK_FAILURES | none                  |
      | ERROR_RATE            | the error rate was 5% for the last 3 minutes                 | continue      | none                  | none                  |
      | ERROR_RATE            | the error rate was 5.1% for the last 1 minute                | continue      | none                  | ERROR_RATE            |
      | ERROR_RATE            | the error rate was 5.1% for the last 2 minutes               | auto rollback | ERROR_RATE            | none                  |
      | RESPONSE_TIME         | the average response time was 3000 ms for the last 6 minutes | continue      | none                  | none                  |
      | RESPONSE_TIME         | the average response time was 3001 ms for the last 4 minutes | continue      | none                  | RESPONSE_TIME         |
      | RESPONSE_TIME         | the average response time was 3001 ms for the last 5 minutes | auto rollback | RESPONSE_TIME         | none                  |
      | MEMORY_EXHAUSTION     | memory was at 91% for the last 9 minutes                     | continue      | none                  | MEMORY_EXHAUSTION     |
      | MEMORY_EXHAUSTION     | memory was at 90.1% for the last 10 minutes                  | auto rollback | MEMORY_EXHAUSTION     | none                  |
      | CPU_EXHAUSTION        | CPU was at 95% for the last 6 minutes                        | continue      | none                  | none                  |
      | CPU_EXHAUSTION        | CPU was at 96% for the last 5 minutes                        | auto rollback | CPU_EXHAUSTION        | none                  |

  Scenario Outline: A healthy switch continues whatever the phase (<phase>)
    Given a blue-green switch
    And <phase>
    When the rollout gate decides
    Then the action is continue
    And no violation is reported

    Examples:
      | phase                            |
      | the input gives the phase as 50% |
      | the input gives the phase as 100% |
      | the input gives no phase         |

  Scenario Outline: A person reports <reason>: a manual rollback decision
    Given a blue-green switch
    And a person reports <reason> as a manual rollback trigger
    When the rollout gate decides
    Then the action is manual decision
    And the violations are MANUAL_ROLLBACK_TRIGGER
    And the decision belongs to the Sprint DRI
    And there is no decision window

    @manual
    Examples:
      | rule                    | reason              |
      | MANUAL_ROLLBACK_TRIGGER | customer complaints |
      | MANUAL_ROLLBACK_TRIGGER | performance issues  |
      | MANUAL_ROLLBACK_TRIGGER | critical bugs       |

  Scenario: A rollback goes to the other environment
    Given a blue-green switch
    And the last 3 health checks failed
    When the rollout gate decides
    Then the HEALTH_CHECK_FAILURES violation names "roll back to the other environment"

  Scenario: A validated rollback needs nobody
    Given a blue-green switch
    And the rollback to v2 completed and validates
    When the rollout gate decides
    Then the action is continue
    And no violation is reported

  Scenario Outline: A failed post-rollback check (<item>) goes to a person
    Given a blue-green switch
    And the rollback to v2 completed and validates
    And <evidence>
    When the rollout gate decides
    Then the action is manual decision
    And the violations are ROLLBACK_VALIDATION_FAILED
    And the ROLLBACK_VALIDATION_FAILED violation names "<item>"
    And the decision belongs to the Engineering Manager

    @boundary
    Examples:
      | rule                       | item             | evidence                                    |
      | ROLLBACK_VALIDATION_FAILED | health           | after the rollback the health is "degraded" |
      | ROLLBACK_VALIDATION_FAILED | version          | after the rollback the running version is v3 |
      | ROLLBACK_VALIDATION_FAILED | error_rate       | after the rollback the error rate is 1%     |
      | ROLLBACK_VALIDATION_FAILED | response_time_ms | after the rollback the response time is 3000 ms |
      | ROLLBACK_VALIDATION_FAILED | environment_switch | after the rollback the environment switch is not confirmed |
      | ROLLBACK_VALIDATION_FAILED | core_functionality | after the rollback the core functionality is not confirmed |
      | ROLLBACK_VALIDATION_FAILED | metrics          | after the rollback the return of the metrics to normal is not confirmed |
