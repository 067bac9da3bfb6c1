@rollout
Feature: Rollout decision matrix (Sprint #1: Rollback Plan & Procedures)
  During a canary the rollout gate answers, for each condition and canary phase,
  what happens: an automatic rollback, or a manual decision that belongs
  to a named role for a number of minutes, after which the default action
  (rollback) happens. Conditions are read from per-minute series, newest last.

  Scenario Outline: <condition> at <phase>% traffic
    Given a canary at <phase>% traffic
    And <evidence>
    When the rollout gate decides
    Then the action is <action>
    And the gate blocks it
    And the decision belongs to <authority>
    And the decision window is <window>
    And the default action is <default>
    And the violations are <rule>

    @auto_rollback @decision_matrix
    Examples: Automated triggers roll back at every phase
      | condition           | phase | evidence                                             | action        | authority  | window | default | rule                |
      | critical error rate | 5     | the error rate was 0.7% for the last 3 minutes       | auto rollback | the System | none   | none    | ERROR_RATE          |
      | critical error rate | 25    | the error rate was 0.7% for the last 3 minutes       | auto rollback | the System | none   | none    | ERROR_RATE          |
      | critical error rate | 50    | the error rate was 0.7% for the last 3 minutes       | auto rollback | the System | none   | none    | ERROR_RATE          |
      | critical error rate | 100   | the error rate was 0.7% for the last 3 minutes       | auto rollback | the System | none   | none    | ERROR_RATE          |
      | severe latency      | 5     | the p99 latency was 240 ms for the last 6 minutes    | auto rollback | the System | none   | none    | P99_LATENCY         |
      | severe latency      | 25    | the p99 latency was 240 ms for the last 6 minutes    | auto rollback | the System | none   | none    | P99_LATENCY         |
      | severe latency      | 50    | the p99 latency was 240 ms for the last 6 minutes    | auto rollback | the System | none   | none    | P99_LATENCY         |
      | severe latency      | 100   | the p99 latency was 240 ms for the last 6 minutes    | auto rollback | the System | none   | none    | P99_LATENCY         |
      | resource exhaustion | 5     | shard shard-b ran at 97% CPU for the last 4 minutes  | auto rollback | the System | none   | none    | RESOURCE_EXHAUSTION |
      | resource exhaustion | 25    | shard shard-b used 98% memory for the last 4 minutes | auto rollback | the System | none   | none    | RESOURCE_EXHAUSTION |
      | resource exhaustion | 50    | shard shard-a ran at 97% CPU for the last 4 minutes  | auto rollback | the System | none   | none    | RESOURCE_EXHAUSTION |
      | resource exhaustion | 100   | shard shard-a used 96% memory for the last 3 minutes | auto rollback | the System | none   | none    | RESOURCE_EXHAUSTION |

    @manual @decision_matrix
    Examples: Manual decisions within a window, then the default rollback
      | condition          | phase | evidence                            | action          | authority                    | window     | default       | rule                 |
      | gate failure       | 5     | the success gate recall_at_50 failed | manual decision | the Sprint DRI               | 5 minutes  | auto rollback | SUCCESS_GATE_FAILURE |
      | gate failure       | 25    | the success gate recall_at_50 failed | manual decision | the Sprint DRI               | 2 minutes  | auto rollback | SUCCESS_GATE_FAILURE |
      | quality regression | 5     | the nDCG@10 is 0.5180               | manual decision | the QA DRI                   | 10 minutes | auto rollback | QUALITY_REGRESSION   |
      | quality regression | 25    | the nDCG@10 is 0.5180               | manual decision | the QA DRI                   | 5 minutes  | auto rollback | QUALITY_REGRESSION   |
      | quality regression | 50    | the nDCG@10 is 0.5180               | manual decision | the QA DRI and the Sprint DRI | 2 minutes | auto rollback | QUALITY_REGRESSION   |

    @auto_rollback @decision_matrix
    Examples: Manual triggers roll back automatically late in the rollout
      | condition          | phase | evidence                             | action        | authority               | window | default | rule                 |
      | gate failure       | 50    | the success gate recall_at_50 failed | auto rollback | the Engineering Manager | none   | none    | SUCCESS_GATE_FAILURE |
      | gate failure       | 100   | the success gate p99_budget failed   | auto rollback | the Engineering Manager | none   | none    | SUCCESS_GATE_FAILURE |
      | quality regression | 100   | the nDCG@10 is 0.5180                | auto rollback | the Engineering Manager | none   | none    | QUALITY_REGRESSION   |

  Scenario Outline: <rule> is judged at its threshold and its sustain window
    Given a canary at 25% traffic
    And <evidence>
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>
    And the warnings are <warning>

    @boundary
    Examples: Error rate > 0.5% sustained 2 minutes
      | rule       | evidence                                        | action            | code       | warning    |
      | ERROR_RATE | the error rate was 0.5% for the last 5 minutes  | promote next step | none       | none       |
      | ERROR_RATE | the error rate was 0.51% for the last 2 minutes | auto rollback     | ERROR_RATE | none       |
      | ERROR_RATE | the error rate was 0.9% for the last 1 minute   | continue          | none       | ERROR_RATE |
      | ERROR_RATE | the error rate was 0.51% for the last 1 minute  | continue          | none       | ERROR_RATE |
      | ERROR_RATE | the error rate was 0.9% for the last 2 minutes  | auto rollback     | ERROR_RATE | none       |

    @boundary
    Examples: p99 latency > baseline + 15% sustained 5 minutes (baseline 200 ms)
      | rule        | evidence                                           | action            | code        | warning     |
      | P99_LATENCY | the p99 latency was 230 ms for the last 10 minutes | promote next step | none        | none        |
      | P99_LATENCY | the p99 latency was 231 ms for the last 5 minutes  | auto rollback     | P99_LATENCY | none        |
      | P99_LATENCY | the p99 latency was 300 ms for the last 4 minutes  | continue          | none        | P99_LATENCY |
      | P99_LATENCY | the p99 latency was 240 ms for the last 4 minutes  | continue          | none        | P99_LATENCY |
      | P99_LATENCY | the p99 latency was 230 ms for the last 1 minute   | promote next step | none        | none        |
      | P99_LATENCY | the p99 latency was 231 ms for the last 1 minute   | continue          | none        | P99_LATENCY |

    @boundary
    Examples: Any shard > 95% CPU or memory sustained 3 minutes
      | rule                | evidence                                               | action            | code                | warning             |
      | RESOURCE_EXHAUSTION | shard shard-a ran at 95% CPU for the last 10 minutes   | promote next step | none                | none                |
      | RESOURCE_EXHAUSTION | shard shard-a ran at 95.1% CPU for the last 3 minutes  | auto rollback     | RESOURCE_EXHAUSTION | none                |
      | RESOURCE_EXHAUSTION | shard shard-c used 99% memory for the last 2 minutes   | continue          | none                | RESOURCE_EXHAUSTION |
      | RESOURCE_EXHAUSTION | shard shard-a ran at 99% CPU for the last 2 minutes    | continue          | none                | RESOURCE_EXHAUSTION |
      | RESOURCE_EXHAUSTION | shard shard-a ran at 95% CPU for the last 1 minute     | promote next step | none                | none                |
      | RESOURCE_EXHAUSTION | shard shard-a ran at 95.1% CPU for the last 1 minute   | continue          | none                | RESOURCE_EXHAUSTION |
      | RESOURCE_EXHAUSTION | shard shard-c used 95.1% memory for the last 3 minutes | auto rollback     | RESOURCE_EXHAUSTION | none                |

    @boundary
    Examples: nDCG@10 drop > 0.005 from 0.5234
      | rule               | evidence              | action            | code               | warning |
      | QUALITY_REGRESSION | the nDCG@10 is 0.5185 | promote next step | none               | none    |
      | QUALITY_REGRESSION | the nDCG@10 is 0.5183 | manual decision   | QUALITY_REGRESSION | none    |

  Scenario: A breach not yet sustained holds the phase and says when it rolls back
    Given a canary at 25% traffic
    And the error rate was 0.8% for the last 1 minute
    When the rollout gate decides
    Then the action is continue
    And the gate allows it
    And no violation is reported
    And the ERROR_RATE warning names "error rate 0.8% > 0.5%, sustained 1 of 2 min: phase held; auto_rollback in 1 min if it stays above"
    And the ERROR_RATE warning has minutes_left "1"

  Scenario: A shard series shorter than its window is not judged yet: the phase is held
    Given a canary at 25% traffic
    And the canary has been observed for 2 minutes
    And the error rate was 0.1% for the last 5 minutes
    And the p99 latency was 200 ms for the last 5 minutes
    When the rollout gate decides
    Then the action is continue
    And no violation is reported

  Scenario Outline: nDCG@10 is judged by its drop from the baseline and by the floor (<case>)
    Given a canary at 25% traffic
    And the baseline nDCG@10 is <baseline>
    And the nDCG@10 is <ndcg>
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>

    @boundary
    Examples:
      | rule               | case                            | baseline | ndcg   | action            | code               |
      | QUALITY_REGRESSION | at the floor, small drop        | 0.5200   | 0.5184 | promote next step | none               |
      | QUALITY_REGRESSION | below the floor, small drop     | 0.5200   | 0.5183 | manual decision   | QUALITY_REGRESSION |
      | QUALITY_REGRESSION | above the floor, drop at limit  | 0.5300   | 0.5250 | promote next step | none               |
      | QUALITY_REGRESSION | above the floor, drop beyond it | 0.5300   | 0.5249 | manual decision   | QUALITY_REGRESSION |

  Scenario Outline: The quality violation says which fired (<fired>)
    Given a canary at 25% traffic
    And the baseline nDCG@10 is <baseline>
    And the nDCG@10 is <ndcg>
    When the rollout gate decides
    Then the QUALITY_REGRESSION violation names "<fired>"

    Examples:
      | baseline | ndcg   | fired                   |
      | 0.5200   | 0.5183 | below the floor 0.5184  |
      | 0.5300   | 0.5249 | drop 0.0051 > 0.005     |

  Scenario Outline: Sustain windows count intervals, not samples (<seconds>-second intervals)
    Given a canary at 50% traffic
    And the canary reports every <seconds> seconds
    And <evidence>
    When the rollout gate decides
    Then the action is <action>

    @boundary
    Examples:
      | seconds | evidence                                        | action            |
      | 30      | the error rate was 0.7% for the last 90 seconds | continue          |
      | 30      | the error rate was 0.7% for the last 2 minutes  | auto rollback     |
      | 120     | the error rate was 0.7% for the last 2 minutes  | auto rollback     |

  Scenario Outline: A sustain window the series cannot cover is missing evidence, never a pass (<series>)
    Given a canary at 25% traffic
    And the error rate per interval was <series>
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>

    @boundary
    Examples:
      | rule             | series     | action           | code             |
      | MISSING_EVIDENCE | 0.9%       | pause evaluation | MISSING_EVIDENCE |
      | MISSING_EVIDENCE | 0.1%       | continue         | none             |
      | MISSING_EVIDENCE | 0.9%, 0.9% | auto rollback    | ERROR_RATE       |

  Scenario Outline: The interval length is bounded by the policy (<seconds> s)
    Given a canary at 25% traffic
    And the canary reports every <seconds> seconds
    When the rollout gate decides
    Then the action is <action>
    And the violations are <code>

    @boundary
    Examples:
      | rule          | seconds | action            | code          |
      | INVALID_INPUT | 120     | promote next step | none          |
      | INVALID_INPUT | 121     | pause evaluation  | INVALID_INPUT |

  Scenario: The example series of the rollout input reference rolls back at 25%
    Given a canary at 25% traffic
    And the error rate per interval was 0.1%, 0.6%, 0.7%, 0.8%
    When the rollout gate decides
    Then the action is auto rollback
    And the violations are ERROR_RATE

  Scenario Outline: A pending <condition> decision at <phase>% expires after <window> minutes
    Given a canary at <phase>% traffic
    And <evidence>
    And a decision on the <condition> has been pending for <pending> minutes
    When the rollout gate decides
    Then the action is <action>
    And the violations are <codes>

    @manual
    Examples:
      | rule                    | condition          | phase | window | evidence                             | pending | action          | codes                                                    |
      | DECISION_WINDOW_EXPIRED | gate failure       | 5     | 5      | the success gate recall_at_50 failed | 4       | manual decision | SUCCESS_GATE_FAILURE                                     |
      | DECISION_WINDOW_EXPIRED | gate failure       | 5     | 5      | the success gate recall_at_50 failed | 5       | auto rollback   | DECISION_WINDOW_EXPIRED and SUCCESS_GATE_FAILURE         |
      | DECISION_WINDOW_EXPIRED | gate failure       | 25    | 2      | the success gate recall_at_50 failed | 1       | manual decision | SUCCESS_GATE_FAILURE                                     |
      | DECISION_WINDOW_EXPIRED | gate failure       | 25    | 2      | the success gate recall_at_50 failed | 2       | auto rollback   | DECISION_WINDOW_EXPIRED and SUCCESS_GATE_FAILURE         |
      | DECISION_WINDOW_EXPIRED | quality regression | 5     | 10     | the nDCG@10 is 0.5180                | 9       | manual decision | QUALITY_REGRESSION                                       |
      | DECISION_WINDOW_EXPIRED | quality regression | 5     | 10     | the nDCG@10 is 0.5180                | 10      | auto rollback   | DECISION_WINDOW_EXPIRED and QUALITY_REGRESSION           |
      | DECISION_WINDOW_EXPIRED | quality regression | 50    | 2      | the nDCG@10 is 0.5180                | 2       | auto rollback   | DECISION_WINDOW_EXPIRED and QUALITY_REGRESSION           |
      | DECISION_WINDOW_EXPIRED | quality regression | 100   | 0      | the nDCG@10 is 0.5234                | 1       | auto rollback   | DECISION_WINDOW_EXPIRED                                  |

  Scenario Outline: A <phase>% decision whose trigger cleared after <pending> minutes is still owed
    Given a canary at <phase>% traffic
    And the nDCG@10 is 0.5231
    And a decision on the quality regression has been pending for <pending> minutes
    When the rollout gate decides
    Then the action is <action>
    And the gate blocks it
    And the violations are <codes>
    And the warnings are TRIGGER_CLEARED
    And the decision window is <window>

    @manual
    Examples: The window still runs; a cleared trigger never cancels the decision silently
      | rule             | phase | pending | action          | codes                   | window     |
      | DECISION_PENDING | 5     | 9       | manual decision | DECISION_PENDING        | 10 minutes |
      | TRIGGER_CLEARED  | 5     | 10      | auto rollback   | DECISION_WINDOW_EXPIRED | none       |
      | DECISION_PENDING | 25    | 4       | manual decision | DECISION_PENDING        | 5 minutes  |
      | TRIGGER_CLEARED  | 25    | 5       | auto rollback   | DECISION_WINDOW_EXPIRED | none       |

  Scenario Outline: A quality regression continued by a person, <minutes> minutes after detection at <phase>%
    Given a canary at <phase>% traffic
    And <evidence>
    And a person chose to continue the quality regression decision, <minutes> minutes after detection
    When the rollout gate decides
    Then the action is <action>
    And the violations are <codes>
    And the warnings are <warnings>

    @manual @boundary
    Examples: Resolved within 30 minutes of detection, else the default rollback
      | rule                        | phase | evidence              | minutes | action            | codes                                              | warnings           |
      | RESOLUTION_PENDING          | 5     | the nDCG@10 is 0.5180 | 11      | manual decision   | QUALITY_REGRESSION                                 | RESOLUTION_PENDING |
      | RESOLUTION_PENDING          | 5     | the nDCG@10 is 0.5180 | 29      | manual decision   | QUALITY_REGRESSION                                 | RESOLUTION_PENDING |
      | RESOLUTION_DEADLINE_EXPIRED | 5     | the nDCG@10 is 0.5180 | 30      | auto rollback     | QUALITY_REGRESSION and RESOLUTION_DEADLINE_EXPIRED | none               |
      | RESOLUTION_DEADLINE_EXPIRED | 25    | the nDCG@10 is 0.5180 | 31      | auto rollback     | QUALITY_REGRESSION and RESOLUTION_DEADLINE_EXPIRED | none               |
      | RESOLUTION_DEADLINE_EXPIRED | 25    | the nDCG@10 is 0.5231 | 31      | promote next step | none                                               | none               |

  Scenario Outline: A person chose to roll back the <trigger> decision after <minutes> minutes at <phase>%
    Given a canary at <phase>% traffic
    And <evidence>
    And a person chose to roll back the <trigger> decision, <minutes> minutes after it was asked
    When the rollout gate decides
    Then the action is <action>
    And the violations are <codes>
    And the warnings are <warnings>

    @manual
    Examples: A rollback a person decided happens now, whether the trigger still fires or cleared
      | rule             | phase | trigger            | evidence                             | minutes | action        | codes                                     | warnings |
      | ROLLBACK_DECIDED | 25    | quality regression | the nDCG@10 is 0.5180                | 1       | auto rollback | QUALITY_REGRESSION and ROLLBACK_DECIDED   | none     |
      | ROLLBACK_DECIDED | 5     | gate failure       | the success gate recall_at_50 failed | 3       | auto rollback | ROLLBACK_DECIDED and SUCCESS_GATE_FAILURE | none     |
      | ROLLBACK_DECIDED | 25    | quality regression | the nDCG@10 is 0.5231                | 4       | auto rollback | ROLLBACK_DECIDED                          | none     |

  Scenario Outline: A <phase>% canary is judged in the <column>% column
    Given a canary at <phase>% traffic
    And the nDCG@10 is 0.5180
    When the rollout gate decides
    Then the action is <action>
    And the decision belongs to <authority>
    And the decision window is <window>

    @decision_matrix
    Examples: Between columns the next column up applies
      | condition          | phase | column | action          | authority                     | window     |
      | quality regression | 1     | 5      | manual decision | the QA DRI                    | 10 minutes |
      | quality regression | 10    | 25     | manual decision | the QA DRI                    | 5 minutes  |
      | quality regression | 30    | 50     | manual decision | the QA DRI and the Sprint DRI | 2 minutes  |
      | quality regression | 75    | 100    | auto rollback   | the Engineering Manager       | none       |

  Scenario: Several triggers at once: the most severe action wins
    Given a canary at 25% traffic
    And the nDCG@10 is 0.5180
    And the success gate recall_at_50 failed
    And the error rate was 0.8% for the last 3 minutes
    When the rollout gate decides
    Then the action is auto rollback
    And the decision belongs to the System
    And the violations are ERROR_RATE, QUALITY_REGRESSION and SUCCESS_GATE_FAILURE

  Scenario: Two manual triggers at once: the shorter window applies, both roles decide
    Given a canary at 5% traffic
    And the nDCG@10 is 0.5180
    And the success gate recall_at_50 failed
    When the rollout gate decides
    Then the action is manual decision
    And the decision belongs to the QA DRI and the Sprint DRI
    And the decision window is 5 minutes
    And the default action is auto rollback

  Scenario Outline: An operational anomaly goes to any Sprint DRI at <phase>%
    Given a canary at <phase>% traffic
    And sam@example.com reported an operational anomaly: latency spikes on one shard
    When the rollout gate decides
    Then the action is manual decision
    And the decision belongs to the Sprint DRI
    And the violations are <rule>
    And the OPERATIONAL_ANOMALY violation names "latency spikes on one shard"

    Examples:
      | rule                | phase |
      | OPERATIONAL_ANOMALY | 5     |
      | OPERATIONAL_ANOMALY | 100   |

  Scenario Outline: A healthy canary at <phase>% <action>
    Given a canary at <phase>% traffic
    And the canary has been observed for <minutes> minutes
    When the rollout gate decides
    Then the action is <action>
    And the gate allows it
    And no violation is reported

    @allowed
    Examples:
      | phase | minutes | action            |
      | 25    | 5       | promote next step |
      | 25    | 4       | continue          |
      | 100   | 30      | continue          |

  Scenario Outline: Missing <field> evidence pauses the evaluation
    Given a canary at 25% traffic
    And the evidence "<field>" is missing
    When the rollout gate decides
    Then the action is pause evaluation
    And the gate blocks it
    And the violations are <rule>
    And the MISSING_EVIDENCE violation has field "<field>"

    @missing_evidence
    Examples:
      | rule             | field                     |
      | MISSING_EVIDENCE | canary.error_rate         |
      | MISSING_EVIDENCE | canary.p99_latency_ms     |
      | MISSING_EVIDENCE | baseline.p99_latency_ms   |
      | MISSING_EVIDENCE | canary.shards             |
      | MISSING_EVIDENCE | canary.shards.shard-a.cpu |
      | MISSING_EVIDENCE | canary.success_gates      |
      | MISSING_EVIDENCE | canary.ndcg_at_10         |

  Scenario Outline: An input the rollout gate cannot judge (<field> is "<value>")
    Given a canary at 25% traffic
    And the input field "<field>" is "<value>"
    When the rollout gate decides
    Then the action is pause evaluation
    And the gate blocks it
    And an INVALID_INPUT violation is reported
    And the INVALID_INPUT violation has field "<field>"

    Examples:
      | rule          | field                    | value    |
      | INVALID_INPUT | profile                  | blue-sky |
      | INVALID_INPUT | phase_percent            | half     |
      | INVALID_INPUT | interval_seconds         | soon     |
      | INVALID_INPUT | pending_decision.trigger | sunspots |
