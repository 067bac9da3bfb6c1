# Written by python -m tools.build_schemas from input-schemas.json (urn:gatekeeper:input:rollout:blue-green); do not edit.
VERSION = "2.22.3"
from decimal import Decimal
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_urn_gatekeeper_input_rollout_blue_green(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:rollout:blue-green', '$defs': {'BlueGreenCanary': {'additionalProperties': True, 'description': 'Measurements of the newly switched-to environment.', 'properties': {'health_checks': {'description': 'Health check results, oldest first: true = healthy.', 'items': {'type': 'boolean'}, 'title': 'Health Checks', 'type': 'array'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Average response time per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'Response Time Ms', 'type': 'array', 'x-unit': 'ms'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}, 'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'manual_trigger': {'additionalProperties': True, 'description': 'A manual rollback trigger reported by a person (seed 004).', 'properties': {'reason': {'description': 'Why: customer complaints, performance issues or critical bugs.', 'enum': ['customer_complaints', 'performance_issues', 'critical_bugs'], 'title': 'Reason', 'type': 'string'}, 'reported_by': {'description': 'Who reports it.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'ManualTrigger', 'type': 'object'}}, 'title': 'BlueGreenCanary', 'type': 'object'}, 'ManualTrigger': {'additionalProperties': True, 'description': 'A manual rollback trigger reported by a person (seed 004).', 'properties': {'reason': {'description': 'Why: customer complaints, performance issues or critical bugs.', 'enum': ['customer_complaints', 'performance_issues', 'critical_bugs'], 'title': 'Reason', 'type': 'string'}, 'reported_by': {'description': 'Who reports it.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'ManualTrigger', 'type': 'object'}, 'PendingDecision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'PostRollback': {'additionalProperties': True, 'description': 'State after a rollback, checked against the validation checklist.', 'properties': {'health': {'description': 'Health status after the rollback (checked against policy data).', 'title': 'Health', 'type': 'string'}, 'version': {'description': 'Version now serving.', 'title': 'Version', 'type': 'string'}, 'expected_version': {'description': 'Version the rollback should have restored.', 'title': 'Expected Version', 'type': 'string'}, 'error_rate': {'description': 'Error rate after the rollback (below the checklist limit in policy data).', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Response time after the rollback (below the checklist limit in policy data).', 'minimum': 0, 'title': 'Response Time Ms', 'type': 'number', 'x-unit': 'ms'}, 'environment_switched': {'description': 'The current environment changed to the rollback environment.', 'title': 'Environment Switched', 'type': 'boolean'}, 'core_functionality_verified': {'description': 'The core functionality (the AI query endpoint) responds correctly.', 'title': 'Core Functionality Verified', 'type': 'boolean'}, 'metrics_normal': {'description': 'All monitored metrics are back to normal levels.', 'title': 'Metrics Normal', 'type': 'boolean'}}, 'title': 'PostRollback', 'type': 'object'}}, 'additionalProperties': True, 'description': 'Rollout, profile ``blue-green`` (seed 004).', 'properties': {'gate': {'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'interval_seconds': {'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, 'pending_decision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'environment': {'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it.', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, 'profile': {'const': 'blue-green', 'description': '`blue-green`.', 'title': 'Profile', 'type': 'string'}, 'canary': {'additionalProperties': True, 'description': 'Measurements of the newly switched-to environment.', 'properties': {'health_checks': {'description': 'Health check results, oldest first: true = healthy.', 'items': {'type': 'boolean'}, 'title': 'Health Checks', 'type': 'array'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Average response time per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'Response Time Ms', 'type': 'array', 'x-unit': 'ms'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}, 'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'manual_trigger': {'$ref': '#/$defs/ManualTrigger', 'description': "Set when a person reports a reason to roll back (seed 004's manual rollback)."}}, 'title': 'BlueGreenCanary', 'type': 'object'}, 'post_rollback': {'additionalProperties': True, 'description': 'State after a rollback, checked against the validation checklist.', 'properties': {'health': {'description': 'Health status after the rollback (checked against policy data).', 'title': 'Health', 'type': 'string'}, 'version': {'description': 'Version now serving.', 'title': 'Version', 'type': 'string'}, 'expected_version': {'description': 'Version the rollback should have restored.', 'title': 'Expected Version', 'type': 'string'}, 'error_rate': {'description': 'Error rate after the rollback (below the checklist limit in policy data).', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Response time after the rollback (below the checklist limit in policy data).', 'minimum': 0, 'title': 'Response Time Ms', 'type': 'number', 'x-unit': 'ms'}, 'environment_switched': {'description': 'The current environment changed to the rollback environment.', 'title': 'Environment Switched', 'type': 'boolean'}, 'core_functionality_verified': {'description': 'The core functionality (the AI query endpoint) responds correctly.', 'title': 'Core Functionality Verified', 'type': 'boolean'}, 'metrics_normal': {'description': 'All monitored metrics are back to normal levels.', 'title': 'Metrics Normal', 'type': 'boolean'}}, 'title': 'PostRollback', 'type': 'object'}}, 'required': ['gate', 'profile'], 'title': 'BlueGreenRollout', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate', 'profile']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:rollout:blue-green', '$defs': {'BlueGreenCanary': {'additionalProperties': True, 'description': 'Measurements of the newly switched-to environment.', 'properties': {'health_checks': {'description': 'Health check results, oldest first: true = healthy.', 'items': {'type': 'boolean'}, 'title': 'Health Checks', 'type': 'array'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Average response time per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'Response Time Ms', 'type': 'array', 'x-unit': 'ms'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}, 'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'manual_trigger': {'additionalProperties': True, 'description': 'A manual rollback trigger reported by a person (seed 004).', 'properties': {'reason': {'description': 'Why: customer complaints, performance issues or critical bugs.', 'enum': ['customer_complaints', 'performance_issues', 'critical_bugs'], 'title': 'Reason', 'type': 'string'}, 'reported_by': {'description': 'Who reports it.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'ManualTrigger', 'type': 'object'}}, 'title': 'BlueGreenCanary', 'type': 'object'}, 'ManualTrigger': {'additionalProperties': True, 'description': 'A manual rollback trigger reported by a person (seed 004).', 'properties': {'reason': {'description': 'Why: customer complaints, performance issues or critical bugs.', 'enum': ['customer_complaints', 'performance_issues', 'critical_bugs'], 'title': 'Reason', 'type': 'string'}, 'reported_by': {'description': 'Who reports it.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'ManualTrigger', 'type': 'object'}, 'PendingDecision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'PostRollback': {'additionalProperties': True, 'description': 'State after a rollback, checked against the validation checklist.', 'properties': {'health': {'description': 'Health status after the rollback (checked against policy data).', 'title': 'Health', 'type': 'string'}, 'version': {'description': 'Version now serving.', 'title': 'Version', 'type': 'string'}, 'expected_version': {'description': 'Version the rollback should have restored.', 'title': 'Expected Version', 'type': 'string'}, 'error_rate': {'description': 'Error rate after the rollback (below the checklist limit in policy data).', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Response time after the rollback (below the checklist limit in policy data).', 'minimum': 0, 'title': 'Response Time Ms', 'type': 'number', 'x-unit': 'ms'}, 'environment_switched': {'description': 'The current environment changed to the rollback environment.', 'title': 'Environment Switched', 'type': 'boolean'}, 'core_functionality_verified': {'description': 'The core functionality (the AI query endpoint) responds correctly.', 'title': 'Core Functionality Verified', 'type': 'boolean'}, 'metrics_normal': {'description': 'All monitored metrics are back to normal levels.', 'title': 'Metrics Normal', 'type': 'boolean'}}, 'title': 'PostRollback', 'type': 'object'}}, 'additionalProperties': True, 'description': 'Rollout, profile ``blue-green`` (seed 004).', 'properties': {'gate': {'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'interval_seconds': {'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, 'pending_decision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'environment': {'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it.', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, 'profile': {'const': 'blue-green', 'description': '`blue-green`.', 'title': 'Profile', 'type': 'string'}, 'canary': {'additionalProperties': True, 'description': 'Measurements of the newly switched-to environment.', 'properties': {'health_checks': {'description': 'Health check results, oldest first: true = healthy.', 'items': {'type': 'boolean'}, 'title': 'Health Checks', 'type': 'array'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Average response time per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'Response Time Ms', 'type': 'array', 'x-unit': 'ms'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}, 'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'manual_trigger': {'$ref': '#/$defs/ManualTrigger', 'description': "Set when a person reports a reason to roll back (seed 004's manual rollback)."}}, 'title': 'BlueGreenCanary', 'type': 'object'}, 'post_rollback': {'additionalProperties': True, 'description': 'State after a rollback, checked against the validation checklist.', 'properties': {'health': {'description': 'Health status after the rollback (checked against policy data).', 'title': 'Health', 'type': 'string'}, 'version': {'description': 'Version now serving.', 'title': 'Version', 'type': 'string'}, 'expected_version': {'description': 'Version the rollback should have restored.', 'title': 'Expected Version', 'type': 'string'}, 'error_rate': {'description': 'Error rate after the rollback (below the checklist limit in policy data).', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Response time after the rollback (below the checklist limit in policy data).', 'minimum': 0, 'title': 'Response Time Ms', 'type': 'number', 'x-unit': 'ms'}, 'environment_switched': {'description': 'The current environment changed to the rollback environment.', 'title': 'Environment Switched', 'type': 'boolean'}, 'core_functionality_verified': {'description': 'The core functionality (the AI query endpoint) responds correctly.', 'title': 'Core Functionality Verified', 'type': 'boolean'}, 'metrics_normal': {'description': 'All monitored metrics are back to normal levels.', 'title': 'Metrics Normal', 'type': 'boolean'}}, 'title': 'PostRollback', 'type': 'object'}}, 'required': ['gate', 'profile'], 'title': 'BlueGreenRollout', 'type': 'object'}, rule='required')
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
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".environment must be string", value=data__environment, name="" + (name_prefix or "data") + ".environment", definition={'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it.', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, rule='type')
            if not (isinstance(data__environment, str) and data__environment == 'development' or isinstance(data__environment, str) and data__environment == 'pre-production' or isinstance(data__environment, str) and data__environment == 'production'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".environment must be one of ['development', 'pre-production', 'production']", value=data__environment, name="" + (name_prefix or "data") + ".environment", definition={'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it.', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, rule='enum')
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'blue-green', 'description': '`blue-green`.', 'title': 'Profile', 'type': 'string'}, rule='type')
            if not (isinstance(data__profile, str) and data__profile == 'blue-green'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be same as const definition: blue-green", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'blue-green', 'description': '`blue-green`.', 'title': 'Profile', 'type': 'string'}, rule='const')
        if "canary" in data_keys:
            data_keys.remove("canary")
            data__canary = data["canary"]
            validate____defs_bluegreencanary(data__canary, custom_formats, (name_prefix or "data") + ".canary")
        if "post_rollback" in data_keys:
            data_keys.remove("post_rollback")
            data__postrollback = data["post_rollback"]
            validate____defs_postrollback(data__postrollback, custom_formats, (name_prefix or "data") + ".post_rollback")
    return data

def validate____defs_postrollback(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'State after a rollback, checked against the validation checklist.', 'properties': {'health': {'description': 'Health status after the rollback (checked against policy data).', 'title': 'Health', 'type': 'string'}, 'version': {'description': 'Version now serving.', 'title': 'Version', 'type': 'string'}, 'expected_version': {'description': 'Version the rollback should have restored.', 'title': 'Expected Version', 'type': 'string'}, 'error_rate': {'description': 'Error rate after the rollback (below the checklist limit in policy data).', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Response time after the rollback (below the checklist limit in policy data).', 'minimum': 0, 'title': 'Response Time Ms', 'type': 'number', 'x-unit': 'ms'}, 'environment_switched': {'description': 'The current environment changed to the rollback environment.', 'title': 'Environment Switched', 'type': 'boolean'}, 'core_functionality_verified': {'description': 'The core functionality (the AI query endpoint) responds correctly.', 'title': 'Core Functionality Verified', 'type': 'boolean'}, 'metrics_normal': {'description': 'All monitored metrics are back to normal levels.', 'title': 'Metrics Normal', 'type': 'boolean'}}, 'title': 'PostRollback', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "health" in data_keys:
            data_keys.remove("health")
            data__health = data["health"]
            if not isinstance(data__health, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".health must be string", value=data__health, name="" + (name_prefix or "data") + ".health", definition={'description': 'Health status after the rollback (checked against policy data).', 'title': 'Health', 'type': 'string'}, rule='type')
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be string", value=data__version, name="" + (name_prefix or "data") + ".version", definition={'description': 'Version now serving.', 'title': 'Version', 'type': 'string'}, rule='type')
        if "expected_version" in data_keys:
            data_keys.remove("expected_version")
            data__expectedversion = data["expected_version"]
            if not isinstance(data__expectedversion, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".expected_version must be string", value=data__expectedversion, name="" + (name_prefix or "data") + ".expected_version", definition={'description': 'Version the rollback should have restored.', 'title': 'Expected Version', 'type': 'string'}, rule='type')
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (int, float, Decimal)) or isinstance(data__errorrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be number", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Error rate after the rollback (below the checklist limit in policy data).', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__errorrate, (int, float, Decimal)) and not isinstance(data__errorrate, bool):
                if data__errorrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be bigger than or equal to 0", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Error rate after the rollback (below the checklist limit in policy data).', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__errorrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be smaller than or equal to 1", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Error rate after the rollback (below the checklist limit in policy data).', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "response_time_ms" in data_keys:
            data_keys.remove("response_time_ms")
            data__responsetimems = data["response_time_ms"]
            if not isinstance(data__responsetimems, (int, float, Decimal)) or isinstance(data__responsetimems, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms must be number", value=data__responsetimems, name="" + (name_prefix or "data") + ".response_time_ms", definition={'description': 'Response time after the rollback (below the checklist limit in policy data).', 'minimum': 0, 'title': 'Response Time Ms', 'type': 'number', 'x-unit': 'ms'}, rule='type')
            if isinstance(data__responsetimems, (int, float, Decimal)) and not isinstance(data__responsetimems, bool):
                if data__responsetimems < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms must be bigger than or equal to 0", value=data__responsetimems, name="" + (name_prefix or "data") + ".response_time_ms", definition={'description': 'Response time after the rollback (below the checklist limit in policy data).', 'minimum': 0, 'title': 'Response Time Ms', 'type': 'number', 'x-unit': 'ms'}, rule='minimum')
        if "environment_switched" in data_keys:
            data_keys.remove("environment_switched")
            data__environmentswitched = data["environment_switched"]
            if not isinstance(data__environmentswitched, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".environment_switched must be boolean", value=data__environmentswitched, name="" + (name_prefix or "data") + ".environment_switched", definition={'description': 'The current environment changed to the rollback environment.', 'title': 'Environment Switched', 'type': 'boolean'}, rule='type')
        if "core_functionality_verified" in data_keys:
            data_keys.remove("core_functionality_verified")
            data__corefunctionalityverified = data["core_functionality_verified"]
            if not isinstance(data__corefunctionalityverified, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".core_functionality_verified must be boolean", value=data__corefunctionalityverified, name="" + (name_prefix or "data") + ".core_functionality_verified", definition={'description': 'The core functionality (the AI query endpoint) responds correctly.', 'title': 'Core Functionality Verified', 'type': 'boolean'}, rule='type')
        if "metrics_normal" in data_keys:
            data_keys.remove("metrics_normal")
            data__metricsnormal = data["metrics_normal"]
            if not isinstance(data__metricsnormal, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".metrics_normal must be boolean", value=data__metricsnormal, name="" + (name_prefix or "data") + ".metrics_normal", definition={'description': 'All monitored metrics are back to normal levels.', 'title': 'Metrics Normal', 'type': 'boolean'}, rule='type')
    return data

def validate____defs_bluegreencanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Measurements of the newly switched-to environment.', 'properties': {'health_checks': {'description': 'Health check results, oldest first: true = healthy.', 'items': {'type': 'boolean'}, 'title': 'Health Checks', 'type': 'array'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'response_time_ms': {'description': 'Average response time per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'Response Time Ms', 'type': 'array', 'x-unit': 'ms'}, 'memory': {'description': 'Memory utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Memory', 'type': 'array', 'x-unit': 'fraction'}, 'cpu': {'description': 'CPU utilisation per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Cpu', 'type': 'array', 'x-unit': 'fraction'}, 'manual_trigger': {'additionalProperties': True, 'description': 'A manual rollback trigger reported by a person (seed 004).', 'properties': {'reason': {'description': 'Why: customer complaints, performance issues or critical bugs.', 'enum': ['customer_complaints', 'performance_issues', 'critical_bugs'], 'title': 'Reason', 'type': 'string'}, 'reported_by': {'description': 'Who reports it.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'ManualTrigger', 'type': 'object'}}, 'title': 'BlueGreenCanary', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "health_checks" in data_keys:
            data_keys.remove("health_checks")
            data__healthchecks = data["health_checks"]
            if not isinstance(data__healthchecks, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".health_checks must be array", value=data__healthchecks, name="" + (name_prefix or "data") + ".health_checks", definition={'description': 'Health check results, oldest first: true = healthy.', 'items': {'type': 'boolean'}, 'title': 'Health Checks', 'type': 'array'}, rule='type')
            data__healthchecks_is_list = isinstance(data__healthchecks, (list, tuple))
            if data__healthchecks_is_list:
                data__healthchecks_len = len(data__healthchecks)
                for data__healthchecks_x, data__healthchecks_item in enumerate(data__healthchecks):
                    if not isinstance(data__healthchecks_item, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".health_checks[{data__healthchecks_x}]".format(**locals()) + " must be boolean", value=data__healthchecks_item, name="" + (name_prefix or "data") + ".health_checks[{data__healthchecks_x}]".format(**locals()) + "", definition={'type': 'boolean'}, rule='type')
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be array", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, rule='type')
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
        if "response_time_ms" in data_keys:
            data_keys.remove("response_time_ms")
            data__responsetimems = data["response_time_ms"]
            if not isinstance(data__responsetimems, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms must be array", value=data__responsetimems, name="" + (name_prefix or "data") + ".response_time_ms", definition={'description': 'Average response time per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'Response Time Ms', 'type': 'array', 'x-unit': 'ms'}, rule='type')
            data__responsetimems_is_list = isinstance(data__responsetimems, (list, tuple))
            if data__responsetimems_is_list:
                data__responsetimems_len = len(data__responsetimems)
                for data__responsetimems_x, data__responsetimems_item in enumerate(data__responsetimems):
                    if not isinstance(data__responsetimems_item, (int, float, Decimal)) or isinstance(data__responsetimems_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms[{data__responsetimems_x}]".format(**locals()) + " must be number", value=data__responsetimems_item, name="" + (name_prefix or "data") + ".response_time_ms[{data__responsetimems_x}]".format(**locals()) + "", definition={'minimum': 0, 'type': 'number'}, rule='type')
                    if isinstance(data__responsetimems_item, (int, float, Decimal)) and not isinstance(data__responsetimems_item, bool):
                        if data__responsetimems_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms[{data__responsetimems_x}]".format(**locals()) + " must be bigger than or equal to 0", value=data__responsetimems_item, name="" + (name_prefix or "data") + ".response_time_ms[{data__responsetimems_x}]".format(**locals()) + "", definition={'minimum': 0, 'type': 'number'}, rule='minimum')
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
        if "manual_trigger" in data_keys:
            data_keys.remove("manual_trigger")
            data__manualtrigger = data["manual_trigger"]
            validate____defs_manualtrigger(data__manualtrigger, custom_formats, (name_prefix or "data") + ".manual_trigger")
    return data

def validate____defs_manualtrigger(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'A manual rollback trigger reported by a person (seed 004).', 'properties': {'reason': {'description': 'Why: customer complaints, performance issues or critical bugs.', 'enum': ['customer_complaints', 'performance_issues', 'critical_bugs'], 'title': 'Reason', 'type': 'string'}, 'reported_by': {'description': 'Who reports it.', 'title': 'Reported By', 'type': 'string'}, 'summary': {'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}}, 'title': 'ManualTrigger', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            if not isinstance(data__reason, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be string", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'description': 'Why: customer complaints, performance issues or critical bugs.', 'enum': ['customer_complaints', 'performance_issues', 'critical_bugs'], 'title': 'Reason', 'type': 'string'}, rule='type')
            if not (isinstance(data__reason, str) and data__reason == 'customer_complaints' or isinstance(data__reason, str) and data__reason == 'performance_issues' or isinstance(data__reason, str) and data__reason == 'critical_bugs'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be one of ['customer_complaints', 'performance_issues', 'critical_bugs']", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'description': 'Why: customer complaints, performance issues or critical bugs.', 'enum': ['customer_complaints', 'performance_issues', 'critical_bugs'], 'title': 'Reason', 'type': 'string'}, rule='enum')
        if "reported_by" in data_keys:
            data_keys.remove("reported_by")
            data__reportedby = data["reported_by"]
            if not isinstance(data__reportedby, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reported_by must be string", value=data__reportedby, name="" + (name_prefix or "data") + ".reported_by", definition={'description': 'Who reports it.', 'title': 'Reported By', 'type': 'string'}, rule='type')
        if "summary" in data_keys:
            data_keys.remove("summary")
            data__summary = data["summary"]
            if not isinstance(data__summary, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".summary must be string", value=data__summary, name="" + (name_prefix or "data") + ".summary", definition={'description': 'What was seen.', 'title': 'Summary', 'type': 'string'}, rule='type')
    return data

def validate____defs_pendingdecision(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, rule='type')
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
    return data


validate = validate_urn_gatekeeper_input_rollout_blue_green
