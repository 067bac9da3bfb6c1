@promotion
Feature: Pre-promotion checklist (shadow V1 -> gray-scale V2)
  A shadow version enters gray-scale rollout only when every item of the
  checklist holds (Promotion and Rollback Procedures). The thresholds belong to the policy; an
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
    Then the promotion is denied with <rule> for <field>
    And the gate blocks it

    @missing_evidence
    Examples:
      | rule             | checklist item     | field                              |
      | MISSING_EVIDENCE | SHADOW_REQUESTS    | shadow.requests                    |
      | MISSING_EVIDENCE | SHADOW_DURATION    | shadow.duration_hours              |
      | MISSING_EVIDENCE | GOLD_OVERALL       | gold_set.overall_pass_rate         |
      | MISSING_EVIDENCE | SIGNIFICANCE       | statistical_tests.accuracy_p_value |
      | MISSING_EVIDENCE | COST               | metrics.cost_delta                 |
      | MISSING_EVIDENCE | INCIDENTS          | incidents.active                   |
      | MISSING_EVIDENCE | P95_LATENCY        | metrics.p95_latency_ms             |
      | MISSING_EVIDENCE | ERROR_RATE         | metrics.error_rate                 |
      | MISSING_EVIDENCE | SECURITY_PASS_RATE | metrics.security_pass_rate         |

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

  Scenario Outline: Gold-set security is judged on the measured security pass rate when the gold set lacks it
    Given a shadow version that passes every checklist item
    And the evidence "gold_set.security_pass_rate" is missing
    And the security pass rate is <measured>
    When the promotion gate decides
    Then the promotion is <verdict>
    And the warnings are <rule>
    And the <rule> warning has field "gold_set.security_pass_rate"

    @missing_evidence
    Examples:
      | rule              | measured | verdict                                          |
      | EVIDENCE_FALLBACK | 0.995    | allowed                                          |
      | EVIDENCE_FALLBACK | 0.949    | denied with GOLD_SECURITY and SECURITY_PASS_RATE |

  @missing_evidence
  Scenario: No security pass rate at all fails closed
    Given a shadow version that passes every checklist item
    And the evidence "gold_set.security_pass_rate" is missing
    And the evidence "metrics.security_pass_rate" is missing
    When the promotion gate decides
    Then the promotion is denied with MISSING_EVIDENCE for gold_set.security_pass_rate and metrics.security_pass_rate

  Scenario Outline: An input <may> a policy threshold (error rate <requested>)
    Given a shadow version that passes every checklist item
    And the shadow error rate is <observed>
    And the input asks for a error rate threshold of <requested>
    When the promotion gate decides
    Then the promotion is denied with ERROR_RATE
    And the warnings are <warnings>
    And the ERROR_RATE violation was observed at <observed> against <applied>

    Examples:
      | rule                        | may            | observed | requested | applied | warnings                    |
      | THRESHOLD_LOOSENING_IGNORED | cannot loosen  | 0.03     | 0.05      | 0.02    | THRESHOLD_LOOSENING_IGNORED |
      | THRESHOLD_LOOSENING_IGNORED | may tighten    | 0.015    | 0.01      | 0.01    | none                        |

  Scenario Outline: A threshold the profile does not have is ignored with a warning
    Given a shadow version that passes every checklist item
    And the input asks for a <name> threshold of 0.5
    When the promotion gate decides
    Then the promotion is allowed
    And the warnings are <rule>
    And the <rule> warning has field "thresholds.<key>"

    Examples:
      | rule                      | name           | key            |
      | THRESHOLD_UNKNOWN_IGNORED | sunspot count  | sunspot_count  |

  Scenario Outline: An input the promotion gate cannot judge (<field> is "<value>")
    Given a shadow version that passes every checklist item
    And the input field "<field>" is "<value>"
    When the promotion gate decides
    Then the promotion is denied with <rule>
    And the gate blocks it
    And the <rule> violation has field "<field>"

    Examples:
      | rule          | field                 | value  |
      | INVALID_INPUT | profile               | strict |
      | INVALID_INPUT | metrics.error_rate    | low    |
      | INVALID_INPUT | thresholds.error_rate | tight  |
      | INVALID_INPUT | thresholds            | strict |

  @documented_example
  Scenario: The procedures' example as given is denied for exactly its missing evidence
    Given the procedures' example promotion input
    When the promotion gate decides
    Then the promotion is denied with MISSING_EVIDENCE for shadow.requests, shadow.duration_hours, gold_set.overall_pass_rate and incidents.active
    And the gate blocks it

  @documented_example
  Scenario: The procedures' example with its missing evidence added within limits is promoted
    Given the procedures' example promotion input
    And the shadow, gold-set and incident evidence is added within limits
    When the promotion gate decides
    Then the promotion is allowed
    And the gate allows it
    And no warning is reported
