# Written by python -m tools.build_schemas from input-schemas.json (urn:gatekeeper:input:rollout:decision-matrix); do not edit.
VERSION = "2.22.3"
from decimal import Decimal
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_urn_gatekeeper_input_rollout_decision_matrix(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:rollout:decision-matrix', '$defs': {'DecisionMatrixBaseline': {'additionalProperties': True, 'description': 'Baseline (current version) values for the decision-matrix profile.', 'properties': {'p99_latency_ms': {'description': 'p99 latency of the baseline.', 'minimum': 0, 'title': 'P99 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'ndcg_at_10': {'description': 'nDCG@10 of the baseline.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}}, 'title': 'DecisionMatrixBaseline', 'type': 'object'}, 'DecisionMatrixCanary': {'additionalProperties': True, 'description': 'Canary measurements for the decision-matrix profile.', 'properties': {'error_rate': {'description': 'Total error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p99_latency_ms': {'description': 'p99 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P99 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'shards': {'additionalProperties': {'additionalProperties': True, 'description': 'Resource use of one shard, as series of utilisation fractions.', 'properties': {'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}}, 'title': 'Shard', 'type': 'object'}, 'description': 'Resource series per shard, by shard name.', 'title': 'Shards', 'type': 'object'}, 'success_gates': {'additionalProperties': {'type': 'boolean'}, 'description': 'Primary success gates by name: true = passing.', 'title': 'Success Gates', 'type': 'object'}, 'ndcg_at_10': {'description': 'nDCG@10 of the canary.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, 'operational_anomaly': {'additionalProperties': True, 'description': 'An anomaly reported by a person (trigger 6).', 'properties': {'reported_by': {'description': 'Who reported the anomaly.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'OperationalAnomaly', 'type': 'object'}}, 'title': 'DecisionMatrixCanary', 'type': 'object'}, 'OperationalAnomaly': {'additionalProperties': True, 'description': 'An anomaly reported by a person (trigger 6).', 'properties': {'reported_by': {'description': 'Who reported the anomaly.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'OperationalAnomaly', 'type': 'object'}, 'PendingDecision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}, 'decision': {'const': 'continue', 'description': "Set once a person chose to continue within the window (judged by the approval gate): the window ends and the trigger's resolution deadline runs instead (docs/rollout-profiles.md, manual decisions).", 'title': 'Decision', 'type': 'string'}, 'minutes_since_detection': {'description': "Time since the trigger was first detected; required with `decision`. Past the row's resolution deadline (30 min for a quality regression) with the trigger still firing: `auto_rollback`, RESOLUTION_DEADLINE_EXPIRED.", 'minimum': 0, 'title': 'Minutes Since Detection', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'Shard': {'additionalProperties': True, 'description': 'Resource use of one shard, as series of utilisation fractions.', 'properties': {'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}}, 'title': 'Shard', 'type': 'object'}}, 'additionalProperties': True, 'description': 'Rollout, profile ``decision-matrix`` (the default; Sprint #1: Rollback Plan & Procedures).', 'properties': {'gate': {'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'interval_seconds': {'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, 'pending_decision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}, 'decision': {'const': 'continue', 'description': "Set once a person chose to continue within the window (judged by the approval gate): the window ends and the trigger's resolution deadline runs instead (docs/rollout-profiles.md, manual decisions).", 'title': 'Decision', 'type': 'string'}, 'minutes_since_detection': {'description': "Time since the trigger was first detected; required with `decision`. Past the row's resolution deadline (30 min for a quality regression) with the trigger still firing: `auto_rollback`, RESOLUTION_DEADLINE_EXPIRED.", 'minimum': 0, 'title': 'Minutes Since Detection', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'environment': {'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it. For the `environment` profile, none chosen is INVALID_INPUT (exit 2).', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, 'profile': {'const': 'decision-matrix', 'description': '`decision-matrix`. The caller chooses the profile (`--profile`, default `decision-matrix`); the input may only confirm it.', 'title': 'Profile', 'type': 'string'}, 'canary': {'additionalProperties': True, 'description': 'Canary measurements for the decision-matrix profile.', 'properties': {'error_rate': {'description': 'Total error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p99_latency_ms': {'description': 'p99 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P99 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'shards': {'additionalProperties': {'$ref': '#/$defs/Shard'}, 'description': 'Resource series per shard, by shard name.', 'title': 'Shards', 'type': 'object'}, 'success_gates': {'additionalProperties': {'type': 'boolean'}, 'description': 'Primary success gates by name: true = passing.', 'title': 'Success Gates', 'type': 'object'}, 'ndcg_at_10': {'description': 'nDCG@10 of the canary.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, 'operational_anomaly': {'$ref': '#/$defs/OperationalAnomaly', 'description': 'Set when a person reports an operational anomaly (trigger 6).'}}, 'title': 'DecisionMatrixCanary', 'type': 'object'}, 'baseline': {'additionalProperties': True, 'description': 'Baseline (current version) values for the decision-matrix profile.', 'properties': {'p99_latency_ms': {'description': 'p99 latency of the baseline.', 'minimum': 0, 'title': 'P99 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'ndcg_at_10': {'description': 'nDCG@10 of the baseline.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}}, 'title': 'DecisionMatrixBaseline', 'type': 'object'}}, 'required': ['gate'], 'title': 'DecisionMatrixRollout', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:rollout:decision-matrix', '$defs': {'DecisionMatrixBaseline': {'additionalProperties': True, 'description': 'Baseline (current version) values for the decision-matrix profile.', 'properties': {'p99_latency_ms': {'description': 'p99 latency of the baseline.', 'minimum': 0, 'title': 'P99 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'ndcg_at_10': {'description': 'nDCG@10 of the baseline.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}}, 'title': 'DecisionMatrixBaseline', 'type': 'object'}, 'DecisionMatrixCanary': {'additionalProperties': True, 'description': 'Canary measurements for the decision-matrix profile.', 'properties': {'error_rate': {'description': 'Total error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p99_latency_ms': {'description': 'p99 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P99 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'shards': {'additionalProperties': {'additionalProperties': True, 'description': 'Resource use of one shard, as series of utilisation fractions.', 'properties': {'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}}, 'title': 'Shard', 'type': 'object'}, 'description': 'Resource series per shard, by shard name.', 'title': 'Shards', 'type': 'object'}, 'success_gates': {'additionalProperties': {'type': 'boolean'}, 'description': 'Primary success gates by name: true = passing.', 'title': 'Success Gates', 'type': 'object'}, 'ndcg_at_10': {'description': 'nDCG@10 of the canary.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, 'operational_anomaly': {'additionalProperties': True, 'description': 'An anomaly reported by a person (trigger 6).', 'properties': {'reported_by': {'description': 'Who reported the anomaly.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'OperationalAnomaly', 'type': 'object'}}, 'title': 'DecisionMatrixCanary', 'type': 'object'}, 'OperationalAnomaly': {'additionalProperties': True, 'description': 'An anomaly reported by a person (trigger 6).', 'properties': {'reported_by': {'description': 'Who reported the anomaly.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'OperationalAnomaly', 'type': 'object'}, 'PendingDecision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}, 'decision': {'const': 'continue', 'description': "Set once a person chose to continue within the window (judged by the approval gate): the window ends and the trigger's resolution deadline runs instead (docs/rollout-profiles.md, manual decisions).", 'title': 'Decision', 'type': 'string'}, 'minutes_since_detection': {'description': "Time since the trigger was first detected; required with `decision`. Past the row's resolution deadline (30 min for a quality regression) with the trigger still firing: `auto_rollback`, RESOLUTION_DEADLINE_EXPIRED.", 'minimum': 0, 'title': 'Minutes Since Detection', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'Shard': {'additionalProperties': True, 'description': 'Resource use of one shard, as series of utilisation fractions.', 'properties': {'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}}, 'title': 'Shard', 'type': 'object'}}, 'additionalProperties': True, 'description': 'Rollout, profile ``decision-matrix`` (the default; Sprint #1: Rollback Plan & Procedures).', 'properties': {'gate': {'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'interval_seconds': {'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, 'pending_decision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}, 'decision': {'const': 'continue', 'description': "Set once a person chose to continue within the window (judged by the approval gate): the window ends and the trigger's resolution deadline runs instead (docs/rollout-profiles.md, manual decisions).", 'title': 'Decision', 'type': 'string'}, 'minutes_since_detection': {'description': "Time since the trigger was first detected; required with `decision`. Past the row's resolution deadline (30 min for a quality regression) with the trigger still firing: `auto_rollback`, RESOLUTION_DEADLINE_EXPIRED.", 'minimum': 0, 'title': 'Minutes Since Detection', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'environment': {'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it. For the `environment` profile, none chosen is INVALID_INPUT (exit 2).', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, 'profile': {'const': 'decision-matrix', 'description': '`decision-matrix`. The caller chooses the profile (`--profile`, default `decision-matrix`); the input may only confirm it.', 'title': 'Profile', 'type': 'string'}, 'canary': {'additionalProperties': True, 'description': 'Canary measurements for the decision-matrix profile.', 'properties': {'error_rate': {'description': 'Total error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p99_latency_ms': {'description': 'p99 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P99 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'shards': {'additionalProperties': {'$ref': '#/$defs/Shard'}, 'description': 'Resource series per shard, by shard name.', 'title': 'Shards', 'type': 'object'}, 'success_gates': {'additionalProperties': {'type': 'boolean'}, 'description': 'Primary success gates by name: true = passing.', 'title': 'Success Gates', 'type': 'object'}, 'ndcg_at_10': {'description': 'nDCG@10 of the canary.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, 'operational_anomaly': {'$ref': '#/$defs/OperationalAnomaly', 'description': 'Set when a person reports an operational anomaly (trigger 6).'}}, 'title': 'DecisionMatrixCanary', 'type': 'object'}, 'baseline': {'additionalProperties': True, 'description': 'Baseline (current version) values for the decision-matrix profile.', 'properties': {'p99_latency_ms': {'description': 'p99 latency of the baseline.', 'minimum': 0, 'title': 'P99 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'ndcg_at_10': {'description': 'nDCG@10 of the baseline.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}}, 'title': 'DecisionMatrixBaseline', 'type': 'object'}}, 'required': ['gate'], 'title': 'DecisionMatrixRollout', 'type': 'object'}, rule='required')
        data_keys = set(data.keys())
        if "gate" in data_keys:
            data_keys.remove("gate")
            data__gate = data["gate"]
            if not isinstance(data__gate, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be string", value=data__gate, name="" + (name_prefix or "data") + ".gate", definition={'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, rule='type')
            if not (isinstance(data__gate, str) and data__gate == 'rollout'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be same as const definition: rollout", value=data__gate, name="" + (name_prefix or "data") + ".gate", definition={'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, rule='const')
        if "phase_percent" in data_keys:
            data_keys.remove("phase_percent")
            data__phasepercent = data["phase_percent"]
            if not isinstance(data__phasepercent, (int, float, Decimal)) or isinstance(data__phasepercent, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".phase_percent must be number", value=data__phasepercent, name="" + (name_prefix or "data") + ".phase_percent", definition={'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, rule='type')
            if isinstance(data__phasepercent, (int, float, Decimal)) and not isinstance(data__phasepercent, bool):
                if data__phasepercent > 100:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".phase_percent must be smaller than or equal to 100", value=data__phasepercent, name="" + (name_prefix or "data") + ".phase_percent", definition={'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, rule='maximum')
                if data__phasepercent <= 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".phase_percent must be bigger than 0", value=data__phasepercent, name="" + (name_prefix or "data") + ".phase_percent", definition={'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, rule='exclusiveMinimum')
        if "interval_seconds" in data_keys:
            data_keys.remove("interval_seconds")
            data__intervalseconds = data["interval_seconds"]
            if not isinstance(data__intervalseconds, (int, float, Decimal)) or isinstance(data__intervalseconds, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".interval_seconds must be number", value=data__intervalseconds, name="" + (name_prefix or "data") + ".interval_seconds", definition={'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, rule='type')
            if isinstance(data__intervalseconds, (int, float, Decimal)) and not isinstance(data__intervalseconds, bool):
                if data__intervalseconds <= 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".interval_seconds must be bigger than 0", value=data__intervalseconds, name="" + (name_prefix or "data") + ".interval_seconds", definition={'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, rule='exclusiveMinimum')
        if "pending_decision" in data_keys:
            data_keys.remove("pending_decision")
            data__pendingdecision = data["pending_decision"]
            validate____defs_pendingdecision(data__pendingdecision, custom_formats, (name_prefix or "data") + ".pending_decision")
        if "environment" in data_keys:
            data_keys.remove("environment")
            data__environment = data["environment"]
            if not isinstance(data__environment, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".environment must be string", value=data__environment, name="" + (name_prefix or "data") + ".environment", definition={'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it. For the `environment` profile, none chosen is INVALID_INPUT (exit 2).', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, rule='type')
            if not (isinstance(data__environment, str) and data__environment == 'development' or isinstance(data__environment, str) and data__environment == 'pre-production' or isinstance(data__environment, str) and data__environment == 'production'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".environment must be one of ['development', 'pre-production', 'production']", value=data__environment, name="" + (name_prefix or "data") + ".environment", definition={'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it. For the `environment` profile, none chosen is INVALID_INPUT (exit 2).', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, rule='enum')
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'decision-matrix', 'description': '`decision-matrix`. The caller chooses the profile (`--profile`, default `decision-matrix`); the input may only confirm it.', 'title': 'Profile', 'type': 'string'}, rule='type')
            if not (isinstance(data__profile, str) and data__profile == 'decision-matrix'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be same as const definition: decision-matrix", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'decision-matrix', 'description': '`decision-matrix`. The caller chooses the profile (`--profile`, default `decision-matrix`); the input may only confirm it.', 'title': 'Profile', 'type': 'string'}, rule='const')
        if "canary" in data_keys:
            data_keys.remove("canary")
            data__canary = data["canary"]
            validate____defs_decisionmatrixcanary(data__canary, custom_formats, (name_prefix or "data") + ".canary")
        if "baseline" in data_keys:
            data_keys.remove("baseline")
            data__baseline = data["baseline"]
            validate____defs_decisionmatrixbaseline(data__baseline, custom_formats, (name_prefix or "data") + ".baseline")
    return data

def validate____defs_decisionmatrixbaseline(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Baseline (current version) values for the decision-matrix profile.', 'properties': {'p99_latency_ms': {'description': 'p99 latency of the baseline.', 'minimum': 0, 'title': 'P99 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'ndcg_at_10': {'description': 'nDCG@10 of the baseline.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}}, 'title': 'DecisionMatrixBaseline', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "p99_latency_ms" in data_keys:
            data_keys.remove("p99_latency_ms")
            data__p99latencyms = data["p99_latency_ms"]
            if not isinstance(data__p99latencyms, (int, float, Decimal)) or isinstance(data__p99latencyms, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms must be number", value=data__p99latencyms, name="" + (name_prefix or "data") + ".p99_latency_ms", definition={'description': 'p99 latency of the baseline.', 'minimum': 0, 'title': 'P99 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, rule='type')
            if isinstance(data__p99latencyms, (int, float, Decimal)) and not isinstance(data__p99latencyms, bool):
                if data__p99latencyms < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms must be bigger than or equal to 0", value=data__p99latencyms, name="" + (name_prefix or "data") + ".p99_latency_ms", definition={'description': 'p99 latency of the baseline.', 'minimum': 0, 'title': 'P99 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, rule='minimum')
        if "ndcg_at_10" in data_keys:
            data_keys.remove("ndcg_at_10")
            data__ndcgat10 = data["ndcg_at_10"]
            if not isinstance(data__ndcgat10, (int, float, Decimal)) or isinstance(data__ndcgat10, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be number", value=data__ndcgat10, name="" + (name_prefix or "data") + ".ndcg_at_10", definition={'description': 'nDCG@10 of the baseline.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, rule='type')
            if isinstance(data__ndcgat10, (int, float, Decimal)) and not isinstance(data__ndcgat10, bool):
                if data__ndcgat10 < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be bigger than or equal to 0", value=data__ndcgat10, name="" + (name_prefix or "data") + ".ndcg_at_10", definition={'description': 'nDCG@10 of the baseline.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, rule='minimum')
                if data__ndcgat10 > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be smaller than or equal to 1", value=data__ndcgat10, name="" + (name_prefix or "data") + ".ndcg_at_10", definition={'description': 'nDCG@10 of the baseline.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, rule='maximum')
    return data

def validate____defs_decisionmatrixcanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Canary measurements for the decision-matrix profile.', 'properties': {'error_rate': {'description': 'Total error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p99_latency_ms': {'description': 'p99 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P99 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'shards': {'additionalProperties': {'additionalProperties': True, 'description': 'Resource use of one shard, as series of utilisation fractions.', 'properties': {'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}}, 'title': 'Shard', 'type': 'object'}, 'description': 'Resource series per shard, by shard name.', 'title': 'Shards', 'type': 'object'}, 'success_gates': {'additionalProperties': {'type': 'boolean'}, 'description': 'Primary success gates by name: true = passing.', 'title': 'Success Gates', 'type': 'object'}, 'ndcg_at_10': {'description': 'nDCG@10 of the canary.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, 'operational_anomaly': {'additionalProperties': True, 'description': 'An anomaly reported by a person (trigger 6).', 'properties': {'reported_by': {'description': 'Who reported the anomaly.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'OperationalAnomaly', 'type': 'object'}}, 'title': 'DecisionMatrixCanary', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be array", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Total error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, rule='type')
            data__errorrate_is_list = isinstance(data__errorrate, (list, tuple))
            if data__errorrate_is_list:
                data__errorrate_len = len(data__errorrate)
                for data__errorrate_x, data__errorrate_item in enumerate(data__errorrate):
                    if not isinstance(data__errorrate_item, (int, float, Decimal)) or isinstance(data__errorrate_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be number", value=data__errorrate_item, name="" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='type')
                    if isinstance(data__errorrate_item, (int, float, Decimal)) and not isinstance(data__errorrate_item, bool):
                        if data__errorrate_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be bigger than or equal to 0", value=data__errorrate_item, name="" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='minimum')
                        if data__errorrate_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be smaller than or equal to 1", value=data__errorrate_item, name="" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='maximum')
        if "p99_latency_ms" in data_keys:
            data_keys.remove("p99_latency_ms")
            data__p99latencyms = data["p99_latency_ms"]
            if not isinstance(data__p99latencyms, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms must be array", value=data__p99latencyms, name="" + (name_prefix or "data") + ".p99_latency_ms", definition={'description': 'p99 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P99 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, rule='type')
            data__p99latencyms_is_list = isinstance(data__p99latencyms, (list, tuple))
            if data__p99latencyms_is_list:
                data__p99latencyms_len = len(data__p99latencyms)
                for data__p99latencyms_x, data__p99latencyms_item in enumerate(data__p99latencyms):
                    if not isinstance(data__p99latencyms_item, (int, float, Decimal)) or isinstance(data__p99latencyms_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms[{data__p99latencyms_x}]".format(**locals()) + " must be number", value=data__p99latencyms_item, name="" + (name_prefix or "data") + ".p99_latency_ms[{data__p99latencyms_x}]".format(**locals()) + "", definition={'minimum': 0, 'type': 'number'}, rule='type')
                    if isinstance(data__p99latencyms_item, (int, float, Decimal)) and not isinstance(data__p99latencyms_item, bool):
                        if data__p99latencyms_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms[{data__p99latencyms_x}]".format(**locals()) + " must be bigger than or equal to 0", value=data__p99latencyms_item, name="" + (name_prefix or "data") + ".p99_latency_ms[{data__p99latencyms_x}]".format(**locals()) + "", definition={'minimum': 0, 'type': 'number'}, rule='minimum')
        if "shards" in data_keys:
            data_keys.remove("shards")
            data__shards = data["shards"]
            if not isinstance(data__shards, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".shards must be object", value=data__shards, name="" + (name_prefix or "data") + ".shards", definition={'additionalProperties': {'additionalProperties': True, 'description': 'Resource use of one shard, as series of utilisation fractions.', 'properties': {'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}}, 'title': 'Shard', 'type': 'object'}, 'description': 'Resource series per shard, by shard name.', 'title': 'Shards', 'type': 'object'}, rule='type')
            data__shards_is_dict = isinstance(data__shards, dict)
            if data__shards_is_dict:
                data__shards_keys = set(data__shards.keys())
                for data__shards_key in data__shards_keys:
                    if data__shards_key not in []:
                        data__shards_value = data__shards.get(data__shards_key)
                        validate____defs_shard(data__shards_value, custom_formats, (name_prefix or "data") + ".shards.{data__shards_key}".format(**locals()))
        if "success_gates" in data_keys:
            data_keys.remove("success_gates")
            data__successgates = data["success_gates"]
            if not isinstance(data__successgates, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_gates must be object", value=data__successgates, name="" + (name_prefix or "data") + ".success_gates", definition={'additionalProperties': {'type': 'boolean'}, 'description': 'Primary success gates by name: true = passing.', 'title': 'Success Gates', 'type': 'object'}, rule='type')
            data__successgates_is_dict = isinstance(data__successgates, dict)
            if data__successgates_is_dict:
                data__successgates_keys = set(data__successgates.keys())
                for data__successgates_key in data__successgates_keys:
                    if data__successgates_key not in []:
                        data__successgates_value = data__successgates.get(data__successgates_key)
                        if not isinstance(data__successgates_value, (bool)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_gates.{data__successgates_key}".format(**locals()) + " must be boolean", value=data__successgates_value, name="" + (name_prefix or "data") + ".success_gates.{data__successgates_key}".format(**locals()) + "", definition={'type': 'boolean'}, rule='type')
        if "ndcg_at_10" in data_keys:
            data_keys.remove("ndcg_at_10")
            data__ndcgat10 = data["ndcg_at_10"]
            if not isinstance(data__ndcgat10, (int, float, Decimal)) or isinstance(data__ndcgat10, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be number", value=data__ndcgat10, name="" + (name_prefix or "data") + ".ndcg_at_10", definition={'description': 'nDCG@10 of the canary.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, rule='type')
            if isinstance(data__ndcgat10, (int, float, Decimal)) and not isinstance(data__ndcgat10, bool):
                if data__ndcgat10 < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be bigger than or equal to 0", value=data__ndcgat10, name="" + (name_prefix or "data") + ".ndcg_at_10", definition={'description': 'nDCG@10 of the canary.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, rule='minimum')
                if data__ndcgat10 > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be smaller than or equal to 1", value=data__ndcgat10, name="" + (name_prefix or "data") + ".ndcg_at_10", definition={'description': 'nDCG@10 of the canary.', 'maximum': 1, 'minimum': 0, 'title': 'Ndcg At 10', 'type': 'number', 'x-unit': 'score 0-1'}, rule='maximum')
        if "operational_anomaly" in data_keys:
            data_keys.remove("operational_anomaly")
            data__operationalanomaly = data["operational_anomaly"]
            validate____defs_operationalanomaly(data__operationalanomaly, custom_formats, (name_prefix or "data") + ".operational_anomaly")
    return data

def validate____defs_operationalanomaly(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'An anomaly reported by a person (trigger 6).', 'properties': {'reported_by': {'description': 'Who reported the anomaly.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'OperationalAnomaly', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "reported_by" in data_keys:
            data_keys.remove("reported_by")
            data__reportedby = data["reported_by"]
            if not isinstance(data__reportedby, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reported_by must be string", value=data__reportedby, name="" + (name_prefix or "data") + ".reported_by", definition={'description': 'Who reported the anomaly.', 'title': 'Reported By', 'type': 'string'}, rule='type')
        if "summary" in data_keys:
            data_keys.remove("summary")
            data__summary = data["summary"]
            if not isinstance(data__summary, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".summary must be string", value=data__summary, name="" + (name_prefix or "data") + ".summary", definition={'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}, rule='type')
    return data

def validate____defs_shard(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Resource use of one shard, as series of utilisation fractions.', 'properties': {'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}}, 'title': 'Shard', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "cpu" in data_keys:
            data_keys.remove("cpu")
            data__cpu = data["cpu"]
            if not isinstance(data__cpu, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu must be array", value=data__cpu, name="" + (name_prefix or "data") + ".cpu", definition={'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, rule='type')
            data__cpu_is_list = isinstance(data__cpu, (list, tuple))
            if data__cpu_is_list:
                data__cpu_len = len(data__cpu)
                for data__cpu_x, data__cpu_item in enumerate(data__cpu):
                    if not isinstance(data__cpu_item, (int, float, Decimal)) or isinstance(data__cpu_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + " must be number", value=data__cpu_item, name="" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='type')
                    if isinstance(data__cpu_item, (int, float, Decimal)) and not isinstance(data__cpu_item, bool):
                        if data__cpu_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + " must be bigger than or equal to 0", value=data__cpu_item, name="" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='minimum')
                        if data__cpu_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + " must be smaller than or equal to 1", value=data__cpu_item, name="" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='maximum')
        if "memory" in data_keys:
            data_keys.remove("memory")
            data__memory = data["memory"]
            if not isinstance(data__memory, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory must be array", value=data__memory, name="" + (name_prefix or "data") + ".memory", definition={'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}, rule='type')
            data__memory_is_list = isinstance(data__memory, (list, tuple))
            if data__memory_is_list:
                data__memory_len = len(data__memory)
                for data__memory_x, data__memory_item in enumerate(data__memory):
                    if not isinstance(data__memory_item, (int, float, Decimal)) or isinstance(data__memory_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + " must be number", value=data__memory_item, name="" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='type')
                    if isinstance(data__memory_item, (int, float, Decimal)) and not isinstance(data__memory_item, bool):
                        if data__memory_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + " must be bigger than or equal to 0", value=data__memory_item, name="" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='minimum')
                        if data__memory_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + " must be smaller than or equal to 1", value=data__memory_item, name="" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='maximum')
    return data

def validate____defs_pendingdecision(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}, 'decision': {'const': 'continue', 'description': "Set once a person chose to continue within the window (judged by the approval gate): the window ends and the trigger's resolution deadline runs instead (docs/rollout-profiles.md, manual decisions).", 'title': 'Decision', 'type': 'string'}, 'minutes_since_detection': {'description': "Time since the trigger was first detected; required with `decision`. Past the row's resolution deadline (30 min for a quality regression) with the trigger still firing: `auto_rollback`, RESOLUTION_DEADLINE_EXPIRED.", 'minimum': 0, 'title': 'Minutes Since Detection', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "trigger" in data_keys:
            data_keys.remove("trigger")
            data__trigger = data["trigger"]
            if not isinstance(data__trigger, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trigger must be string", value=data__trigger, name="" + (name_prefix or "data") + ".trigger", definition={'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, rule='type')
            if not (isinstance(data__trigger, str) and data__trigger == 'gate_failure' or isinstance(data__trigger, str) and data__trigger == 'quality_regression'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trigger must be one of ['gate_failure', 'quality_regression']", value=data__trigger, name="" + (name_prefix or "data") + ".trigger", definition={'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, rule='enum')
        if "minutes_pending" in data_keys:
            data_keys.remove("minutes_pending")
            data__minutespending = data["minutes_pending"]
            if not isinstance(data__minutespending, (int, float, Decimal)) or isinstance(data__minutespending, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".minutes_pending must be number", value=data__minutespending, name="" + (name_prefix or "data") + ".minutes_pending", definition={'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}, rule='type')
            if isinstance(data__minutespending, (int, float, Decimal)) and not isinstance(data__minutespending, bool):
                if data__minutespending < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".minutes_pending must be bigger than or equal to 0", value=data__minutespending, name="" + (name_prefix or "data") + ".minutes_pending", definition={'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}, rule='minimum')
        if "decision" in data_keys:
            data_keys.remove("decision")
            data__decision = data["decision"]
            if not isinstance(data__decision, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".decision must be string", value=data__decision, name="" + (name_prefix or "data") + ".decision", definition={'const': 'continue', 'description': "Set once a person chose to continue within the window (judged by the approval gate): the window ends and the trigger's resolution deadline runs instead (docs/rollout-profiles.md, manual decisions).", 'title': 'Decision', 'type': 'string'}, rule='type')
            if not (isinstance(data__decision, str) and data__decision == 'continue'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".decision must be same as const definition: continue", value=data__decision, name="" + (name_prefix or "data") + ".decision", definition={'const': 'continue', 'description': "Set once a person chose to continue within the window (judged by the approval gate): the window ends and the trigger's resolution deadline runs instead (docs/rollout-profiles.md, manual decisions).", 'title': 'Decision', 'type': 'string'}, rule='const')
        if "minutes_since_detection" in data_keys:
            data_keys.remove("minutes_since_detection")
            data__minutessincedetection = data["minutes_since_detection"]
            if not isinstance(data__minutessincedetection, (int, float, Decimal)) or isinstance(data__minutessincedetection, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".minutes_since_detection must be number", value=data__minutessincedetection, name="" + (name_prefix or "data") + ".minutes_since_detection", definition={'description': "Time since the trigger was first detected; required with `decision`. Past the row's resolution deadline (30 min for a quality regression) with the trigger still firing: `auto_rollback`, RESOLUTION_DEADLINE_EXPIRED.", 'minimum': 0, 'title': 'Minutes Since Detection', 'type': 'number', 'x-unit': 'minutes'}, rule='type')
            if isinstance(data__minutessincedetection, (int, float, Decimal)) and not isinstance(data__minutessincedetection, bool):
                if data__minutessincedetection < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".minutes_since_detection must be bigger than or equal to 0", value=data__minutessincedetection, name="" + (name_prefix or "data") + ".minutes_since_detection", definition={'description': "Time since the trigger was first detected; required with `decision`. Past the row's resolution deadline (30 min for a quality regression) with the trigger still firing: `auto_rollback`, RESOLUTION_DEADLINE_EXPIRED.", 'minimum': 0, 'title': 'Minutes Since Detection', 'type': 'number', 'x-unit': 'minutes'}, rule='minimum')
    return data


validate = validate_urn_gatekeeper_input_rollout_decision_matrix
