@waivers
Feature: Waivers (exceptions with an owner, a scope and an expiry)
  A waiver is policy data: a code, a gate, a scope (version id, profile,
  environment), an owner, a reason, an expiry and the people who approved it.
  In force, it turns the violations of its code into WAIVED warnings; expired or
  out of scope, it only warns WAIVER_EXPIRED; for a code that may never be waived,
  approved by its own owner, approved by one person for a cell that needs two, or
  approved by people without the authority for that code, it is refused
  (WAIVER_REFUSED) and changes nothing. Time is the input's evaluation time.

  Background:
    Given the roster:
      | identity          | roles               |
      | alice@example.com | QA DRI, Sprint DRI  |
      | erin@example.com  | Sprint PM           |
      | bob@example.com   | QA DRI              |
      | carol@example.com | Sprint DRI          |
      | dave@example.com  | Engineering Manager |

  Scenario Outline: A <code> waiver that is <status>
    Given a shadow version that passes every checklist item
    And the input field "version.id" is "v2"
    And <evidence>
    And the evaluation time is 2026-06-01T12:00:00Z
    And a waiver of <code> at the promotion gate in scope <scope> approved by <approver> until <expires>
    When the promotion gate decides
    Then the action is <action>
    And the violations are <violations>
    And the warnings are <rule>

    Examples: Waivers in force, expired, out of scope, refused
      | rule           | status                       | code        | evidence                             | scope                           | approver         | expires              | action  | violations  |
      | WAIVED         | in force                     | COST        | the cost increase is 0.15            | version v2                      | erin@example.com | 2099-12-31T23:59:59Z | promote | none        |
      | WAIVER_EXPIRED | expired                      | COST        | the cost increase is 0.15            | version v2                      | erin@example.com | 2026-01-31T23:59:59Z | deny    | COST        |
      | WAIVER_EXPIRED | out of scope                 | COST        | the cost increase is 0.15            | version v2, profile eu-regulated | erin@example.com | 2099-12-31T23:59:59Z | deny    | COST        |
      | WAIVER_REFUSED | for a code never waivable    | INCIDENTS   | 1 incidents are active on the target | version v2                      | dave@example.com | 2099-12-31T23:59:59Z | deny    | INCIDENTS   |
      | WAIVER_REFUSED | approved without authority   | P95_LATENCY | the shadow p95 latency is 3001 ms    | version v2                      | bob@example.com  | 2099-12-31T23:59:59Z | deny    | P95_LATENCY |

    @boundary
    Examples: Expiry is exclusive: a waiver expiring at the evaluation time has expired
      | rule           | status                       | code | evidence                  | scope      | approver         | expires              | action  | violations |
      | WAIVER_EXPIRED | expiring at the decision     | COST | the cost increase is 0.15 | version v2 | erin@example.com | 2026-06-01T12:00:00Z | deny    | COST       |
      | WAIVED         | expiring a second later      | COST | the cost increase is 0.15 | version v2 | erin@example.com | 2026-06-01T12:00:01Z | promote | none       |

  Scenario: A waiver for another version is silent
    Given a shadow version that passes every checklist item
    And the input field "version.id" is "v2"
    And the cost increase is 0.15
    And the evaluation time is 2026-06-01T12:00:00Z
    And a waiver of COST at the promotion gate in scope version v3 approved by erin@example.com until 2099-12-31T23:59:59Z
    When the promotion gate decides
    Then the action is deny
    And the violations are COST
    And no warning is reported

  Scenario: Without an evaluation time no waiver applies
    Given a shadow version that passes every checklist item
    And the input field "version.id" is "v2"
    And the cost increase is 0.15
    And a waiver of COST at the promotion gate in scope version v2 approved by erin@example.com until 2099-12-31T23:59:59Z
    When the promotion gate decides
    Then the action is deny
    And the violations are COST
    And the warnings are WAIVER_REFUSED

  Scenario Outline: A waived quality regression at <phase>% continues the rollout, never steps it up
    Given a canary at <phase>% traffic
    And the nDCG@10 is 0.5180
    And the evaluation time is 2026-06-01T12:00:00Z
    And a waiver of QUALITY_REGRESSION at the rollout gate in scope profile decision-matrix approved by <approvers> until 2099-12-31T23:59:59Z
    When the rollout gate decides
    Then the action is <action>
    And the violations are <violations>
    And the warnings are <rule>

    Examples:
      | rule           | phase | approvers                           | action          | violations         |
      | WAIVED         | 25    | bob@example.com                     | continue        | none               |
      | WAIVER_REFUSED | 50    | bob@example.com                     | manual decision | QUALITY_REGRESSION |
      | WAIVED         | 50    | bob@example.com and carol@example.com | continue      | none               |

  Scenario Outline: Separation of duties: a COST waiver owned by <owner> and approved by <approver> is <status>
    Given a shadow version that passes every checklist item
    And the input field "version.id" is "v2"
    And the cost increase is 0.15
    And the evaluation time is 2026-06-01T12:00:00Z
    And a waiver of COST at the promotion gate in scope version v2 approved by <approver> until 2099-12-31T23:59:59Z
    And the waiver's owner is <owner>
    When the promotion gate decides
    Then the action is <action>
    And the violations are <violations>
    And the warnings are <rule>

    Examples: The owner never approves their own waiver
      | rule           | status          | owner             | approver                             | action  | violations |
      | WAIVED         | in force        | carol@example.com | erin@example.com                     | promote | none       |
      | WAIVER_REFUSED | refused         | erin@example.com  | erin@example.com                     | deny    | COST       |
      | WAIVER_REFUSED | refused         | Erin@Example.com  | erin@example.com                     | deny    | COST       |

  Scenario: A waiver approved by its own owner says why it is refused
    Given a shadow version that passes every checklist item
    And the input field "version.id" is "v2"
    And the cost increase is 0.15
    And the evaluation time is 2026-06-01T12:00:00Z
    And a waiver of COST at the promotion gate in scope version v2 approved by erin@example.com until 2099-12-31T23:59:59Z
    And the waiver's owner is erin@example.com
    When the promotion gate decides
    Then the WAIVER_REFUSED warning has reason "self_approved"
    And the WAIVER_REFUSED warning names "the owner erin@example.com approved their own waiver"

  Scenario Outline: At <phase>% one person holding QA DRI and Sprint DRI approves a quality waiver alone: <status>
    Given a canary at <phase>% traffic
    And the nDCG@10 is 0.5180
    And the evaluation time is 2026-06-01T12:00:00Z
    And a waiver of QUALITY_REGRESSION at the rollout gate in scope profile decision-matrix approved by alice@example.com until 2099-12-31T23:59:59Z
    When the rollout gate decides
    Then the action is <action>
    And the violations are <violations>
    And the warnings are <rule>

    Examples: The joint cell asks for two people, one per role
      | rule           | status  | phase | action          | violations         |
      | WAIVED         | waived  | 25    | continue        | none               |
      | WAIVER_REFUSED | refused | 50    | manual decision | QUALITY_REGRESSION |

  Scenario: A joint-cell waiver approved by one person says why it is refused
    Given a canary at 50% traffic
    And the nDCG@10 is 0.5180
    And the evaluation time is 2026-06-01T12:00:00Z
    And a waiver of QUALITY_REGRESSION at the rollout gate in scope profile decision-matrix approved by alice@example.com until 2099-12-31T23:59:59Z
    When the rollout gate decides
    Then the WAIVER_REFUSED warning has reason "one_person_two_roles"
    And the WAIVER_REFUSED warning names "QA DRI + Sprint DRI must be held by 2 different approvers"
