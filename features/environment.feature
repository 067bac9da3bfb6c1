@rollout @profile
Feature: Canary against baseline per environment (Astradio vNext Rollback Procedure)
  Canary V2 is compared with baseline V1 with the thresholds of its environment
  (docs/rollout-profiles.md). A breach is critical and rolls back; a value at 80% or more of a
  threshold is a warning that changes nothing else.

  Scenario Outline: <environment>: <rule> <evidence>
    Given a canary in the <environment> environment at 25% traffic
    And <evidence>
    When the rollout gate decides
    Then the action is <action>
    And the violations are <violation>
    And the warnings are <warning>

    @boundary
    Examples: Pass rate drop (5 pp / 4 pp / 3 pp)
      | environment    | rule           | evidence                                      | action            | violation      | warning        |
      | development    | PASS_RATE_DROP | the pass rate is 86.1% against a baseline of 90% | promote next step | none        | none           |
      | development    | PASS_RATE_DROP | the pass rate is 86% against a baseline of 90%   | promote next step | none        | PASS_RATE_DROP |
      | development    | PASS_RATE_DROP | the pass rate is 85% against a baseline of 90%   | promote next step | none        | PASS_RATE_DROP |
      | development    | PASS_RATE_DROP | the pass rate is 84.9% against a baseline of 90% | auto rollback  | PASS_RATE_DROP | none           |
      | pre-production | PASS_RATE_DROP | the pass rate is 86.9% against a baseline of 90% | promote next step | none        | none           |
      | pre-production | PASS_RATE_DROP | the pass rate is 86.8% against a baseline of 90% | promote next step | none        | PASS_RATE_DROP |
      | pre-production | PASS_RATE_DROP | the pass rate is 86% against a baseline of 90%   | promote next step | none        | PASS_RATE_DROP |
      | pre-production | PASS_RATE_DROP | the pass rate is 85.9% against a baseline of 90% | auto rollback  | PASS_RATE_DROP | none           |
      | production     | PASS_RATE_DROP | the pass rate is 87.7% against a baseline of 90% | promote next step | none        | none           |
      | production     | PASS_RATE_DROP | the pass rate is 87.6% against a baseline of 90% | promote next step | none        | PASS_RATE_DROP |
      | production     | PASS_RATE_DROP | the pass rate is 87% against a baseline of 90%   | promote next step | none        | PASS_RATE_DROP |
      | production     | PASS_RATE_DROP | the pass rate is 86.9% against a baseline of 90% | auto rollback  | PASS_RATE_DROP | none           |

    @boundary
    Examples: Quality score drop (0.03 / 0.025 / 0.02)
      | environment    | rule         | evidence                                            | action            | violation    | warning      |
      | development    | QUALITY_DROP | the quality score is 0.827 against a baseline of 0.85 | promote next step | none       | none         |
      | development    | QUALITY_DROP | the quality score is 0.82 against a baseline of 0.85  | promote next step | none       | QUALITY_DROP |
      | development    | QUALITY_DROP | the quality score is 0.819 against a baseline of 0.85 | auto rollback  | QUALITY_DROP | none         |
      | pre-production | QUALITY_DROP | the quality score is 0.831 against a baseline of 0.85 | promote next step | none       | none         |
      | pre-production | QUALITY_DROP | the quality score is 0.825 against a baseline of 0.85 | promote next step | none       | QUALITY_DROP |
      | pre-production | QUALITY_DROP | the quality score is 0.824 against a baseline of 0.85 | auto rollback  | QUALITY_DROP | none         |
      | production     | QUALITY_DROP | the quality score is 0.835 against a baseline of 0.85 | promote next step | none       | none         |
      | production     | QUALITY_DROP | the quality score is 0.834 against a baseline of 0.85 | promote next step | none       | QUALITY_DROP |
      | production     | QUALITY_DROP | the quality score is 0.83 against a baseline of 0.85  | promote next step | none       | QUALITY_DROP |
      | production     | QUALITY_DROP | the quality score is 0.829 against a baseline of 0.85 | auto rollback  | QUALITY_DROP | none         |

    @boundary
    Examples: Error rate increase (2 pp / 1.5 pp / 1 pp)
      | environment    | rule                | evidence                                        | action            | violation           | warning             |
      | development    | ERROR_RATE_INCREASE | the error rate is 2.5% against a baseline of 0.5% | promote next step | none              | ERROR_RATE_INCREASE |
      | development    | ERROR_RATE_INCREASE | the error rate is 2.6% against a baseline of 0.5% | auto rollback  | ERROR_RATE_INCREASE | none                |
      | pre-production | ERROR_RATE_INCREASE | the error rate is 2% against a baseline of 0.5%   | promote next step | none              | ERROR_RATE_INCREASE |
      | pre-production | ERROR_RATE_INCREASE | the error rate is 2.1% against a baseline of 0.5% | auto rollback  | ERROR_RATE_INCREASE | none                |
      | production     | ERROR_RATE_INCREASE | the error rate is 1.2% against a baseline of 0.5% | promote next step | none              | none                |
      | production     | ERROR_RATE_INCREASE | the error rate is 1.3% against a baseline of 0.5% | promote next step | none              | ERROR_RATE_INCREASE |
      | production     | ERROR_RATE_INCREASE | the error rate is 1.5% against a baseline of 0.5% | promote next step | none              | ERROR_RATE_INCREASE |
      | production     | ERROR_RATE_INCREASE | the error rate is 1.6% against a baseline of 0.5% | auto rollback  | ERROR_RATE_INCREASE | none                |

    @boundary
    Examples: p95 latency increase (100 ms / 80 ms / 50 ms)
      | environment    | rule             | evidence                                           | action            | violation        | warning          |
      | development    | LATENCY_INCREASE | the p95 latency is 1100 ms against a baseline of 1000 ms | promote next step | none         | LATENCY_INCREASE |
      | development    | LATENCY_INCREASE | the p95 latency is 1101 ms against a baseline of 1000 ms | auto rollback  | LATENCY_INCREASE | none             |
      | pre-production | LATENCY_INCREASE | the p95 latency is 1080 ms against a baseline of 1000 ms | promote next step | none         | LATENCY_INCREASE |
      | pre-production | LATENCY_INCREASE | the p95 latency is 1081 ms against a baseline of 1000 ms | auto rollback  | LATENCY_INCREASE | none             |
      | production     | LATENCY_INCREASE | the p95 latency is 1039 ms against a baseline of 1000 ms | promote next step | none         | none             |
      | production     | LATENCY_INCREASE | the p95 latency is 1040 ms against a baseline of 1000 ms | promote next step | none         | LATENCY_INCREASE |
      | production     | LATENCY_INCREASE | the p95 latency is 1050 ms against a baseline of 1000 ms | promote next step | none         | LATENCY_INCREASE |
      | production     | LATENCY_INCREASE | the p95 latency is 1051 ms against a baseline of 1000 ms | auto rollback  | LATENCY_INCREASE | none             |

  Scenario Outline: <environment>: a bucket's pass-rate breach is a warning naming the bucket
    Given a canary in the <environment> environment at 25% traffic
    And bucket bucket-07 has a pass rate of <canary> against a baseline of 90%
    When the rollout gate decides
    Then the action is <action>
    And the violations are <violation>
    And the warnings are <warning>

    @boundary
    Examples:
      | rule                  | environment    | canary | action            | violation             | warning               |
      | BUCKET_PASS_RATE_DROP | development    | 85%    | promote next step | none                  | none                  |
      | BUCKET_PASS_RATE_DROP | development    | 84.9%  | promote next step | none                  | BUCKET_PASS_RATE_DROP |
      | BUCKET_PASS_RATE_DROP | pre-production | 86%    | promote next step | none                  | none                  |
      | BUCKET_PASS_RATE_DROP | pre-production | 85.9%  | promote next step | none                  | BUCKET_PASS_RATE_DROP |
      | BUCKET_PASS_RATE_DROP | production     | 87%    | promote next step | none                  | none                  |
      | BUCKET_PASS_RATE_DROP | production     | 86.9%  | promote next step | none                  | BUCKET_PASS_RATE_DROP |

  Scenario: The bucket in breach is named in the warning
    Given a canary in the production environment at 25% traffic
    And bucket bucket-07 has a pass rate of 80% against a baseline of 90%
    When the rollout gate decides
    Then the BUCKET_PASS_RATE_DROP warning names "bucket-07"
    And the BUCKET_PASS_RATE_DROP warning has bucket "bucket-07"

  Scenario: A breach and a warning at once: rollback, and the warning is still reported
    Given a canary in the production environment at 25% traffic
    And the pass rate is 86% against a baseline of 90%
    And the p95 latency is 1045 ms against a baseline of 1000 ms
    When the rollout gate decides
    Then the action is auto rollback
    And the violations are PASS_RATE_DROP
    And the warnings are LATENCY_INCREASE

  Scenario Outline: An unknown environment cannot be judged
    Given a canary in the staging environment at 25% traffic
    When the rollout gate decides
    Then the gate blocks it
    And the violations are <rule>
    And the INVALID_INPUT violation has field "environment"

    Examples:
      | rule          |
      | INVALID_INPUT |

  Scenario Outline: Missing <field> evidence: when in doubt, roll back first
    Given a canary in the production environment at 25% traffic
    And bucket bucket-07 has a pass rate of 90% against a baseline of 90%
    And the evidence "<field>" is missing
    When the rollout gate decides
    Then the action is auto rollback
    And the decision belongs to the System
    And the gate blocks it
    And the violations are <rule>
    And the MISSING_EVIDENCE violation has field "<field>"

    @missing_evidence
    Examples:
      | rule             | field                                |
      | MISSING_EVIDENCE | canary.pass_rate                     |
      | MISSING_EVIDENCE | baseline.quality_score               |

  Scenario Outline: Buckets are watched: <field> not reported is a warning, never a rollback
    Given a canary in the production environment at 25% traffic
    And the evidence "<field>" is missing
    When the rollout gate decides
    Then the action is promote next step
    And the violations are none
    And the warnings are <rule>
    And the <rule> warning has field "<field>"

    @missing_evidence
    Examples:
      | rule                | field                                |
      | BUCKET_NOT_REPORTED | canary.buckets                       |
      | BUCKET_NOT_REPORTED | baseline.buckets.bucket-07.pass_rate |

  Scenario Outline: No environment chosen cannot be judged
    Given a canary in the production environment at 25% traffic
    And the evidence "environment" is missing
    When the rollout gate decides
    Then the gate blocks it
    And the violations are <rule>
    And the INVALID_INPUT violation has field "environment"
    And the INVALID_INPUT violation names "no environment chosen"

    Examples:
      | rule          |
      | INVALID_INPUT |
