# Written by python -m tools.build_schemas from input-schemas.json (urn:gatekeeper:input:promotion); do not edit.
VERSION = "2.22.3"
from decimal import Decimal
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_urn_gatekeeper_input_promotion(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:promotion', '$defs': {'GoldSet': {'additionalProperties': True, 'description': 'Results on the gold (reference) evaluation set.', 'properties': {'security_pass_rate': {'description': "Share of the gold set's security cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'overall_pass_rate': {'description': 'Share of all gold-set cases passed.', 'maximum': 1, 'minimum': 0, 'title': 'Overall Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'GoldSet', 'type': 'object'}, 'Incidents': {'additionalProperties': True, 'description': 'Incidents open on the target (V2) environment.', 'properties': {'active': {'description': 'Number of active incidents.', 'minimum': 0, 'title': 'Active', 'type': 'integer', 'x-unit': 'incidents'}}, 'title': 'Incidents', 'type': 'object'}, 'PromotionMetrics': {'additionalProperties': True, 'description': 'Measurements of the candidate against the current version during the shadow run.', 'properties': {'p95_latency_ms': {'description': '95th-percentile latency of the candidate.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'error_rate': {'description': 'Share of failed requests of the candidate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'accuracy_delta': {'description': 'Accuracy of the candidate minus accuracy of the current version.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, 'security_pass_rate': {'description': 'Share of security checks the candidate passed.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'cost_delta': {'description': 'Relative cost change of the candidate (0.05 = 5% more expensive).', 'minimum': -1, 'title': 'Cost Delta', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'PromotionMetrics', 'type': 'object'}, 'PromotionThresholds': {'additionalProperties': True, 'description': "Thresholds asked for by the caller; they may only tighten the policy's own.", 'properties': {'p95_latency_ms': {'description': 'Maximum p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'error_rate': {'description': 'Maximum error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'accuracy_delta': {'description': 'Minimum accuracy delta.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, 'security_pass_rate': {'description': 'Minimum security pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'cost_increase_max': {'description': 'Maximum relative cost increase.', 'minimum': 0, 'title': 'Cost Increase Max', 'type': 'number', 'x-unit': 'fraction'}, 'statistical_significance_p': {'description': 'Significance level alpha for the primary metric.', 'maximum': 1, 'minimum': 0, 'title': 'Statistical Significance P', 'type': 'number', 'x-unit': 'probability'}}, 'title': 'PromotionThresholds', 'type': 'object'}, 'Shadow': {'additionalProperties': True, 'description': 'How much the shadow evaluation saw.', 'properties': {'requests': {'description': 'Requests served in shadow mode.', 'minimum': 0, 'title': 'Requests', 'type': 'integer', 'x-unit': 'requests'}, 'duration_hours': {'description': 'Duration of the shadow run.', 'minimum': 0, 'title': 'Duration Hours', 'type': 'number', 'x-unit': 'hours'}}, 'title': 'Shadow', 'type': 'object'}, 'StatisticalTests': {'additionalProperties': True, 'description': 'p-values of the comparison candidate vs current version.', 'properties': {'accuracy_p_value': {'description': 'p-value of the accuracy improvement (the primary metric).', 'maximum': 1, 'minimum': 0, 'title': 'Accuracy P Value', 'type': 'number', 'x-unit': 'probability'}, 'latency_p_value': {'description': 'p-value of the latency difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Latency P Value', 'type': 'number', 'x-unit': 'probability'}, 'cost_p_value': {'description': 'p-value of the cost difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Cost P Value', 'type': 'number', 'x-unit': 'probability'}, 'insufficient_data': {'description': 'Fields the input builder could not compute for lack of samples, by bare test name ("accuracy_p_value") or full path ("metrics.accuracy_delta"): each is judged missing evidence (MISSING_EVIDENCE) even if a value is present (docs/inputs.md, promotion input).', 'items': {'type': 'string'}, 'title': 'Insufficient Data', 'type': 'array'}}, 'title': 'StatisticalTests', 'type': 'object'}, 'Version': {'additionalProperties': True, 'description': 'The version under evaluation (Promotion and Rollback Procedures).', 'properties': {'id': {'description': 'Identifier of the candidate version, e.g. `v1-abc123`.', 'title': 'Id', 'type': 'string'}, 'model': {'description': 'Model behind the version, e.g. `gpt-4o-2024-05-13`.', 'title': 'Model', 'type': 'string'}, 'prompt': {'description': 'Prompt revision of the version.', 'title': 'Prompt', 'type': 'string'}, 'state': {'description': 'Lifecycle state; `shadow` marks a promotion input when `gate` is absent.', 'title': 'State', 'type': 'string'}}, 'title': 'Version', 'type': 'object'}}, 'additionalProperties': True, 'description': 'Input of the promotion gate (SPEC sections 2 and 6).', 'properties': {'gate': {'const': 'promotion', 'description': '`promotion`. May be omitted when `version.state` is `shadow`.', 'title': 'Gate', 'type': 'string'}, 'profile': {'const': 'default', 'description': 'Threshold profile; only `default` exists.', 'title': 'Profile', 'type': 'string'}, 'version': {'additionalProperties': True, 'description': 'The version under evaluation (Promotion and Rollback Procedures).', 'properties': {'id': {'description': 'Identifier of the candidate version, e.g. `v1-abc123`.', 'title': 'Id', 'type': 'string'}, 'model': {'description': 'Model behind the version, e.g. `gpt-4o-2024-05-13`.', 'title': 'Model', 'type': 'string'}, 'prompt': {'description': 'Prompt revision of the version.', 'title': 'Prompt', 'type': 'string'}, 'state': {'description': 'Lifecycle state; `shadow` marks a promotion input when `gate` is absent.', 'title': 'State', 'type': 'string'}}, 'title': 'Version', 'type': 'object'}, 'metrics': {'additionalProperties': True, 'description': 'Measurements of the candidate against the current version during the shadow run.', 'properties': {'p95_latency_ms': {'description': '95th-percentile latency of the candidate.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'error_rate': {'description': 'Share of failed requests of the candidate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'accuracy_delta': {'description': 'Accuracy of the candidate minus accuracy of the current version.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, 'security_pass_rate': {'description': 'Share of security checks the candidate passed.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'cost_delta': {'description': 'Relative cost change of the candidate (0.05 = 5% more expensive).', 'minimum': -1, 'title': 'Cost Delta', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'PromotionMetrics', 'type': 'object'}, 'statistical_tests': {'additionalProperties': True, 'description': 'p-values of the comparison candidate vs current version.', 'properties': {'accuracy_p_value': {'description': 'p-value of the accuracy improvement (the primary metric).', 'maximum': 1, 'minimum': 0, 'title': 'Accuracy P Value', 'type': 'number', 'x-unit': 'probability'}, 'latency_p_value': {'description': 'p-value of the latency difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Latency P Value', 'type': 'number', 'x-unit': 'probability'}, 'cost_p_value': {'description': 'p-value of the cost difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Cost P Value', 'type': 'number', 'x-unit': 'probability'}, 'insufficient_data': {'description': 'Fields the input builder could not compute for lack of samples, by bare test name ("accuracy_p_value") or full path ("metrics.accuracy_delta"): each is judged missing evidence (MISSING_EVIDENCE) even if a value is present (docs/inputs.md, promotion input).', 'items': {'type': 'string'}, 'title': 'Insufficient Data', 'type': 'array'}}, 'title': 'StatisticalTests', 'type': 'object'}, 'thresholds': {'additionalProperties': True, 'description': "Thresholds asked for by the caller; they may only tighten the policy's own.", 'properties': {'p95_latency_ms': {'description': 'Maximum p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'error_rate': {'description': 'Maximum error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'accuracy_delta': {'description': 'Minimum accuracy delta.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, 'security_pass_rate': {'description': 'Minimum security pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'cost_increase_max': {'description': 'Maximum relative cost increase.', 'minimum': 0, 'title': 'Cost Increase Max', 'type': 'number', 'x-unit': 'fraction'}, 'statistical_significance_p': {'description': 'Significance level alpha for the primary metric.', 'maximum': 1, 'minimum': 0, 'title': 'Statistical Significance P', 'type': 'number', 'x-unit': 'probability'}}, 'title': 'PromotionThresholds', 'type': 'object'}, 'shadow': {'additionalProperties': True, 'description': 'How much the shadow evaluation saw.', 'properties': {'requests': {'description': 'Requests served in shadow mode.', 'minimum': 0, 'title': 'Requests', 'type': 'integer', 'x-unit': 'requests'}, 'duration_hours': {'description': 'Duration of the shadow run.', 'minimum': 0, 'title': 'Duration Hours', 'type': 'number', 'x-unit': 'hours'}}, 'title': 'Shadow', 'type': 'object'}, 'gold_set': {'additionalProperties': True, 'description': 'Results on the gold (reference) evaluation set.', 'properties': {'security_pass_rate': {'description': "Share of the gold set's security cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'overall_pass_rate': {'description': 'Share of all gold-set cases passed.', 'maximum': 1, 'minimum': 0, 'title': 'Overall Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'GoldSet', 'type': 'object'}, 'incidents': {'additionalProperties': True, 'description': 'Incidents open on the target (V2) environment.', 'properties': {'active': {'description': 'Number of active incidents.', 'minimum': 0, 'title': 'Active', 'type': 'integer', 'x-unit': 'incidents'}}, 'title': 'Incidents', 'type': 'object'}}, 'title': 'PromotionInput', 'type': 'object', 'if': {'not': {'required': ['version'], 'properties': {'version': {'required': ['state'], 'properties': {'state': {'const': 'shadow'}}}}}}, 'then': {'required': ['gate']}, '$comment': 'gate may be omitted only when version.state is "shadow" (docs/inputs.md)'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "gate" in data_keys:
            data_keys.remove("gate")
            data__gate = data["gate"]
            if not isinstance(data__gate, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be string", value=data__gate, name="" + (name_prefix or "data") + ".gate", definition={'const': 'promotion', 'description': '`promotion`. May be omitted when `version.state` is `shadow`.', 'title': 'Gate', 'type': 'string'}, rule='type')
            if not (isinstance(data__gate, str) and data__gate == 'promotion'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be same as const definition: promotion", value=data__gate, name="" + (name_prefix or "data") + ".gate", definition={'const': 'promotion', 'description': '`promotion`. May be omitted when `version.state` is `shadow`.', 'title': 'Gate', 'type': 'string'}, rule='const')
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'default', 'description': 'Threshold profile; only `default` exists.', 'title': 'Profile', 'type': 'string'}, rule='type')
            if not (isinstance(data__profile, str) and data__profile == 'default'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be same as const definition: default", value=data__profile, name="" + (name_prefix or "data") + ".profile", definition={'const': 'default', 'description': 'Threshold profile; only `default` exists.', 'title': 'Profile', 'type': 'string'}, rule='const')
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            validate____defs_version(data__version, custom_formats, (name_prefix or "data") + ".version")
        if "metrics" in data_keys:
            data_keys.remove("metrics")
            data__metrics = data["metrics"]
            validate____defs_promotionmetrics(data__metrics, custom_formats, (name_prefix or "data") + ".metrics")
        if "statistical_tests" in data_keys:
            data_keys.remove("statistical_tests")
            data__statisticaltests = data["statistical_tests"]
            validate____defs_statisticaltests(data__statisticaltests, custom_formats, (name_prefix or "data") + ".statistical_tests")
        if "thresholds" in data_keys:
            data_keys.remove("thresholds")
            data__thresholds = data["thresholds"]
            validate____defs_promotionthresholds(data__thresholds, custom_formats, (name_prefix or "data") + ".thresholds")
        if "shadow" in data_keys:
            data_keys.remove("shadow")
            data__shadow = data["shadow"]
            validate____defs_shadow(data__shadow, custom_formats, (name_prefix or "data") + ".shadow")
        if "gold_set" in data_keys:
            data_keys.remove("gold_set")
            data__goldset = data["gold_set"]
            validate____defs_goldset(data__goldset, custom_formats, (name_prefix or "data") + ".gold_set")
        if "incidents" in data_keys:
            data_keys.remove("incidents")
            data__incidents = data["incidents"]
            validate____defs_incidents(data__incidents, custom_formats, (name_prefix or "data") + ".incidents")
    try:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['version']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['version'], 'properties': {'version': {'required': ['state'], 'properties': {'state': {'const': 'shadow'}}}}}, rule='required')
                data_keys = set(data.keys())
                if "version" in data_keys:
                    data_keys.remove("version")
                    data__version = data["version"]
                    data__version_is_dict = isinstance(data__version, dict)
                    if data__version_is_dict:
                        data__version__missing_keys = set(['state']) - data__version.keys()
                        if data__version__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must contain " + (str(sorted(data__version__missing_keys)) + " properties"), value=data__version, name="" + (name_prefix or "data") + ".version", definition={'required': ['state'], 'properties': {'state': {'const': 'shadow'}}}, rule='required')
                        data__version_keys = set(data__version.keys())
                        if "state" in data__version_keys:
                            data__version_keys.remove("state")
                            data__version__state = data__version["state"]
                            if not (isinstance(data__version__state, str) and data__version__state == 'shadow'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version.state must be same as const definition: shadow", value=data__version__state, name="" + (name_prefix or "data") + ".version.state", definition={'const': 'shadow'}, rule='const')
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition", value=data, name="" + (name_prefix or "data") + "", definition={'not': {'required': ['version'], 'properties': {'version': {'required': ['state'], 'properties': {'state': {'const': 'shadow'}}}}}}, rule='not')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['gate']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['gate']}, rule='required')
    return data

def validate____defs_incidents(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Incidents open on the target (V2) environment.', 'properties': {'active': {'description': 'Number of active incidents.', 'minimum': 0, 'title': 'Active', 'type': 'integer', 'x-unit': 'incidents'}}, 'title': 'Incidents', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "active" in data_keys:
            data_keys.remove("active")
            data__active = data["active"]
            if not isinstance(data__active, (int)) and not (isinstance(data__active, float) and data__active.is_integer()) or isinstance(data__active, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".active must be integer", value=data__active, name="" + (name_prefix or "data") + ".active", definition={'description': 'Number of active incidents.', 'minimum': 0, 'title': 'Active', 'type': 'integer', 'x-unit': 'incidents'}, rule='type')
            if isinstance(data__active, (int, float, Decimal)) and not isinstance(data__active, bool):
                if data__active < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".active must be bigger than or equal to 0", value=data__active, name="" + (name_prefix or "data") + ".active", definition={'description': 'Number of active incidents.', 'minimum': 0, 'title': 'Active', 'type': 'integer', 'x-unit': 'incidents'}, rule='minimum')
    return data

def validate____defs_goldset(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Results on the gold (reference) evaluation set.', 'properties': {'security_pass_rate': {'description': "Share of the gold set's security cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'overall_pass_rate': {'description': 'Share of all gold-set cases passed.', 'maximum': 1, 'minimum': 0, 'title': 'Overall Pass Rate', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'GoldSet', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "security_pass_rate" in data_keys:
            data_keys.remove("security_pass_rate")
            data__securitypassrate = data["security_pass_rate"]
            if not isinstance(data__securitypassrate, (int, float, Decimal)) or isinstance(data__securitypassrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be number", value=data__securitypassrate, name="" + (name_prefix or "data") + ".security_pass_rate", definition={'description': "Share of the gold set's security cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__securitypassrate, (int, float, Decimal)) and not isinstance(data__securitypassrate, bool):
                if data__securitypassrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be bigger than or equal to 0", value=data__securitypassrate, name="" + (name_prefix or "data") + ".security_pass_rate", definition={'description': "Share of the gold set's security cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__securitypassrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be smaller than or equal to 1", value=data__securitypassrate, name="" + (name_prefix or "data") + ".security_pass_rate", definition={'description': "Share of the gold set's security cases passed.", 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "overall_pass_rate" in data_keys:
            data_keys.remove("overall_pass_rate")
            data__overallpassrate = data["overall_pass_rate"]
            if not isinstance(data__overallpassrate, (int, float, Decimal)) or isinstance(data__overallpassrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".overall_pass_rate must be number", value=data__overallpassrate, name="" + (name_prefix or "data") + ".overall_pass_rate", definition={'description': 'Share of all gold-set cases passed.', 'maximum': 1, 'minimum': 0, 'title': 'Overall Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__overallpassrate, (int, float, Decimal)) and not isinstance(data__overallpassrate, bool):
                if data__overallpassrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".overall_pass_rate must be bigger than or equal to 0", value=data__overallpassrate, name="" + (name_prefix or "data") + ".overall_pass_rate", definition={'description': 'Share of all gold-set cases passed.', 'maximum': 1, 'minimum': 0, 'title': 'Overall Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__overallpassrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".overall_pass_rate must be smaller than or equal to 1", value=data__overallpassrate, name="" + (name_prefix or "data") + ".overall_pass_rate", definition={'description': 'Share of all gold-set cases passed.', 'maximum': 1, 'minimum': 0, 'title': 'Overall Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
    return data

def validate____defs_shadow(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'How much the shadow evaluation saw.', 'properties': {'requests': {'description': 'Requests served in shadow mode.', 'minimum': 0, 'title': 'Requests', 'type': 'integer', 'x-unit': 'requests'}, 'duration_hours': {'description': 'Duration of the shadow run.', 'minimum': 0, 'title': 'Duration Hours', 'type': 'number', 'x-unit': 'hours'}}, 'title': 'Shadow', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "requests" in data_keys:
            data_keys.remove("requests")
            data__requests = data["requests"]
            if not isinstance(data__requests, (int)) and not (isinstance(data__requests, float) and data__requests.is_integer()) or isinstance(data__requests, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".requests must be integer", value=data__requests, name="" + (name_prefix or "data") + ".requests", definition={'description': 'Requests served in shadow mode.', 'minimum': 0, 'title': 'Requests', 'type': 'integer', 'x-unit': 'requests'}, rule='type')
            if isinstance(data__requests, (int, float, Decimal)) and not isinstance(data__requests, bool):
                if data__requests < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".requests must be bigger than or equal to 0", value=data__requests, name="" + (name_prefix or "data") + ".requests", definition={'description': 'Requests served in shadow mode.', 'minimum': 0, 'title': 'Requests', 'type': 'integer', 'x-unit': 'requests'}, rule='minimum')
        if "duration_hours" in data_keys:
            data_keys.remove("duration_hours")
            data__durationhours = data["duration_hours"]
            if not isinstance(data__durationhours, (int, float, Decimal)) or isinstance(data__durationhours, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".duration_hours must be number", value=data__durationhours, name="" + (name_prefix or "data") + ".duration_hours", definition={'description': 'Duration of the shadow run.', 'minimum': 0, 'title': 'Duration Hours', 'type': 'number', 'x-unit': 'hours'}, rule='type')
            if isinstance(data__durationhours, (int, float, Decimal)) and not isinstance(data__durationhours, bool):
                if data__durationhours < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".duration_hours must be bigger than or equal to 0", value=data__durationhours, name="" + (name_prefix or "data") + ".duration_hours", definition={'description': 'Duration of the shadow run.', 'minimum': 0, 'title': 'Duration Hours', 'type': 'number', 'x-unit': 'hours'}, rule='minimum')
    return data

def validate____defs_promotionthresholds(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': "Thresholds asked for by the caller; they may only tighten the policy's own.", 'properties': {'p95_latency_ms': {'description': 'Maximum p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'error_rate': {'description': 'Maximum error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'accuracy_delta': {'description': 'Minimum accuracy delta.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, 'security_pass_rate': {'description': 'Minimum security pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'cost_increase_max': {'description': 'Maximum relative cost increase.', 'minimum': 0, 'title': 'Cost Increase Max', 'type': 'number', 'x-unit': 'fraction'}, 'statistical_significance_p': {'description': 'Significance level alpha for the primary metric.', 'maximum': 1, 'minimum': 0, 'title': 'Statistical Significance P', 'type': 'number', 'x-unit': 'probability'}}, 'title': 'PromotionThresholds', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "p95_latency_ms" in data_keys:
            data_keys.remove("p95_latency_ms")
            data__p95latencyms = data["p95_latency_ms"]
            if not isinstance(data__p95latencyms, (int, float, Decimal)) or isinstance(data__p95latencyms, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be number", value=data__p95latencyms, name="" + (name_prefix or "data") + ".p95_latency_ms", definition={'description': 'Maximum p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, rule='type')
            if isinstance(data__p95latencyms, (int, float, Decimal)) and not isinstance(data__p95latencyms, bool):
                if data__p95latencyms < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be bigger than or equal to 0", value=data__p95latencyms, name="" + (name_prefix or "data") + ".p95_latency_ms", definition={'description': 'Maximum p95 latency.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, rule='minimum')
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (int, float, Decimal)) or isinstance(data__errorrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be number", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Maximum error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__errorrate, (int, float, Decimal)) and not isinstance(data__errorrate, bool):
                if data__errorrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be bigger than or equal to 0", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Maximum error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__errorrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be smaller than or equal to 1", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Maximum error rate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "accuracy_delta" in data_keys:
            data_keys.remove("accuracy_delta")
            data__accuracydelta = data["accuracy_delta"]
            if not isinstance(data__accuracydelta, (int, float, Decimal)) or isinstance(data__accuracydelta, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be number", value=data__accuracydelta, name="" + (name_prefix or "data") + ".accuracy_delta", definition={'description': 'Minimum accuracy delta.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__accuracydelta, (int, float, Decimal)) and not isinstance(data__accuracydelta, bool):
                if data__accuracydelta < -1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be bigger than or equal to -1", value=data__accuracydelta, name="" + (name_prefix or "data") + ".accuracy_delta", definition={'description': 'Minimum accuracy delta.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__accuracydelta > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be smaller than or equal to 1", value=data__accuracydelta, name="" + (name_prefix or "data") + ".accuracy_delta", definition={'description': 'Minimum accuracy delta.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "security_pass_rate" in data_keys:
            data_keys.remove("security_pass_rate")
            data__securitypassrate = data["security_pass_rate"]
            if not isinstance(data__securitypassrate, (int, float, Decimal)) or isinstance(data__securitypassrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be number", value=data__securitypassrate, name="" + (name_prefix or "data") + ".security_pass_rate", definition={'description': 'Minimum security pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__securitypassrate, (int, float, Decimal)) and not isinstance(data__securitypassrate, bool):
                if data__securitypassrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be bigger than or equal to 0", value=data__securitypassrate, name="" + (name_prefix or "data") + ".security_pass_rate", definition={'description': 'Minimum security pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__securitypassrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be smaller than or equal to 1", value=data__securitypassrate, name="" + (name_prefix or "data") + ".security_pass_rate", definition={'description': 'Minimum security pass rate.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "cost_increase_max" in data_keys:
            data_keys.remove("cost_increase_max")
            data__costincreasemax = data["cost_increase_max"]
            if not isinstance(data__costincreasemax, (int, float, Decimal)) or isinstance(data__costincreasemax, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_increase_max must be number", value=data__costincreasemax, name="" + (name_prefix or "data") + ".cost_increase_max", definition={'description': 'Maximum relative cost increase.', 'minimum': 0, 'title': 'Cost Increase Max', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__costincreasemax, (int, float, Decimal)) and not isinstance(data__costincreasemax, bool):
                if data__costincreasemax < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_increase_max must be bigger than or equal to 0", value=data__costincreasemax, name="" + (name_prefix or "data") + ".cost_increase_max", definition={'description': 'Maximum relative cost increase.', 'minimum': 0, 'title': 'Cost Increase Max', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
        if "statistical_significance_p" in data_keys:
            data_keys.remove("statistical_significance_p")
            data__statisticalsignificancep = data["statistical_significance_p"]
            if not isinstance(data__statisticalsignificancep, (int, float, Decimal)) or isinstance(data__statisticalsignificancep, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".statistical_significance_p must be number", value=data__statisticalsignificancep, name="" + (name_prefix or "data") + ".statistical_significance_p", definition={'description': 'Significance level alpha for the primary metric.', 'maximum': 1, 'minimum': 0, 'title': 'Statistical Significance P', 'type': 'number', 'x-unit': 'probability'}, rule='type')
            if isinstance(data__statisticalsignificancep, (int, float, Decimal)) and not isinstance(data__statisticalsignificancep, bool):
                if data__statisticalsignificancep < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".statistical_significance_p must be bigger than or equal to 0", value=data__statisticalsignificancep, name="" + (name_prefix or "data") + ".statistical_significance_p", definition={'description': 'Significance level alpha for the primary metric.', 'maximum': 1, 'minimum': 0, 'title': 'Statistical Significance P', 'type': 'number', 'x-unit': 'probability'}, rule='minimum')
                if data__statisticalsignificancep > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".statistical_significance_p must be smaller than or equal to 1", value=data__statisticalsignificancep, name="" + (name_prefix or "data") + ".statistical_significance_p", definition={'description': 'Significance level alpha for the primary metric.', 'maximum': 1, 'minimum': 0, 'title': 'Statistical Significance P', 'type': 'number', 'x-unit': 'probability'}, rule='maximum')
    return data

def validate____defs_statisticaltests(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'p-values of the comparison candidate vs current version.', 'properties': {'accuracy_p_value': {'description': 'p-value of the accuracy improvement (the primary metric).', 'maximum': 1, 'minimum': 0, 'title': 'Accuracy P Value', 'type': 'number', 'x-unit': 'probability'}, 'latency_p_value': {'description': 'p-value of the latency difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Latency P Value', 'type': 'number', 'x-unit': 'probability'}, 'cost_p_value': {'description': 'p-value of the cost difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Cost P Value', 'type': 'number', 'x-unit': 'probability'}, 'insufficient_data': {'description': 'Fields the input builder could not compute for lack of samples, by bare test name ("accuracy_p_value") or full path ("metrics.accuracy_delta"): each is judged missing evidence (MISSING_EVIDENCE) even if a value is present (docs/inputs.md, promotion input).', 'items': {'type': 'string'}, 'title': 'Insufficient Data', 'type': 'array'}}, 'title': 'StatisticalTests', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "accuracy_p_value" in data_keys:
            data_keys.remove("accuracy_p_value")
            data__accuracypvalue = data["accuracy_p_value"]
            if not isinstance(data__accuracypvalue, (int, float, Decimal)) or isinstance(data__accuracypvalue, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_p_value must be number", value=data__accuracypvalue, name="" + (name_prefix or "data") + ".accuracy_p_value", definition={'description': 'p-value of the accuracy improvement (the primary metric).', 'maximum': 1, 'minimum': 0, 'title': 'Accuracy P Value', 'type': 'number', 'x-unit': 'probability'}, rule='type')
            if isinstance(data__accuracypvalue, (int, float, Decimal)) and not isinstance(data__accuracypvalue, bool):
                if data__accuracypvalue < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_p_value must be bigger than or equal to 0", value=data__accuracypvalue, name="" + (name_prefix or "data") + ".accuracy_p_value", definition={'description': 'p-value of the accuracy improvement (the primary metric).', 'maximum': 1, 'minimum': 0, 'title': 'Accuracy P Value', 'type': 'number', 'x-unit': 'probability'}, rule='minimum')
                if data__accuracypvalue > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_p_value must be smaller than or equal to 1", value=data__accuracypvalue, name="" + (name_prefix or "data") + ".accuracy_p_value", definition={'description': 'p-value of the accuracy improvement (the primary metric).', 'maximum': 1, 'minimum': 0, 'title': 'Accuracy P Value', 'type': 'number', 'x-unit': 'probability'}, rule='maximum')
        if "latency_p_value" in data_keys:
            data_keys.remove("latency_p_value")
            data__latencypvalue = data["latency_p_value"]
            if not isinstance(data__latencypvalue, (int, float, Decimal)) or isinstance(data__latencypvalue, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".latency_p_value must be number", value=data__latencypvalue, name="" + (name_prefix or "data") + ".latency_p_value", definition={'description': 'p-value of the latency difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Latency P Value', 'type': 'number', 'x-unit': 'probability'}, rule='type')
            if isinstance(data__latencypvalue, (int, float, Decimal)) and not isinstance(data__latencypvalue, bool):
                if data__latencypvalue < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".latency_p_value must be bigger than or equal to 0", value=data__latencypvalue, name="" + (name_prefix or "data") + ".latency_p_value", definition={'description': 'p-value of the latency difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Latency P Value', 'type': 'number', 'x-unit': 'probability'}, rule='minimum')
                if data__latencypvalue > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".latency_p_value must be smaller than or equal to 1", value=data__latencypvalue, name="" + (name_prefix or "data") + ".latency_p_value", definition={'description': 'p-value of the latency difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Latency P Value', 'type': 'number', 'x-unit': 'probability'}, rule='maximum')
        if "cost_p_value" in data_keys:
            data_keys.remove("cost_p_value")
            data__costpvalue = data["cost_p_value"]
            if not isinstance(data__costpvalue, (int, float, Decimal)) or isinstance(data__costpvalue, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_p_value must be number", value=data__costpvalue, name="" + (name_prefix or "data") + ".cost_p_value", definition={'description': 'p-value of the cost difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Cost P Value', 'type': 'number', 'x-unit': 'probability'}, rule='type')
            if isinstance(data__costpvalue, (int, float, Decimal)) and not isinstance(data__costpvalue, bool):
                if data__costpvalue < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_p_value must be bigger than or equal to 0", value=data__costpvalue, name="" + (name_prefix or "data") + ".cost_p_value", definition={'description': 'p-value of the cost difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Cost P Value', 'type': 'number', 'x-unit': 'probability'}, rule='minimum')
                if data__costpvalue > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_p_value must be smaller than or equal to 1", value=data__costpvalue, name="" + (name_prefix or "data") + ".cost_p_value", definition={'description': 'p-value of the cost difference (guardrail, evidence only).', 'maximum': 1, 'minimum': 0, 'title': 'Cost P Value', 'type': 'number', 'x-unit': 'probability'}, rule='maximum')
        if "insufficient_data" in data_keys:
            data_keys.remove("insufficient_data")
            data__insufficientdata = data["insufficient_data"]
            if not isinstance(data__insufficientdata, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".insufficient_data must be array", value=data__insufficientdata, name="" + (name_prefix or "data") + ".insufficient_data", definition={'description': 'Fields the input builder could not compute for lack of samples, by bare test name ("accuracy_p_value") or full path ("metrics.accuracy_delta"): each is judged missing evidence (MISSING_EVIDENCE) even if a value is present (docs/inputs.md, promotion input).', 'items': {'type': 'string'}, 'title': 'Insufficient Data', 'type': 'array'}, rule='type')
            data__insufficientdata_is_list = isinstance(data__insufficientdata, (list, tuple))
            if data__insufficientdata_is_list:
                data__insufficientdata_len = len(data__insufficientdata)
                for data__insufficientdata_x, data__insufficientdata_item in enumerate(data__insufficientdata):
                    if not isinstance(data__insufficientdata_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".insufficient_data[{data__insufficientdata_x}]".format(**locals()) + " must be string", value=data__insufficientdata_item, name="" + (name_prefix or "data") + ".insufficient_data[{data__insufficientdata_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
    return data

def validate____defs_promotionmetrics(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'Measurements of the candidate against the current version during the shadow run.', 'properties': {'p95_latency_ms': {'description': '95th-percentile latency of the candidate.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, 'error_rate': {'description': 'Share of failed requests of the candidate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, 'accuracy_delta': {'description': 'Accuracy of the candidate minus accuracy of the current version.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, 'security_pass_rate': {'description': 'Share of security checks the candidate passed.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, 'cost_delta': {'description': 'Relative cost change of the candidate (0.05 = 5% more expensive).', 'minimum': -1, 'title': 'Cost Delta', 'type': 'number', 'x-unit': 'fraction'}}, 'title': 'PromotionMetrics', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "p95_latency_ms" in data_keys:
            data_keys.remove("p95_latency_ms")
            data__p95latencyms = data["p95_latency_ms"]
            if not isinstance(data__p95latencyms, (int, float, Decimal)) or isinstance(data__p95latencyms, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be number", value=data__p95latencyms, name="" + (name_prefix or "data") + ".p95_latency_ms", definition={'description': '95th-percentile latency of the candidate.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, rule='type')
            if isinstance(data__p95latencyms, (int, float, Decimal)) and not isinstance(data__p95latencyms, bool):
                if data__p95latencyms < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be bigger than or equal to 0", value=data__p95latencyms, name="" + (name_prefix or "data") + ".p95_latency_ms", definition={'description': '95th-percentile latency of the candidate.', 'minimum': 0, 'title': 'P95 Latency Ms', 'type': 'number', 'x-unit': 'ms'}, rule='minimum')
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (int, float, Decimal)) or isinstance(data__errorrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be number", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Share of failed requests of the candidate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__errorrate, (int, float, Decimal)) and not isinstance(data__errorrate, bool):
                if data__errorrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be bigger than or equal to 0", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Share of failed requests of the candidate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__errorrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be smaller than or equal to 1", value=data__errorrate, name="" + (name_prefix or "data") + ".error_rate", definition={'description': 'Share of failed requests of the candidate.', 'maximum': 1, 'minimum': 0, 'title': 'Error Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "accuracy_delta" in data_keys:
            data_keys.remove("accuracy_delta")
            data__accuracydelta = data["accuracy_delta"]
            if not isinstance(data__accuracydelta, (int, float, Decimal)) or isinstance(data__accuracydelta, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be number", value=data__accuracydelta, name="" + (name_prefix or "data") + ".accuracy_delta", definition={'description': 'Accuracy of the candidate minus accuracy of the current version.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__accuracydelta, (int, float, Decimal)) and not isinstance(data__accuracydelta, bool):
                if data__accuracydelta < -1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be bigger than or equal to -1", value=data__accuracydelta, name="" + (name_prefix or "data") + ".accuracy_delta", definition={'description': 'Accuracy of the candidate minus accuracy of the current version.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__accuracydelta > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be smaller than or equal to 1", value=data__accuracydelta, name="" + (name_prefix or "data") + ".accuracy_delta", definition={'description': 'Accuracy of the candidate minus accuracy of the current version.', 'maximum': 1, 'minimum': -1, 'title': 'Accuracy Delta', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "security_pass_rate" in data_keys:
            data_keys.remove("security_pass_rate")
            data__securitypassrate = data["security_pass_rate"]
            if not isinstance(data__securitypassrate, (int, float, Decimal)) or isinstance(data__securitypassrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be number", value=data__securitypassrate, name="" + (name_prefix or "data") + ".security_pass_rate", definition={'description': 'Share of security checks the candidate passed.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__securitypassrate, (int, float, Decimal)) and not isinstance(data__securitypassrate, bool):
                if data__securitypassrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be bigger than or equal to 0", value=data__securitypassrate, name="" + (name_prefix or "data") + ".security_pass_rate", definition={'description': 'Share of security checks the candidate passed.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
                if data__securitypassrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be smaller than or equal to 1", value=data__securitypassrate, name="" + (name_prefix or "data") + ".security_pass_rate", definition={'description': 'Share of security checks the candidate passed.', 'maximum': 1, 'minimum': 0, 'title': 'Security Pass Rate', 'type': 'number', 'x-unit': 'fraction'}, rule='maximum')
        if "cost_delta" in data_keys:
            data_keys.remove("cost_delta")
            data__costdelta = data["cost_delta"]
            if not isinstance(data__costdelta, (int, float, Decimal)) or isinstance(data__costdelta, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_delta must be number", value=data__costdelta, name="" + (name_prefix or "data") + ".cost_delta", definition={'description': 'Relative cost change of the candidate (0.05 = 5% more expensive).', 'minimum': -1, 'title': 'Cost Delta', 'type': 'number', 'x-unit': 'fraction'}, rule='type')
            if isinstance(data__costdelta, (int, float, Decimal)) and not isinstance(data__costdelta, bool):
                if data__costdelta < -1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_delta must be bigger than or equal to -1", value=data__costdelta, name="" + (name_prefix or "data") + ".cost_delta", definition={'description': 'Relative cost change of the candidate (0.05 = 5% more expensive).', 'minimum': -1, 'title': 'Cost Delta', 'type': 'number', 'x-unit': 'fraction'}, rule='minimum')
    return data

def validate____defs_version(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'additionalProperties': True, 'description': 'The version under evaluation (Promotion and Rollback Procedures).', 'properties': {'id': {'description': 'Identifier of the candidate version, e.g. `v1-abc123`.', 'title': 'Id', 'type': 'string'}, 'model': {'description': 'Model behind the version, e.g. `gpt-4o-2024-05-13`.', 'title': 'Model', 'type': 'string'}, 'prompt': {'description': 'Prompt revision of the version.', 'title': 'Prompt', 'type': 'string'}, 'state': {'description': 'Lifecycle state; `shadow` marks a promotion input when `gate` is absent.', 'title': 'State', 'type': 'string'}}, 'title': 'Version', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string", value=data__id, name="" + (name_prefix or "data") + ".id", definition={'description': 'Identifier of the candidate version, e.g. `v1-abc123`.', 'title': 'Id', 'type': 'string'}, rule='type')
        if "model" in data_keys:
            data_keys.remove("model")
            data__model = data["model"]
            if not isinstance(data__model, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".model must be string", value=data__model, name="" + (name_prefix or "data") + ".model", definition={'description': 'Model behind the version, e.g. `gpt-4o-2024-05-13`.', 'title': 'Model', 'type': 'string'}, rule='type')
        if "prompt" in data_keys:
            data_keys.remove("prompt")
            data__prompt = data["prompt"]
            if not isinstance(data__prompt, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".prompt must be string", value=data__prompt, name="" + (name_prefix or "data") + ".prompt", definition={'description': 'Prompt revision of the version.', 'title': 'Prompt', 'type': 'string'}, rule='type')
        if "state" in data_keys:
            data_keys.remove("state")
            data__state = data["state"]
            if not isinstance(data__state, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".state must be string", value=data__state, name="" + (name_prefix or "data") + ".state", definition={'description': 'Lifecycle state; `shadow` marks a promotion input when `gate` is absent.', 'title': 'State', 'type': 'string'}, rule='type')
    return data


validate = validate_urn_gatekeeper_input_promotion
