# Written by python -m tools.build_schemas from input-schemas.json (urn:gatekeeper:input:rollout:environment); do not edit.
VERSION = "2.22.3"
from decimal import Decimal
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_urn_gatekeeper_input_rollout_environment(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:rollout:environment', '$defs': {'Bucket': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'EnvironmentBaseline': {'additionalProperties': True, 'description': 'Baseline (V1) values for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentBaseline', 'type': 'object'}, 'EnvironmentCanary': {'additionalProperties': True, 'description': 'Canary (V2) measurements for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P95 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentCanary', 'type': 'object'}, 'PendingDecision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}}, 'additionalProperties': True, 'description': 'Rollout, profile ``environment`` (seed 000): canary V2 against baseline V1.', 'properties': {'gate': {'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'interval_seconds': {'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, 'pending_decision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'environment': {'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it.', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, 'profile': {'const': 'environment', 'description': '`environment`.', 'title': 'Profile', 'type': 'string'}, 'canary': {'additionalProperties': True, 'description': 'Canary (V2) measurements for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P95 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'$ref': '#/$defs/Bucket'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentCanary', 'type': 'object'}, 'baseline': {'additionalProperties': True, 'description': 'Baseline (V1) values for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'$ref': '#/$defs/Bucket'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentBaseline', 'type': 'object'}}, 'required': ['gate', 'profile'], 'title': 'EnvironmentRollout', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate', 'profile']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:rollout:environment', '$defs': {'Bucket': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'EnvironmentBaseline': {'additionalProperties': True, 'description': 'Baseline (V1) values for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentBaseline', 'type': 'object'}, 'EnvironmentCanary': {'additionalProperties': True, 'description': 'Canary (V2) measurements for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P95 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentCanary', 'type': 'object'}, 'PendingDecision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}}, 'additionalProperties': True, 'description': 'Rollout, profile ``environment`` (seed 000): canary V2 against baseline V1.', 'properties': {'gate': {'const': 'rollout', 'description': '`rollout`.', 'title': 'Gate', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'interval_seconds': {'description': 'Length of one interval of every series (default 60).', 'exclusiveMinimum': 0, 'title': 'Interval Seconds', 'type': 'number', 'x-unit': 'seconds'}, 'pending_decision': {'additionalProperties': True, 'description': 'A manual decision that is waiting for its role (trigger 4 or 5).', 'properties': {'trigger': {'description': 'What the decision is about: a success gate failed, or quality regressed.', 'enum': ['gate_failure', 'quality_regression'], 'title': 'Trigger', 'type': 'string'}, 'minutes_pending': {'description': 'How long the decision has been waiting.', 'minimum': 0, 'title': 'Minutes Pending', 'type': 'number', 'x-unit': 'minutes'}}, 'title': 'PendingDecision', 'type': 'object'}, 'environment': {'description': 'Deployment environment; selects the thresholds of the `environment` profile. The caller chooses it (`--environment`); the input may only confirm it.', 'enum': ['development', 'pre-production', 'production'], 'title': 'Environment', 'type': 'string'}, 'profile': {'const': 'environment', 'description': '`environment`.', 'title': 'Profile', 'type': 'string'}, 'canary': {'additionalProperties': True, 'description': 'Canary (V2) measurements for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P95 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'$ref': '#/$defs/Bucket'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentCanary', 'type': 'object'}, 'baseline': {'additionalProperties': True, 'description': 'Baseline (V1) values for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'$ref': '#/$defs/Bucket'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentBaseline', 'type': 'object'}}, 'required': ['gate', 'profile'], 'title': 'EnvironmentRollout', 'type': 'object'}, rule='required')
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
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'environment', 'description': '`environment`.', 'title': 'Profile', 'type': 'string'}, rule='type')
            if not (isinstance(data__profile, str) and data__profile == 'environment'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be same as const definition: environment", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'environment', 'description': '`environment`.', 'title': 'Profile', 'type': 'string'}, rule='const')
        if "canary" in data_keys:
            data_keys.remove("canary")
            data__canary = data["canary"]
            validate____defs_environmentcanary(data__canary, custom_formats, (name_prefix or "data") + ".canary")
        if "baseline" in data_keys:
            data_keys.remove("baseline")
            data__baseline = data["baseline"]
            validate____defs_environmentbaseline(data__baseline, custom_formats, (name_prefix or "data") + ".baseline")
    return data

def validate____defs_environmentbaseline(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Baseline (V1) values for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentBaseline', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "pass_rate" in data_keys:
            data_keys.remove("pass_rate")
            data__passrate = data["pass_rate"]
            if not isinstance(data__passrate, (int, float, Decimal)) or isinstance(data__passrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be number", value=data__passrate, name="" + (name_prefix or "data") + ".pass_rate", definition={'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__passrate, (int, float, Decimal)) and not isinstance(data__passrate, bool):
                if data__passrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be bigger than or equal to 0", value=data__passrate, name="" + (name_prefix or "data") + ".pass_rate", definition={'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__passrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be smaller than or equal to 1", value=data__passrate, name="" + (name_prefix or "data") + ".pass_rate", definition={'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "quality_score" in data_keys:
            data_keys.remove("quality_score")
            data__qualityscore = data["quality_score"]
            if not isinstance(data__qualityscore, (int, float, Decimal)) or isinstance(data__qualityscore, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be number", value=data__qualityscore, name="" + (name_prefix or "data") + ".quality_score", definition={'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, rule='type')
            if isinstance(data__qualityscore, (int, float, Decimal)) and not isinstance(data__qualityscore, bool):
                if data__qualityscore < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be bigger than or equal to 0", value=data__qualityscore, name="" + (name_prefix or "data") + ".quality_score", definition={'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, rule='minimum')
                if data__qualityscore > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be smaller than or equal to 1", value=data__qualityscore, name="" + (name_prefix or "data") + ".quality_score", definition={'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, rule='maximum')
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (int, float, Decimal)) or isinstance(data__errorrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be number", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__errorrate, (int, float, Decimal)) and not isinstance(data__errorrate, bool):
                if data__errorrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be bigger than or equal to 0", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__errorrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be smaller than or equal to 1", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "p95_latency_ms" in data_keys:
            data_keys.remove("p95_latency_ms")
            data__p95latencyms = data["p95_latency_ms"]
            if not isinstance(data__p95latencyms, (int, float, Decimal)) or isinstance(data__p95latencyms, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be number", value=data__p95latencyms, name="" + (name_prefix or "data") + ".p95_latency_ms", definition={'description': 'p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, rule='type')
            if isinstance(data__p95latencyms, (int, float, Decimal)) and not isinstance(data__p95latencyms, bool):
                if data__p95latencyms < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be bigger than or equal to 0", value=data__p95latencyms, name="" + (name_prefix or "data") + ".p95_latency_ms", definition={'description': 'p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, rule='minimum')
        if "buckets" in data_keys:
            data_keys.remove("buckets")
            data__buckets = data["buckets"]
            if not isinstance(data__buckets, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".buckets must be object", value=data__buckets, name="" + (name_prefix or "data") + ".buckets", definition={'additionalProperties': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}, rule='type')
            data__buckets_is_dict = isinstance(data__buckets, dict)
            if data__buckets_is_dict:
                data__buckets_keys = set(data__buckets.keys())
                for data__buckets_key in data__buckets_keys:
                    if data__buckets_key not in []:
                        data__buckets_value = data__buckets.get(data__buckets_key)
                        validate____defs_bucket(data__buckets_value, custom_formats, (name_prefix or "data") + ".buckets.{data__buckets_key}".format(**locals()))
    return data

def validate____defs_bucket(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "pass_rate" in data_keys:
            data_keys.remove("pass_rate")
            data__passrate = data["pass_rate"]
            if not isinstance(data__passrate, (int, float, Decimal)) or isinstance(data__passrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be number", value=data__passrate, name="" + (name_prefix or "data") + ".pass_rate", definition={'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__passrate, (int, float, Decimal)) and not isinstance(data__passrate, bool):
                if data__passrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be bigger than or equal to 0", value=data__passrate, name="" + (name_prefix or "data") + ".pass_rate", definition={'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__passrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be smaller than or equal to 1", value=data__passrate, name="" + (name_prefix or "data") + ".pass_rate", definition={'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
    return data

def validate____defs_environmentcanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Canary (V2) measurements for the environment profile.', 'properties': {'pass_rate': {'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'quality_score': {'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, 'error_rate': {'description': 'Error rate per interval.', 'items': {'maximum': 1, 'minimum': 0, 'type': 'number'}, 'title': 'Error Rate', 'type': 'array', 'x-unit': 'fraction'}, 'p95_latency_ms': {'description': 'p95 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P95 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, 'buckets': {'additionalProperties': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}}, 'title': 'EnvironmentCanary', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "pass_rate" in data_keys:
            data_keys.remove("pass_rate")
            data__passrate = data["pass_rate"]
            if not isinstance(data__passrate, (int, float, Decimal)) or isinstance(data__passrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be number", value=data__passrate, name="" + (name_prefix or "data") + ".pass_rate", definition={'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__passrate, (int, float, Decimal)) and not isinstance(data__passrate, bool):
                if data__passrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be bigger than or equal to 0", value=data__passrate, name="" + (name_prefix or "data") + ".pass_rate", definition={'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__passrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be smaller than or equal to 1", value=data__passrate, name="" + (name_prefix or "data") + ".pass_rate", definition={'description': 'Overall pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "quality_score" in data_keys:
            data_keys.remove("quality_score")
            data__qualityscore = data["quality_score"]
            if not isinstance(data__qualityscore, (int, float, Decimal)) or isinstance(data__qualityscore, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be number", value=data__qualityscore, name="" + (name_prefix or "data") + ".quality_score", definition={'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, rule='type')
            if isinstance(data__qualityscore, (int, float, Decimal)) and not isinstance(data__qualityscore, bool):
                if data__qualityscore < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be bigger than or equal to 0", value=data__qualityscore, name="" + (name_prefix or "data") + ".quality_score", definition={'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, rule='minimum')
                if data__qualityscore > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be smaller than or equal to 1", value=data__qualityscore, name="" + (name_prefix or "data") + ".quality_score", definition={'description': 'Overall quality score.', 'maximum': 1, 'minimum': 0, 'title': 'Quality Score', 'type': 'number', 'x-unit': 'score 0-1'}, rule='maximum')
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
        if "p95_latency_ms" in data_keys:
            data_keys.remove("p95_latency_ms")
            data__p95latencyms = data["p95_latency_ms"]
            if not isinstance(data__p95latencyms, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be array", value=data__p95latencyms, name="" + (name_prefix or "data") + ".p95_latency_ms", definition={'description': 'p95 latency per interval.', 'items': {'minimum': 0, 'type': 'number'}, 'title': 'P95 Latency Ms', 'type': 'array', 'x-unit': 'ms'}, rule='type')
            data__p95latencyms_is_list = isinstance(data__p95latencyms, (list, tuple))
            if data__p95latencyms_is_list:
                data__p95latencyms_len = len(data__p95latencyms)
                for data__p95latencyms_x, data__p95latencyms_item in enumerate(data__p95latencyms):
                    if not isinstance(data__p95latencyms_item, (int, float, Decimal)) or isinstance(data__p95latencyms_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms[{data__p95latencyms_x}]".format(**locals()) + " must be number", value=data__p95latencyms_item, name="" + (name_prefix or "data") + ".p95_latency_ms[{data__p95latencyms_x}]".format(**locals()) + "", definition={'minimum': 0, 'type': 'number'}, rule='type')
                    if isinstance(data__p95latencyms_item, (int, float, Decimal)) and not isinstance(data__p95latencyms_item, bool):
                        if data__p95latencyms_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms[{data__p95latencyms_x}]".format(**locals()) + " must be bigger than or equal to 0", value=data__p95latencyms_item, name="" + (name_prefix or "data") + ".p95_latency_ms[{data__p95latencyms_x}]".format(**locals()) + "", definition={'minimum': 0, 'type': 'number'}, rule='minimum')
        if "buckets" in data_keys:
            data_keys.remove("buckets")
            data__buckets = data["buckets"]
            if not isinstance(data__buckets, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".buckets must be object", value=data__buckets, name="" + (name_prefix or "data") + ".buckets", definition={'additionalProperties': {'additionalProperties': True, 'description': 'One evaluation bucket.', 'properties': {'pass_rate': {'description': "Share of the bucket's cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'Bucket', 'type': 'object'}, 'description': 'Per-bucket results, by bucket name.', 'title': 'Buckets', 'type': 'object'}, rule='type')
            data__buckets_is_dict = isinstance(data__buckets, dict)
            if data__buckets_is_dict:
                data__buckets_keys = set(data__buckets.keys())
                for data__buckets_key in data__buckets_keys:
                    if data__buckets_key not in []:
                        data__buckets_value = data__buckets.get(data__buckets_key)
                        validate____defs_bucket(data__buckets_value, custom_formats, (name_prefix or "data") + ".buckets.{data__buckets_key}".format(**locals()))
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


validate = validate_urn_gatekeeper_input_rollout_environment
