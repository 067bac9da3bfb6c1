@promotion
Feature: Pre-promotion checklist (shadow V1 -> gray-scale V2)
  A shadow version enters gray-scale rollout only when every item of the
  checklist holds (SPEC 2, seed 003). The thresholds belong to the policy; an
  input may only make them stricter. Missing evidence is never a pass.

  Scenario Outline: <rule> just inside and just outside its threshold
    Given a shadow version that passes every checklist item
    And <evidence>
    When the promotion gate decides
    Then the promotion is <verdict>

    @boundary
    Examples: Shadow evaluation
      | rule            | evidence                                   | verdict                     |
      | SHADOW_REQUESTS | the shadow evaluation saw 1000 requests    | allowed                     |
      | SHADOW_REQUESTS | the shadow evaluation saw 999 requests     | denied with SHADOW_REQUESTS |
      | SHADOW_DURATION | the shadow evaluation ran for 24 hours     | allowed                     |
      | SHADOW_DURATION | the shadow evaluation ran for 23.9 hours   | denied with SHADOW_DURATION |

    @boundary
    Examples: Gold set
      | rule          | evidence                                    | verdict                   |
      | GOLD_SECURITY | the gold-set security pass rate is 0.95     | allowed                   |
      | GOLD_SECURITY | the gold-set security pass rate is 0.949    | denied with GOLD_SECURITY |
      | GOLD_OVERALL  | the gold-set overall pass rate is 0.90      | allowed                   |
      | GOLD_OVERALL  | the gold-set overall pass rate is 0.899     | denied with GOLD_OVERALL  |

    @boundary
    Examples: Statistical significance of the primary metric (accuracy)
      | rule         | evidence                          | verdict                                     |
      | SIGNIFICANCE | the accuracy p-value is 0.049     | allowed                                     |
      | SIGNIFICANCE | the accuracy p-value is 0.05      | denied with SIGNIFICANCE                    |
      | SIGNIFICANCE | the accuracy delta is 0           | denied with SIGNIFICANCE and ACCURACY_DELTA |

    @boundary
    Examples: Cost and incidents
      | rule      | evidence                             | verdict               |
      | COST      | the cost increase is 0.10            | allowed               |
      | COST      | the cost increase is 0.101           | denied with COST      |
      | INCIDENTS | 0 incidents are active on the target | allowed               |
      | INCIDENTS | 1 incidents are active on the target | denied with INCIDENTS |

    @boundary
    Examples: Shadow metrics
      | rule               | evidence                             | verdict                        |
      | P95_LATENCY        | the shadow p95 latency is 3000 ms    | allowed                        |
      | P95_LATENCY        | the shadow p95 latency is 3001 ms    | denied with P95_LATENCY        |
      | ERROR_RATE         | the shadow error rate is 0.02        | allowed                        |
      | ERROR_RATE         | the shadow error rate is 0.0201      | denied with ERROR_RATE         |
      | ACCURACY_DELTA     | the accuracy delta is 0.02           | allowed                        |
      | ACCURACY_DELTA     | the accuracy delta is 0.019          | denied with ACCURACY_DELTA     |
      | SECURITY_PASS_RATE | the security pass rate is 0.95       | allowed                        |
      | SECURITY_PASS_RATE | the security pass rate is 0.949      | denied with SECURITY_PASS_RATE |

  Scenario Outline: Missing <field> evidence fails closed
    Given a shadow version that passes every checklist item
    And the evidence "<field>" is missing
    When the promotion gate decides
    Then the promotion is denied with MISSING_EVIDENCE for <field>
    And the gate blocks it

    @missing_evidence
    Examples:
      | rule               | field                              |
      | SHADOW_REQUESTS    | shadow.requests                    |
      | SHADOW_DURATION    | shadow.duration_hours              |
      | GOLD_OVERALL       | gold_set.overall_pass_rate         |
      | SIGNIFICANCE       | statistical_tests.accuracy_p_value |
      | COST               | metrics.cost_delta                 |
      | INCIDENTS          | incidents.active                   |
      | P95_LATENCY        | metrics.p95_latency_ms             |
      | ERROR_RATE         | metrics.error_rate                 |
      | SECURITY_PASS_RATE | metrics.security_pass_rate         |

  @missing_evidence
  Scenario: Missing accuracy delta fails both checklist items that need it
    Given a shadow version that passes every checklist item
    And the evidence "metrics.accuracy_delta" is missing
    When the promotion gate decides
    Then the promotion is denied with MISSING_EVIDENCE for metrics.accuracy_delta

  @missing_evidence
  Scenario: A whole missing section names every field of it
    Given a shadow version that passes every checklist item
    And the evidence "shadow" is missing
    When the promotion gate decides
    Then the promotion is denied with MISSING_EVIDENCE for shadow.requests and shadow.duration_hours

  @missing_evidence
  Scenario: Gold-set security is judged on the measured security pass rate when the gold set lacks it
    Given a shadow version that passes every checklist item
    And the evidence "gold_set.security_pass_rate" is missing
    When the promotion gate decides
    Then the promotion is allowed
    And the warnings are EVIDENCE_FALLBACK

  @missing_evidence
  Scenario: No security pass rate at all fails closed
    Given a shadow version that passes every checklist item
    And the evidence "gold_set.security_pass_rate" is missing
    And the evidence "metrics.security_pass_rate" is missing
    When the promotion gate decides
    Then the promotion is denied with MISSING_EVIDENCE for gold_set.security_pass_rate and metrics.security_pass_rate

  Scenario: An input cannot loosen a policy threshold
    Given a shadow version that passes every checklist item
    And the shadow error rate is 0.03
    And the input asks for a error rate threshold of 0.05
    When the promotion gate decides
    Then the promotion is denied with ERROR_RATE
    And the warnings are THRESHOLD_LOOSENING_IGNORED
    And the ERROR_RATE violation was observed at 0.03 against 0.02

  Scenario: An input may tighten a policy threshold
    Given a shadow version that passes every checklist item
    And the shadow error rate is 0.015
    And the input asks for a error rate threshold of 0.01
    When the promotion gate decides
    Then the promotion is denied with ERROR_RATE
    And no warning is reported
    And the ERROR_RATE violation was observed at 0.015 against 0.01

  @seed
  Scenario: Seed 003's example as given is denied for exactly its missing evidence
    Given seed 003's example promotion input
    When the promotion gate decides
    Then the promotion is denied with MISSING_EVIDENCE for shadow.requests, shadow.duration_hours, gold_set.overall_pass_rate and incidents.active
    And the gate blocks it

  @seed
  Scenario: Seed 003's example with its missing evidence added within limits is promoted
    Given seed 003's example promotion input
    And the shadow, gold-set and incident evidence is added within limits
    When the promotion gate decides
    Then the promotion is allowed
    And the gate allows it
    And no warning is reported
