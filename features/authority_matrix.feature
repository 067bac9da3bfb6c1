@approval
Feature: Decision-authority matrix (who may take a manual decision)
  A manual decision is allowed only when the approvers hold the role(s) the
  matrix names for the trigger type and the canary phase (Sprint #1: Rollback Plan & Procedures).
  Who holds which role comes from the roster in policy data, never from the input.

  Background:
    Given the roster:
      | identity           | roles              |
      | sam@example.com    | Sprint DRI         |
      | sasha@example.com  | Sprint DRI         |
      | quinn@example.com  | QA DRI             |
      | dana@example.com   | QA DRI, Sprint DRI |
      | pat@example.com    | Sprint PM          |
      | erin@example.com   | Engineering Manager |
      | victor@example.com | VP Engineering     |

  Scenario Outline: <trigger type> at <phase>% is decided by <authority>
    Given a request to <decision> after a <trigger type> at <phase>% traffic
    And it is approved by <approvers>
    When the approval gate decides
    Then the action is approve
    And the gate allows it
    And the decision belongs to <authority>
    And no violation is reported

    @allowed @authority_matrix
    Examples: The right role decides
      | trigger type     | phase | decision | approvers                            | authority                       |
      | performance gate | 5     | roll back | sam@example.com                     | the Sprint DRI                  |
      | performance gate | 25    | continue | sasha@example.com                    | the Sprint DRI                  |
      | performance gate | 50    | roll back | erin@example.com                    | the Engineering Manager         |
      | performance gate | 100   | promote  | erin@example.com                     | the Engineering Manager         |
      | quality gate     | 5     | continue | quinn@example.com                    | the QA DRI                      |
      | quality gate     | 25    | roll back | quinn@example.com                   | the QA DRI                      |
      | quality gate     | 50    | continue | quinn@example.com and sam@example.com | the QA DRI and the Sprint DRI  |
      | quality gate     | 100   | roll back | erin@example.com                    | the Engineering Manager         |
      | business impact  | 5     | continue | pat@example.com                      | the Sprint PM                   |
      | business impact  | 25    | roll back | pat@example.com                     | the Sprint PM                   |
      | business impact  | 50    | promote  | erin@example.com                     | the Engineering Manager         |
      | business impact  | 100   | roll back | victor@example.com                  | the VP Engineering              |

  Scenario Outline: <trigger type> at <phase>% refuses <approvers>
    Given a request to <decision> after a <trigger type> at <phase>% traffic
    And it is approved by <approvers>
    When the approval gate decides
    Then the action is deny
    And the gate blocks it
    And the decision belongs to <authority>
    And the violations are <rule>

    @refused @authority_matrix
    Examples: A wrong role is refused
      | rule                  | trigger type     | phase | decision  | approvers          | authority               |
      | UNAUTHORIZED_APPROVER | performance gate | 5     | roll back | quinn@example.com  | the Sprint DRI          |
      | UNAUTHORIZED_APPROVER | performance gate | 25    | continue  | pat@example.com    | the Sprint DRI          |
      | UNAUTHORIZED_APPROVER | performance gate | 50    | roll back | sam@example.com    | the Engineering Manager |
      | UNAUTHORIZED_APPROVER | performance gate | 100   | promote   | victor@example.com | the Engineering Manager |
      | UNAUTHORIZED_APPROVER | quality gate     | 5     | continue  | sam@example.com    | the QA DRI              |
      | UNAUTHORIZED_APPROVER | quality gate     | 25    | roll back | erin@example.com   | the QA DRI              |
      | UNAUTHORIZED_APPROVER | quality gate     | 100   | roll back | quinn@example.com  | the Engineering Manager |
      | UNAUTHORIZED_APPROVER | business impact  | 5     | continue  | sam@example.com    | the Sprint PM           |
      | UNAUTHORIZED_APPROVER | business impact  | 25    | roll back | erin@example.com   | the Sprint PM           |
      | UNAUTHORIZED_APPROVER | business impact  | 50    | promote   | pat@example.com    | the Engineering Manager |
      | UNAUTHORIZED_APPROVER | business impact  | 100   | roll back | erin@example.com   | the VP Engineering      |

  Scenario Outline: Nobody may override the System at <phase>%
    Given a request to <decision> after an automated trigger at <phase>% traffic
    And it is approved by <approvers>
    When the approval gate decides
    Then the action is deny
    And the decision belongs to the System
    And the violations are <rule>

    @refused @authority_matrix
    Examples: The automated row belongs to the System
      | rule               | trigger type | phase | decision  | approvers          |
      | AUTOMATED_DECISION | automated    | 5     | override  | sam@example.com    |
      | AUTOMATED_DECISION | automated    | 25    | continue  | erin@example.com   |
      | AUTOMATED_DECISION | automated    | 50    | override  | victor@example.com |
      | AUTOMATED_DECISION | automated    | 100   | roll back | erin@example.com   |

  Scenario Outline: The joint cell (quality gate at 50%) needs two different people
    Given a request to continue after a quality gate at 50% traffic
    And it is approved by <approvers>
    When the approval gate decides
    Then the action is <action>
    And the decision belongs to the QA DRI and the Sprint DRI
    And the violations are <violations>

    @authority_matrix
    Examples:
      | rule                        | trigger type | phase | approvers                              | action  | violations                                         |
      | SEPARATE_APPROVERS_REQUIRED | quality gate | 50    | quinn@example.com and sasha@example.com | approve | none                                              |
      | SEPARATE_APPROVERS_REQUIRED | quality gate | 50    | dana@example.com and sam@example.com   | approve | none                                               |
      | SEPARATE_APPROVERS_REQUIRED | quality gate | 50    | quinn@example.com                      | deny    | SEPARATE_APPROVERS_REQUIRED                        |
      | SEPARATE_APPROVERS_REQUIRED | quality gate | 50    | sam@example.com                        | deny    | SEPARATE_APPROVERS_REQUIRED                        |
      | SEPARATE_APPROVERS_REQUIRED | quality gate | 50    | dana@example.com                       | deny    | SEPARATE_APPROVERS_REQUIRED                        |
      | SEPARATE_APPROVERS_REQUIRED | quality gate | 50    | quinn@example.com and pat@example.com  | deny    | SEPARATE_APPROVERS_REQUIRED and UNAUTHORIZED_APPROVER |

  Scenario: An identity missing from the roster is refused
    Given a request to roll back after a performance gate at 5% traffic
    And it is approved by mallory@example.com
    When the approval gate decides
    Then the action is deny
    And the violations are UNAUTHORIZED_APPROVER
    And the UNAUTHORIZED_APPROVER violation names "mallory@example.com"
    And the UNAUTHORIZED_APPROVER violation has approver "mallory@example.com"

  Scenario: One unauthorized approver spoils an otherwise valid approval
    Given a request to roll back after a performance gate at 5% traffic
    And it is approved by sam@example.com and mallory@example.com
    When the approval gate decides
    Then the action is deny
    And the violations are UNAUTHORIZED_APPROVER

  Scenario: Without a roster everyone is unauthorized
    Given an empty roster
    And a request to roll back after a performance gate at 5% traffic
    And it is approved by sam@example.com
    When the approval gate decides
    Then the action is deny
    And the violations are UNAUTHORIZED_APPROVER

  Scenario Outline: A decision needs at least one approver
    Given a request to roll back after a performance gate at 5% traffic
    And nobody approves it
    When the approval gate decides
    Then the action is deny
    And the violations are <rule>
    And the MISSING_EVIDENCE violation has field "approvers"

    @missing_evidence
    Examples:
      | rule             |
      | MISSING_EVIDENCE |

  Scenario Outline: A request the approval gate cannot judge (<field> is "<value>")
    Given a request to roll back after a performance gate at 5% traffic
    And it is approved by sam@example.com
    And the input field "<field>" is "<value>"
    When the approval gate decides
    Then the action is deny
    And the gate blocks it
    And the violations are <rule>
    And the INVALID_INPUT violation has field "<field>"

    Examples:
      | rule          | field         | value           |
      | INVALID_INPUT | trigger_type  | weather         |
      | INVALID_INPUT | decision      | shrug           |
      | INVALID_INPUT | phase_percent | half            |
      | INVALID_INPUT | approvers     | sam@example.com |

  Scenario Outline: Any Sprint DRI may roll back for an operational anomaly at <phase>%
    Given a request to roll back after an operational anomaly at <phase>% traffic
    And it is approved by <approvers>
    When the approval gate decides
    Then the action is <action>
    And the decision belongs to the Sprint DRI
    And the violations are <violations>

    Examples:
      | phase | approvers          | action  | violations            |
      | 5     | sam@example.com    | approve | none                  |
      | 50    | sasha@example.com  | approve | none                  |
      | 100   | sam@example.com    | approve | none                  |
      | 100   | erin@example.com   | deny    | UNAUTHORIZED_APPROVER |

  Scenario Outline: For an operational anomaly only a rollback exists (<decision>)
    Given a request to <decision> after an operational anomaly at 25% traffic
    And it is approved by sam@example.com
    When the approval gate decides
    Then the action is <action>
    And the violations are <violations>

    Examples:
      | rule             | decision  | action  | violations       |
      | INVALID_DECISION | roll back | approve | none             |
      | INVALID_DECISION | continue  | deny    | INVALID_DECISION |
      | INVALID_DECISION | promote   | deny    | INVALID_DECISION |
