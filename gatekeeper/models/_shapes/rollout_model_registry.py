# Written by python -m tools.build_schemas from input-schemas.json (urn:gatekeeper:input:rollout:model-registry); do not edit.
VERSION = "2.22.3"
from decimal import Decimal
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_urn_gatekeeper_input_rollout_model_registry(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:rollout:model-registry', '$defs': {'PendingDecision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'RegistryBaseline': {'additionalProperties': True, 'description': 'Baseline values for the model-registry profile.', 'properties': {'performance_score': {'description': 'Performance score of the baseline.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryBaseline', 'type': 'object'}, 'RegistryCanary': {'additionalProperties': True, 'description': 'Canary measurements for the model-registry profile.', 'properties': {'success_rate': {'description': 'Success rate, one measurement a minute.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Success Rate', 'type': 'array', 'x-unit': 'fraction'}, 'error_rate': {'description': 'Error rate per interval; its mean over the trailing window is judged once the series covers it (the CI/CD gate of seed 001).', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'drift_severity': {'description': 'Severity of the detected data drift.', 'enum': ['none', 'low', 'medium', 'high', 'critical'], 'title': 'Drift Severity', 'type': 'string'}, 'performance_score': {'description': 'Performance score of the canary.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryCanary', 'type': 'object'}, 'RegistryVersion': {'additionalProperties': True, 'description': 'One version known to the model registry.', 'properties': {'version': {'description': 'Version name.', 'title': 'Version', 'type': 'string'}, 'status': {'description': 'Registry status of the version.', 'enum': ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary'], 'title': 'Status', 'type': 'string'}, 'was_production': {'description': 'Whether the version was ever in production.', 'title': 'Was Production', 'type': 'boolean'}}, 'title': 'RegistryVersion', 'type': 'object'}}, 'additionalProperties': True, 'description': 'Rollout, profile ``model-registry`` (seed 001).', 'properties': {'gate': {'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'interval_seconds': {'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, 'pending_decision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'environment': {'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it.', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, 'profile': {'const': 'model-registry', 'description': '`model-registry`.', 'title': 'Profile', 'type': 'string'}, 'canary': {'additionalProperties': True, 'description': 'Canary measurements for the model-registry profile.', 'properties': {'success_rate': {'description': 'Success rate, one measurement a minute.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Success Rate', 'type': 'array', 'x-unit': 'fraction'}, 'error_rate': {'description': 'Error rate per interval; its mean over the trailing window is judged once the series covers it (the CI/CD gate of seed 001).', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'drift_severity': {'description': 'Severity of the detected data drift.', 'enum': ['none', 'low', 'medium', 'high', 'critical'], 'title': 'Drift Severity', 'type': 'string'}, 'performance_score': {'description': 'Performance score of the canary.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryCanary', 'type': 'object'}, 'baseline': {'additionalProperties': True, 'description': 'Baseline values for the model-registry profile.', 'properties': {'performance_score': {'description': 'Performance score of the baseline.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryBaseline', 'type': 'object'}, 'versions': {'description': "The registry's versions, to choose a rollback target.", 'items': {'additionalProperties': True, 'description': 'One version known to the model registry.', 'properties': {'version': {'description': 'Version name.', 'title': 'Version', 'type': 'string'}, 'status': {'description': 'Registry status of the version.', 'enum': ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary'], 'title': 'Status', 'type': 'string'}, 'was_production': {'description': 'Whether the version was ever in production.', 'title': 'Was Production', 'type': 'boolean'}}, 'title': 'RegistryVersion', 'type': 'object'}, 'title': 'Versions', 'type': 'array'}, 'current_version': {'description': 'The version under evaluation, the one a rollback replaces: never the rollback target; without a named target, the newest valid candidate older than it is chosen.', 'title': 'Current Version', 'type': 'string'}, 'rollback_target': {'description': 'A named rollback target; used when it is a valid candidate.', 'title': 'Rollback Target', 'type': 'string'}}, 'required': ['gate', 'profile'], 'title': 'ModelRegistryRollout', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate', 'profile']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:rollout:model-registry', '$defs': {'PendingDecision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'RegistryBaseline': {'additionalProperties': True, 'description': 'Baseline values for the model-registry profile.', 'properties': {'performance_score': {'description': 'Performance score of the baseline.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryBaseline', 'type': 'object'}, 'RegistryCanary': {'additionalProperties': True, 'description': 'Canary measurements for the model-registry profile.', 'properties': {'success_rate': {'description': 'Success rate, one measurement a minute.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Success Rate', 'type': 'array', 'x-unit': 'fraction'}, 'error_rate': {'description': 'Error rate per interval; its mean over the trailing window is judged once the series covers it (the CI/CD gate of seed 001).', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'drift_severity': {'description': 'Severity of the detected data drift.', 'enum': ['none', 'low', 'medium', 'high', 'critical'], 'title': 'Drift Severity', 'type': 'string'}, 'performance_score': {'description': 'Performance score of the canary.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryCanary', 'type': 'object'}, 'RegistryVersion': {'additionalProperties': True, 'description': 'One version known to the model registry.', 'properties': {'version': {'description': 'Version name.', 'title': 'Version', 'type': 'string'}, 'status': {'description': 'Registry status of the version.', 'enum': ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary'], 'title': 'Status', 'type': 'string'}, 'was_production': {'description': 'Whether the version was ever in production.', 'title': 'Was Production', 'type': 'boolean'}}, 'title': 'RegistryVersion', 'type': 'object'}}, 'additionalProperties': True, 'description': 'Rollout, profile ``model-registry`` (seed 001).', 'properties': {'gate': {'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'interval_seconds': {'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, 'pending_decision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'environment': {'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it.', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, 'profile': {'const': 'model-registry', 'description': '`model-registry`.', 'title': 'Profile', 'type': 'string'}, 'canary': {'additionalProperties': True, 'description': 'Canary measurements for the model-registry profile.', 'properties': {'success_rate': {'description': 'Success rate, one measurement a minute.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Success Rate', 'type': 'array', 'x-unit': 'fraction'}, 'error_rate': {'description': 'Error rate per interval; its mean over the trailing window is judged once the series covers it (the CI/CD gate of seed 001).', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'drift_severity': {'description': 'Severity of the detected data drift.', 'enum': ['none', 'low', 'medium', 'high', 'critical'], 'title': 'Drift Severity', 'type': 'string'}, 'performance_score': {'description': 'Performance score of the canary.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryCanary', 'type': 'object'}, 'baseline': {'additionalProperties': True, 'description': 'Baseline values for the model-registry profile.', 'properties': {'performance_score': {'description': 'Performance score of the baseline.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryBaseline', 'type': 'object'}, 'versions': {'description': "The registry's versions, to choose a rollback target.", 'items': {'additionalProperties': True, 'description': 'One version known to the model registry.', 'properties': {'version': {'description': 'Version name.', 'title': 'Version', 'type': 'string'}, 'status': {'description': 'Registry status of the version.', 'enum': ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary'], 'title': 'Status', 'type': 'string'}, 'was_production': {'description': 'Whether the version was ever in production.', 'title': 'Was Production', 'type': 'boolean'}}, 'title': 'RegistryVersion', 'type': 'object'}, 'title': 'Versions', 'type': 'array'}, 'current_version': {'description': 'The version under evaluation, the one a rollback replaces: never the rollback target; without a named target, the newest valid candidate older than it is chosen.', 'title': 'Current Version', 'type': 'string'}, 'rollback_target': {'description': 'A named rollback target; used when it is a valid candidate.', 'title': 'Rollback Target', 'type': 'string'}}, 'required': ['gate', 'profile'], 'title': 'ModelRegistryRollout', 'type': 'object'}, rule='required')
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
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'model-registry', 'description': '`model-registry`.', 'title': 'Profile', 'type': 'string'}, rule='type')
            if not (isinstance(data__profile, str) and data__profile == 'model-registry'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be same as const definition: model-registry", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'model-registry', 'description': '`model-registry`.', 'title': 'Profile', 'type': 'string'}, rule='const')
        if "canary" in data_keys:
            data_keys.remove("canary")
            data__canary = data["canary"]
            validate____defs_registrycanary(data__canary, custom_formats, (name_prefix or "data") + ".canary")
        if "baseline" in data_keys:
            data_keys.remove("baseline")
            data__baseline = data["baseline"]
            validate____defs_registrybaseline(data__baseline, custom_formats, (name_prefix or "data") + ".baseline")
        if "versions" in data_keys:
            data_keys.remove("versions")
            data__versions = data["versions"]
            if not isinstance(data__versions, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".versions must be array", value=data__versions, name="" + (name_prefix or "data") + ".versions", definition={'description': "The registry's versions, to choose a rollback target.", 'items': {'additionalProperties': True, 'description': 'One version known to the model registry.', 'properties': {'version': {'description': 'Version name.', 'title': 'Version', 'type': 'string'}, 'status': {'description': 'Registry status of the version.', 'enum': ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary'], 'title': 'Status', 'type': 'string'}, 'was_production': {'description': 'Whether the version was ever in production.', 'title': 'Was Production', 'type': 'boolean'}}, 'title': 'RegistryVersion', 'type': 'object'}, 'title': 'Versions', 'type': 'array'}, rule='type')
            data__versions_is_list = isinstance(data__versions, (list, tuple))
            if data__versions_is_list:
                data__versions_len = len(data__versions)
                for data__versions_x, data__versions_item in enumerate(data__versions):
                    validate____defs_registryversion(data__versions_item, custom_formats, (name_prefix or "data") + ".versions[{data__versions_x}]".format(**locals()))
        if "current_version" in data_keys:
            data_keys.remove("current_version")
            data__currentversion = data["current_version"]
            if not isinstance(data__currentversion, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".current_version must be string", value=data__currentversion, name="" + (name_prefix or "data") + ".current_version", definition={'description': 'The version under evaluation, the one a rollback replaces: never the rollback target; without a named target, the newest valid candidate older than it is chosen.', 'title': 'Current Version', 'type': 'string'}, rule='type')
        if "rollback_target" in data_keys:
            data_keys.remove("rollback_target")
            data__rollbacktarget = data["rollback_target"]
            if not isinstance(data__rollbacktarget, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rollback_target must be string", value=data__rollbacktarget, name="" + (name_prefix or "data") + ".rollback_target", definition={'description': 'A named rollback target; used when it is a valid candidate.', 'title': 'Rollback Target', 'type': 'string'}, rule='type')
    return data

def validate____defs_registryversion(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'One version known to the model registry.', 'properties': {'version': {'description': 'Version name.', 'title': 'Version', 'type': 'string'}, 'status': {'description': 'Registry status of the version.', 'enum': ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary'], 'title': 'Status', 'type': 'string'}, 'was_production': {'description': 'Whether the version was ever in production.', 'title': 'Was Production', 'type': 'boolean'}}, 'title': 'RegistryVersion', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be string", value=data__version, name="" + (name_prefix or "data") + ".version", definition={'description': 'Version name.', 'title': 'Version', 'type': 'string'}, rule='type')
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not isinstance(data__status, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be string", value=data__status, name="" + (name_prefix or "data") + ".status", definition={'description': 'Registry status of the version.', 'enum': ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary'], 'title': 'Status', 'type': 'string'}, rule='type')
            if not (isinstance(data__status, str) and data__status == 'production' or isinstance(data__status, str) and data__status == 'archived' or isinstance(data__status, str) and data__status == 'deprecated' or isinstance(data__status, str) and data__status == 'quarantined' or isinstance(data__status, str) and data__status == 'staging' or isinstance(data__status, str) and data__status == 'canary'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary']", value=data__status, name="" + (name_prefix or "data") + ".status", definition={'description': 'Registry status of the version.', 'enum': ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary'], 'title': 'Status', 'type': 'string'}, rule='enum')
        if "was_production" in data_keys:
            data_keys.remove("was_production")
            data__wasproduction = data["was_production"]
            if not isinstance(data__wasproduction, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".was_production must be boolean", value=data__wasproduction, name="" + (name_prefix or "data") + ".was_production", definition={'description': 'Whether the version was ever in production.', 'title': 'Was Production', 'type': 'boolean'}, rule='type')
    return data

def validate____defs_registrybaseline(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Baseline values for the model-registry profile.', 'properties': {'performance_score': {'description': 'Performance score of the baseline.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryBaseline', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "performance_score" in data_keys:
            data_keys.remove("performance_score")
            data__performancescore = data["performance_score"]
            if not isinstance(data__performancescore, (int, float, Decimal)) or isinstance(data__performancescore, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".performance_score must be number", value=data__performancescore, name="" + (name_prefix or "data") + ".performance_score", definition={'description': 'Performance score of the baseline.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}, rule='type')
            if isinstance(data__performancescore, (int, float, Decimal)) and not isinstance(data__performancescore, bool):
                if data__performancescore < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".performance_score must be bigger than or equal to 0", value=data__performancescore, name="" + (name_prefix or "data") + ".performance_score", definition={'description': 'Performance score of the baseline.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}, rule='minimum')
    return data

def validate____defs_registrycanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Canary measurements for the model-registry profile.', 'properties': {'success_rate': {'description': 'Success rate, one measurement a minute.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Success Rate', 'type': 'array', 'x-unit': 'fraction'}, 'error_rate': {'description': 'Error rate per interval; its mean over the trailing window is judged once the series covers it (the CI/CD gate of seed 001).', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'drift_severity': {'description': 'Severity of the detected data drift.', 'enum': ['none', 'low', 'medium', 'high', 'critical'], 'title': 'Drift Severity', 'type': 'string'}, 'performance_score': {'description': 'Performance score of the canary.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}}, 'title': 'RegistryCanary', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "success_rate" in data_keys:
            data_keys.remove("success_rate")
            data__successrate = data["success_rate"]
            if not isinstance(data__successrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_rate must be array", value=data__successrate, name="" + (name_prefix or "data") + ".success_rate", definition={'description': 'Success rate, one measurement a minute.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Success Rate', 'type': 'array', 'x-unit': 'fraction'}, rule='type')
            data__successrate_is_list = isinstance(data__successrate, (list, tuple))
            if data__successrate_is_list:
                data__successrate_len = len(data__successrate)
                for data__successrate_x, data__successrate_item in enumerate(data__successrate):
                    if not isinstance(data__successrate_item, (int, float, Decimal)) or isinstance(data__successrate_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_rate[{data__successrate_x}]".format(**locals()) + " must be number", value=data__successrate_item, name="" + (name_prefix or "data") + ".success_rate[{data__successrate_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='type')
                    if isinstance(data__successrate_item, (int, float, Decimal)) and not isinstance(data__successrate_item, bool):
                        if data__successrate_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_rate[{data__successrate_x}]".format(**locals()) + " must be bigger than or equal to 0", value=data__successrate_item, name="" + (name_prefix or "data") + ".success_rate[{data__successrate_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='minimum')
                        if data__successrate_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_rate[{data__successrate_x}]".format(**locals()) + " must be smaller than or equal to 1", value=data__successrate_item, name="" + (name_prefix or "data") + ".success_rate[{data__successrate_x}]".format(**locals()) + "", definition={'maximum': 1, 'minimum': 0, 'type': 'number'}, rule='maximum')
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be array", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Error rate per interval; its mean over the trailing window is judged once the series covers it (the CI/CD gate of seed 001).', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, rule='type')
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
        if "drift_severity" in data_keys:
            data_keys.remove("drift_severity")
            data__driftseverity = data["drift_severity"]
            if not isinstance(data__driftseverity, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drift_severity must be string", value=data__driftseverity, name="" + (name_prefix or "data") + ".drift_severity", definition={'description': 'Severity of the detected data drift.', 'enum': ['none', 'low', 'medium', 'high', 'critical'], 'title': 'Drift Severity', 'type': 'string'}, rule='type')
            if not (isinstance(data__driftseverity, str) and data__driftseverity == 'none' or isinstance(data__driftseverity, str) and data__driftseverity == 'low' or isinstance(data__driftseverity, str) and data__driftseverity == 'medium' or isinstance(data__driftseverity, str) and data__driftseverity == 'high' or isinstance(data__driftseverity, str) and data__driftseverity == 'critical'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drift_severity must be one of ['none', 'low', 'medium', 'high', 'critical']", value=data__driftseverity, name="" + (name_prefix or "data") + ".drift_severity", definition={'description': 'Severity of the detected data drift.', 'enum': ['none', 'low', 'medium', 'high', 'critical'], 'title': 'Drift Severity', 'type': 'string'}, rule='enum')
        if "performance_score" in data_keys:
            data_keys.remove("performance_score")
            data__performancescore = data["performance_score"]
            if not isinstance(data__performancescore, (int, float, Decimal)) or isinstance(data__performancescore, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".performance_score must be number", value=data__performancescore, name="" + (name_prefix or "data") + ".performance_score", definition={'description': 'Performance score of the canary.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}, rule='type')
            if isinstance(data__performancescore, (int, float, Decimal)) and not isinstance(data__performancescore, bool):
                if data__performancescore < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".performance_score must be bigger than or equal to 0", value=data__performancescore, name="" + (name_prefix or "data") + ".performance_score", definition={'description': 'Performance score of the canary.', 'minimum': 0, 'title': 'Performance Score', 'type': 'number', 'x-unit': 'score'}, rule='minimum')
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


validate = validate_urn_gatekeeper_input_rollout_model_registry
