# Written by python -m tools.build_schemas from input-schemas.json; do not edit.
VERSION = "2.22.3"
from gatekeeper.models._exceptions import ShapeRefused as JsonSchemaValueException
from gatekeeper.models._exceptions import ShapeRefused as JsonSchemaValuesException


NoneType = type(None)

def validate_urn_gatekeeper_input_promotion(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "gate" in data_keys:
            data_keys.remove("gate")
            data__gate = data["gate"]
            if not isinstance(data__gate, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be string")
            if not (isinstance(data__gate, str) and data__gate == 'promotion'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be one of ['promotion']")
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string")
            if not (isinstance(data__profile, str) and data__profile == 'default'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be one of ['default']")
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
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
                data_keys = set(data.keys())
                if "version" in data_keys:
                    data_keys.remove("version")
                    data__version = data["version"]
                    data__version_is_dict = isinstance(data__version, dict)
                    if data__version_is_dict:
                        data__version__missing_keys = set(['state']) - data__version.keys()
                        if data__version__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must contain ")
                        data__version_keys = set(data__version.keys())
                        if "state" in data__version_keys:
                            data__version_keys.remove("state")
                            data__version__state = data__version["state"]
                            if not (isinstance(data__version__state, str) and data__version__state == 'shadow'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version.state must be one of ['shadow']")
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['gate']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    return data

def validate____defs_incidents(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "active" in data_keys:
            data_keys.remove("active")
            data__active = data["active"]
            if not isinstance(data__active, (int)) and not (isinstance(data__active, float) and data__active.is_integer()) or isinstance(data__active, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".active must be integer")
            if isinstance(data__active, (int, float)) and not isinstance(data__active, bool):
                if data__active < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".active must be bigger than or equal to 0")
    return data

def validate____defs_goldset(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "security_pass_rate" in data_keys:
            data_keys.remove("security_pass_rate")
            data__securitypassrate = data["security_pass_rate"]
            if not isinstance(data__securitypassrate, (int, float)) or isinstance(data__securitypassrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be number")
            if isinstance(data__securitypassrate, (int, float)) and not isinstance(data__securitypassrate, bool):
                if data__securitypassrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be bigger than or equal to 0")
                if data__securitypassrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be smaller than or equal to 1")
        if "overall_pass_rate" in data_keys:
            data_keys.remove("overall_pass_rate")
            data__overallpassrate = data["overall_pass_rate"]
            if not isinstance(data__overallpassrate, (int, float)) or isinstance(data__overallpassrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".overall_pass_rate must be number")
            if isinstance(data__overallpassrate, (int, float)) and not isinstance(data__overallpassrate, bool):
                if data__overallpassrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".overall_pass_rate must be bigger than or equal to 0")
                if data__overallpassrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".overall_pass_rate must be smaller than or equal to 1")
    return data

def validate____defs_shadow(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "requests" in data_keys:
            data_keys.remove("requests")
            data__requests = data["requests"]
            if not isinstance(data__requests, (int)) and not (isinstance(data__requests, float) and data__requests.is_integer()) or isinstance(data__requests, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".requests must be integer")
            if isinstance(data__requests, (int, float)) and not isinstance(data__requests, bool):
                if data__requests < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".requests must be bigger than or equal to 0")
        if "duration_hours" in data_keys:
            data_keys.remove("duration_hours")
            data__durationhours = data["duration_hours"]
            if not isinstance(data__durationhours, (int, float)) or isinstance(data__durationhours, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".duration_hours must be number")
            if isinstance(data__durationhours, (int, float)) and not isinstance(data__durationhours, bool):
                if data__durationhours < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".duration_hours must be bigger than or equal to 0")
    return data

def validate____defs_promotionthresholds(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "p95_latency_ms" in data_keys:
            data_keys.remove("p95_latency_ms")
            data__p95latencyms = data["p95_latency_ms"]
            if not isinstance(data__p95latencyms, (int, float)) or isinstance(data__p95latencyms, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be number")
            if isinstance(data__p95latencyms, (int, float)) and not isinstance(data__p95latencyms, bool):
                if data__p95latencyms < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be bigger than or equal to 0")
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (int, float)) or isinstance(data__errorrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be number")
            if isinstance(data__errorrate, (int, float)) and not isinstance(data__errorrate, bool):
                if data__errorrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be bigger than or equal to 0")
                if data__errorrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be smaller than or equal to 1")
        if "accuracy_delta" in data_keys:
            data_keys.remove("accuracy_delta")
            data__accuracydelta = data["accuracy_delta"]
            if not isinstance(data__accuracydelta, (int, float)) or isinstance(data__accuracydelta, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be number")
            if isinstance(data__accuracydelta, (int, float)) and not isinstance(data__accuracydelta, bool):
                if data__accuracydelta < -1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be bigger than or equal to -1")
                if data__accuracydelta > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be smaller than or equal to 1")
        if "security_pass_rate" in data_keys:
            data_keys.remove("security_pass_rate")
            data__securitypassrate = data["security_pass_rate"]
            if not isinstance(data__securitypassrate, (int, float)) or isinstance(data__securitypassrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be number")
            if isinstance(data__securitypassrate, (int, float)) and not isinstance(data__securitypassrate, bool):
                if data__securitypassrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be bigger than or equal to 0")
                if data__securitypassrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be smaller than or equal to 1")
        if "cost_increase_max" in data_keys:
            data_keys.remove("cost_increase_max")
            data__costincreasemax = data["cost_increase_max"]
            if not isinstance(data__costincreasemax, (int, float)) or isinstance(data__costincreasemax, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_increase_max must be number")
            if isinstance(data__costincreasemax, (int, float)) and not isinstance(data__costincreasemax, bool):
                if data__costincreasemax < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_increase_max must be bigger than or equal to 0")
        if "statistical_significance_p" in data_keys:
            data_keys.remove("statistical_significance_p")
            data__statisticalsignificancep = data["statistical_significance_p"]
            if not isinstance(data__statisticalsignificancep, (int, float)) or isinstance(data__statisticalsignificancep, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".statistical_significance_p must be number")
            if isinstance(data__statisticalsignificancep, (int, float)) and not isinstance(data__statisticalsignificancep, bool):
                if data__statisticalsignificancep < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".statistical_significance_p must be bigger than or equal to 0")
                if data__statisticalsignificancep > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".statistical_significance_p must be smaller than or equal to 1")
    return data

def validate____defs_statisticaltests(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "accuracy_p_value" in data_keys:
            data_keys.remove("accuracy_p_value")
            data__accuracypvalue = data["accuracy_p_value"]
            if not isinstance(data__accuracypvalue, (int, float)) or isinstance(data__accuracypvalue, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_p_value must be number")
            if isinstance(data__accuracypvalue, (int, float)) and not isinstance(data__accuracypvalue, bool):
                if data__accuracypvalue < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_p_value must be bigger than or equal to 0")
                if data__accuracypvalue > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_p_value must be smaller than or equal to 1")
        if "latency_p_value" in data_keys:
            data_keys.remove("latency_p_value")
            data__latencypvalue = data["latency_p_value"]
            if not isinstance(data__latencypvalue, (int, float)) or isinstance(data__latencypvalue, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".latency_p_value must be number")
            if isinstance(data__latencypvalue, (int, float)) and not isinstance(data__latencypvalue, bool):
                if data__latencypvalue < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".latency_p_value must be bigger than or equal to 0")
                if data__latencypvalue > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".latency_p_value must be smaller than or equal to 1")
        if "cost_p_value" in data_keys:
            data_keys.remove("cost_p_value")
            data__costpvalue = data["cost_p_value"]
            if not isinstance(data__costpvalue, (int, float)) or isinstance(data__costpvalue, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_p_value must be number")
            if isinstance(data__costpvalue, (int, float)) and not isinstance(data__costpvalue, bool):
                if data__costpvalue < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_p_value must be bigger than or equal to 0")
                if data__costpvalue > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_p_value must be smaller than or equal to 1")
        if "insufficient_data" in data_keys:
            data_keys.remove("insufficient_data")
            data__insufficientdata = data["insufficient_data"]
            if not isinstance(data__insufficientdata, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".insufficient_data must be array")
            data__insufficientdata_is_list = isinstance(data__insufficientdata, (list, tuple))
            if data__insufficientdata_is_list:
                data__insufficientdata_len = len(data__insufficientdata)
                for data__insufficientdata_x, data__insufficientdata_item in enumerate(data__insufficientdata):
                    if not isinstance(data__insufficientdata_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".insufficient_data[{data__insufficientdata_x}]".format(**locals()) + " must be string")
    return data

def validate____defs_promotionmetrics(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "p95_latency_ms" in data_keys:
            data_keys.remove("p95_latency_ms")
            data__p95latencyms = data["p95_latency_ms"]
            if not isinstance(data__p95latencyms, (int, float)) or isinstance(data__p95latencyms, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be number")
            if isinstance(data__p95latencyms, (int, float)) and not isinstance(data__p95latencyms, bool):
                if data__p95latencyms < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be bigger than or equal to 0")
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (int, float)) or isinstance(data__errorrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be number")
            if isinstance(data__errorrate, (int, float)) and not isinstance(data__errorrate, bool):
                if data__errorrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be bigger than or equal to 0")
                if data__errorrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be smaller than or equal to 1")
        if "accuracy_delta" in data_keys:
            data_keys.remove("accuracy_delta")
            data__accuracydelta = data["accuracy_delta"]
            if not isinstance(data__accuracydelta, (int, float)) or isinstance(data__accuracydelta, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be number")
            if isinstance(data__accuracydelta, (int, float)) and not isinstance(data__accuracydelta, bool):
                if data__accuracydelta < -1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be bigger than or equal to -1")
                if data__accuracydelta > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accuracy_delta must be smaller than or equal to 1")
        if "security_pass_rate" in data_keys:
            data_keys.remove("security_pass_rate")
            data__securitypassrate = data["security_pass_rate"]
            if not isinstance(data__securitypassrate, (int, float)) or isinstance(data__securitypassrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be number")
            if isinstance(data__securitypassrate, (int, float)) and not isinstance(data__securitypassrate, bool):
                if data__securitypassrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be bigger than or equal to 0")
                if data__securitypassrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".security_pass_rate must be smaller than or equal to 1")
        if "cost_delta" in data_keys:
            data_keys.remove("cost_delta")
            data__costdelta = data["cost_delta"]
            if not isinstance(data__costdelta, (int, float)) or isinstance(data__costdelta, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_delta must be number")
            if isinstance(data__costdelta, (int, float)) and not isinstance(data__costdelta, bool):
                if data__costdelta < -1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cost_delta must be bigger than or equal to -1")
    return data

def validate____defs_version(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string")
        if "model" in data_keys:
            data_keys.remove("model")
            data__model = data["model"]
            if not isinstance(data__model, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".model must be string")
        if "prompt" in data_keys:
            data_keys.remove("prompt")
            data__prompt = data["prompt"]
            if not isinstance(data__prompt, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".prompt must be string")
        if "state" in data_keys:
            data_keys.remove("state")
            data__state = data["state"]
            if not isinstance(data__state, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".state must be string")
    return data


VALIDATORS = {
    'urn:gatekeeper:input:promotion': validate_urn_gatekeeper_input_promotion,
}
