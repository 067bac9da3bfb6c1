# Written by python -m tools.build_schemas from input-schemas.json; do not edit.
VERSION = "2.22.3"
from gatekeeper.models._exceptions import ShapeRefused as JsonSchemaValueException
from gatekeeper.models._exceptions import ShapeRefused as JsonSchemaValuesException


NoneType = type(None)

def validate_urn_gatekeeper_input_rollout(data, custom_formats={}, name_prefix=None):
    validate____defs_rollout_decision_matrix(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_rollout_gray_scale(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_rollout_environment(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_rollout_model_registry(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_rollout_blue_green(data, custom_formats, (name_prefix or "data") + "")
    validate____defs_rollout_sequential(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_rollout_sequential(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_rolloutshared(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate', 'profile']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string")
            if not (isinstance(data__profile, str) and data__profile == 'sequential'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be one of ['sequential']")
        if "canary" in data_keys:
            data_keys.remove("canary")
            data__canary = data["canary"]
            validate____defs_sequentialcanary(data__canary, custom_formats, (name_prefix or "data") + ".canary")
    return data

def validate____defs_sequentialcanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be array")
            data__errorrate_is_list = isinstance(data__errorrate, (list, tuple))
            if data__errorrate_is_list:
                data__errorrate_len = len(data__errorrate)
                for data__errorrate_x, data__errorrate_item in enumerate(data__errorrate):
                    if not isinstance(data__errorrate_item, (int, float)) or isinstance(data__errorrate_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be number")
                    if isinstance(data__errorrate_item, (int, float)) and not isinstance(data__errorrate_item, bool):
                        if data__errorrate_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__errorrate_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "p99_latency_ms" in data_keys:
            data_keys.remove("p99_latency_ms")
            data__p99latencyms = data["p99_latency_ms"]
            if not isinstance(data__p99latencyms, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms must be array")
            data__p99latencyms_is_list = isinstance(data__p99latencyms, (list, tuple))
            if data__p99latencyms_is_list:
                data__p99latencyms_len = len(data__p99latencyms)
                for data__p99latencyms_x, data__p99latencyms_item in enumerate(data__p99latencyms):
                    if not isinstance(data__p99latencyms_item, (int, float)) or isinstance(data__p99latencyms_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms[{data__p99latencyms_x}]".format(**locals()) + " must be number")
                    if isinstance(data__p99latencyms_item, (int, float)) and not isinstance(data__p99latencyms_item, bool):
                        if data__p99latencyms_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms[{data__p99latencyms_x}]".format(**locals()) + " must be bigger than or equal to 0")
        if "sequential" in data_keys:
            data_keys.remove("sequential")
            data__sequential = data["sequential"]
            validate____defs_sequentialmeasures(data__sequential, custom_formats, (name_prefix or "data") + ".sequential")
    return data

def validate____defs_sequentialmeasures(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            validate____defs_sequentialevidence(data__errorrate, custom_formats, (name_prefix or "data") + ".error_rate")
        if "p99_latency" in data_keys:
            data_keys.remove("p99_latency")
            data__p99latency = data["p99_latency"]
            validate____defs_sequentialevidence(data__p99latency, custom_formats, (name_prefix or "data") + ".p99_latency")
    return data

def validate____defs_sequentialevidence(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "e_value" in data_keys:
            data_keys.remove("e_value")
            data__evalue = data["e_value"]
            if not isinstance(data__evalue, (int, float)) or isinstance(data__evalue, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".e_value must be number")
            if isinstance(data__evalue, (int, float)) and not isinstance(data__evalue, bool):
                if data__evalue < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".e_value must be bigger than or equal to 0")
        if "e_max" in data_keys:
            data_keys.remove("e_max")
            data__emax = data["e_max"]
            if not isinstance(data__emax, (int, float)) or isinstance(data__emax, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".e_max must be number")
            if isinstance(data__emax, (int, float)) and not isinstance(data__emax, bool):
                if data__emax < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".e_max must be bigger than or equal to 0")
        if "lower_bound" in data_keys:
            data_keys.remove("lower_bound")
            data__lowerbound = data["lower_bound"]
            if not isinstance(data__lowerbound, (int, float)) or isinstance(data__lowerbound, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".lower_bound must be number")
            if isinstance(data__lowerbound, (int, float)) and not isinstance(data__lowerbound, bool):
                if data__lowerbound < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".lower_bound must be bigger than or equal to 0")
        if "alpha" in data_keys:
            data_keys.remove("alpha")
            data__alpha = data["alpha"]
            if not isinstance(data__alpha, (int, float)) or isinstance(data__alpha, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".alpha must be number")
            if isinstance(data__alpha, (int, float)) and not isinstance(data__alpha, bool):
                if data__alpha < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".alpha must be bigger than or equal to 0")
                if data__alpha > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".alpha must be smaller than or equal to 1")
        if "looks" in data_keys:
            data_keys.remove("looks")
            data__looks = data["looks"]
            if not isinstance(data__looks, (int)) and not (isinstance(data__looks, float) and data__looks.is_integer()) or isinstance(data__looks, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".looks must be integer")
            if isinstance(data__looks, (int, float)) and not isinstance(data__looks, bool):
                if data__looks < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".looks must be bigger than or equal to 0")
        if "canary_rate" in data_keys:
            data_keys.remove("canary_rate")
            data__canaryrate = data["canary_rate"]
            if not isinstance(data__canaryrate, (int, float)) or isinstance(data__canaryrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".canary_rate must be number")
            if isinstance(data__canaryrate, (int, float)) and not isinstance(data__canaryrate, bool):
                if data__canaryrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".canary_rate must be bigger than or equal to 0")
                if data__canaryrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".canary_rate must be smaller than or equal to 1")
        if "baseline_rate" in data_keys:
            data_keys.remove("baseline_rate")
            data__baselinerate = data["baseline_rate"]
            if not isinstance(data__baselinerate, (int, float)) or isinstance(data__baselinerate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".baseline_rate must be number")
            if isinstance(data__baselinerate, (int, float)) and not isinstance(data__baselinerate, bool):
                if data__baselinerate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".baseline_rate must be bigger than or equal to 0")
                if data__baselinerate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".baseline_rate must be smaller than or equal to 1")
    return data

def validate____defs_rolloutshared(data, custom_formats={}, name_prefix=None):
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "gate" in data_keys:
            data_keys.remove("gate")
            data__gate = data["gate"]
            if not isinstance(data__gate, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be string")
            if not (isinstance(data__gate, str) and data__gate == 'rollout'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be one of ['rollout']")
        if "phase_percent" in data_keys:
            data_keys.remove("phase_percent")
            data__phasepercent = data["phase_percent"]
            if not isinstance(data__phasepercent, (int, float)) or isinstance(data__phasepercent, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".phase_percent must be number")
            if isinstance(data__phasepercent, (int, float)) and not isinstance(data__phasepercent, bool):
                if data__phasepercent > 100:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".phase_percent must be smaller than or equal to 100")
                if data__phasepercent <= 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".phase_percent must be bigger than 0")
        if "interval_seconds" in data_keys:
            data_keys.remove("interval_seconds")
            data__intervalseconds = data["interval_seconds"]
            if not isinstance(data__intervalseconds, (int, float)) or isinstance(data__intervalseconds, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".interval_seconds must be number")
            if isinstance(data__intervalseconds, (int, float)) and not isinstance(data__intervalseconds, bool):
                if data__intervalseconds <= 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".interval_seconds must be bigger than 0")
        if "pending_decision" in data_keys:
            data_keys.remove("pending_decision")
            data__pendingdecision = data["pending_decision"]
            validate____defs_pendingdecision(data__pendingdecision, custom_formats, (name_prefix or "data") + ".pending_decision")
        if "environment" in data_keys:
            data_keys.remove("environment")
            data__environment = data["environment"]
            if not isinstance(data__environment, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".environment must be string")
            if not (isinstance(data__environment, str) and data__environment == 'development' or isinstance(data__environment, str) and data__environment == 'pre-production' or isinstance(data__environment, str) and data__environment == 'production'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".environment must be one of ['development', 'pre-production', 'production']")
    return data

def validate____defs_pendingdecision(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "trigger" in data_keys:
            data_keys.remove("trigger")
            data__trigger = data["trigger"]
            if not isinstance(data__trigger, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trigger must be string")
            if not (isinstance(data__trigger, str) and data__trigger == 'gate_failure' or isinstance(data__trigger, str) and data__trigger == 'quality_regression'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trigger must be one of ['gate_failure', 'quality_regression']")
        if "minutes_pending" in data_keys:
            data_keys.remove("minutes_pending")
            data__minutespending = data["minutes_pending"]
            if not isinstance(data__minutespending, (int, float)) or isinstance(data__minutespending, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".minutes_pending must be number")
            if isinstance(data__minutespending, (int, float)) and not isinstance(data__minutespending, bool):
                if data__minutespending < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".minutes_pending must be bigger than or equal to 0")
        if "decision" in data_keys:
            data_keys.remove("decision")
            data__decision = data["decision"]
            if not isinstance(data__decision, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".decision must be string")
            if not (isinstance(data__decision, str) and data__decision == 'continue' or isinstance(data__decision, str) and data__decision == 'rollback'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".decision must be one of ['continue', 'rollback']")
        if "minutes_since_detection" in data_keys:
            data_keys.remove("minutes_since_detection")
            data__minutessincedetection = data["minutes_since_detection"]
            if not isinstance(data__minutessincedetection, (int, float)) or isinstance(data__minutessincedetection, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".minutes_since_detection must be number")
            if isinstance(data__minutessincedetection, (int, float)) and not isinstance(data__minutessincedetection, bool):
                if data__minutessincedetection < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".minutes_since_detection must be bigger than or equal to 0")
    return data

def validate____defs_rollout_blue_green(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_rolloutshared(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate', 'profile']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string")
            if not (isinstance(data__profile, str) and data__profile == 'blue-green'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be one of ['blue-green']")
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
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "health" in data_keys:
            data_keys.remove("health")
            data__health = data["health"]
            if not isinstance(data__health, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".health must be string")
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be string")
        if "expected_version" in data_keys:
            data_keys.remove("expected_version")
            data__expectedversion = data["expected_version"]
            if not isinstance(data__expectedversion, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".expected_version must be string")
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
        if "response_time_ms" in data_keys:
            data_keys.remove("response_time_ms")
            data__responsetimems = data["response_time_ms"]
            if not isinstance(data__responsetimems, (int, float)) or isinstance(data__responsetimems, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms must be number")
            if isinstance(data__responsetimems, (int, float)) and not isinstance(data__responsetimems, bool):
                if data__responsetimems < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms must be bigger than or equal to 0")
        if "environment_switched" in data_keys:
            data_keys.remove("environment_switched")
            data__environmentswitched = data["environment_switched"]
            if not isinstance(data__environmentswitched, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".environment_switched must be boolean")
        if "core_functionality_verified" in data_keys:
            data_keys.remove("core_functionality_verified")
            data__corefunctionalityverified = data["core_functionality_verified"]
            if not isinstance(data__corefunctionalityverified, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".core_functionality_verified must be boolean")
        if "metrics_normal" in data_keys:
            data_keys.remove("metrics_normal")
            data__metricsnormal = data["metrics_normal"]
            if not isinstance(data__metricsnormal, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".metrics_normal must be boolean")
    return data

def validate____defs_bluegreencanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "health_checks" in data_keys:
            data_keys.remove("health_checks")
            data__healthchecks = data["health_checks"]
            if not isinstance(data__healthchecks, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".health_checks must be array")
            data__healthchecks_is_list = isinstance(data__healthchecks, (list, tuple))
            if data__healthchecks_is_list:
                data__healthchecks_len = len(data__healthchecks)
                for data__healthchecks_x, data__healthchecks_item in enumerate(data__healthchecks):
                    if not isinstance(data__healthchecks_item, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".health_checks[{data__healthchecks_x}]".format(**locals()) + " must be boolean")
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be array")
            data__errorrate_is_list = isinstance(data__errorrate, (list, tuple))
            if data__errorrate_is_list:
                data__errorrate_len = len(data__errorrate)
                for data__errorrate_x, data__errorrate_item in enumerate(data__errorrate):
                    if not isinstance(data__errorrate_item, (int, float)) or isinstance(data__errorrate_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be number")
                    if isinstance(data__errorrate_item, (int, float)) and not isinstance(data__errorrate_item, bool):
                        if data__errorrate_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__errorrate_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "response_time_ms" in data_keys:
            data_keys.remove("response_time_ms")
            data__responsetimems = data["response_time_ms"]
            if not isinstance(data__responsetimems, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms must be array")
            data__responsetimems_is_list = isinstance(data__responsetimems, (list, tuple))
            if data__responsetimems_is_list:
                data__responsetimems_len = len(data__responsetimems)
                for data__responsetimems_x, data__responsetimems_item in enumerate(data__responsetimems):
                    if not isinstance(data__responsetimems_item, (int, float)) or isinstance(data__responsetimems_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms[{data__responsetimems_x}]".format(**locals()) + " must be number")
                    if isinstance(data__responsetimems_item, (int, float)) and not isinstance(data__responsetimems_item, bool):
                        if data__responsetimems_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".response_time_ms[{data__responsetimems_x}]".format(**locals()) + " must be bigger than or equal to 0")
        if "memory" in data_keys:
            data_keys.remove("memory")
            data__memory = data["memory"]
            if not isinstance(data__memory, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory must be array")
            data__memory_is_list = isinstance(data__memory, (list, tuple))
            if data__memory_is_list:
                data__memory_len = len(data__memory)
                for data__memory_x, data__memory_item in enumerate(data__memory):
                    if not isinstance(data__memory_item, (int, float)) or isinstance(data__memory_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + " must be number")
                    if isinstance(data__memory_item, (int, float)) and not isinstance(data__memory_item, bool):
                        if data__memory_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__memory_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "cpu" in data_keys:
            data_keys.remove("cpu")
            data__cpu = data["cpu"]
            if not isinstance(data__cpu, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu must be array")
            data__cpu_is_list = isinstance(data__cpu, (list, tuple))
            if data__cpu_is_list:
                data__cpu_len = len(data__cpu)
                for data__cpu_x, data__cpu_item in enumerate(data__cpu):
                    if not isinstance(data__cpu_item, (int, float)) or isinstance(data__cpu_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + " must be number")
                    if isinstance(data__cpu_item, (int, float)) and not isinstance(data__cpu_item, bool):
                        if data__cpu_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__cpu_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "manual_trigger" in data_keys:
            data_keys.remove("manual_trigger")
            data__manualtrigger = data["manual_trigger"]
            validate____defs_manualtrigger(data__manualtrigger, custom_formats, (name_prefix or "data") + ".manual_trigger")
    return data

def validate____defs_manualtrigger(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            if not isinstance(data__reason, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be string")
            if not (isinstance(data__reason, str) and data__reason == 'customer_complaints' or isinstance(data__reason, str) and data__reason == 'performance_issues' or isinstance(data__reason, str) and data__reason == 'critical_bugs'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be one of ['customer_complaints', 'performance_issues', 'critical_bugs']")
        if "reported_by" in data_keys:
            data_keys.remove("reported_by")
            data__reportedby = data["reported_by"]
            if not isinstance(data__reportedby, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reported_by must be string")
        if "summary" in data_keys:
            data_keys.remove("summary")
            data__summary = data["summary"]
            if not isinstance(data__summary, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".summary must be string")
    return data

def validate____defs_rollout_model_registry(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_rolloutshared(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate', 'profile']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string")
            if not (isinstance(data__profile, str) and data__profile == 'model-registry'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be one of ['model-registry']")
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
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".versions must be array")
            data__versions_is_list = isinstance(data__versions, (list, tuple))
            if data__versions_is_list:
                data__versions_len = len(data__versions)
                for data__versions_x, data__versions_item in enumerate(data__versions):
                    validate____defs_registryversion(data__versions_item, custom_formats, (name_prefix or "data") + ".versions[{data__versions_x}]".format(**locals()))
        if "current_version" in data_keys:
            data_keys.remove("current_version")
            data__currentversion = data["current_version"]
            if not isinstance(data__currentversion, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".current_version must be string")
        if "rollback_target" in data_keys:
            data_keys.remove("rollback_target")
            data__rollbacktarget = data["rollback_target"]
            if not isinstance(data__rollbacktarget, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rollback_target must be string")
    return data

def validate____defs_registryversion(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be string")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not isinstance(data__status, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be string")
            if not (isinstance(data__status, str) and data__status == 'production' or isinstance(data__status, str) and data__status == 'archived' or isinstance(data__status, str) and data__status == 'deprecated' or isinstance(data__status, str) and data__status == 'quarantined' or isinstance(data__status, str) and data__status == 'staging' or isinstance(data__status, str) and data__status == 'canary'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['production', 'archived', 'deprecated', 'quarantined', 'staging', 'canary']")
        if "was_production" in data_keys:
            data_keys.remove("was_production")
            data__wasproduction = data["was_production"]
            if not isinstance(data__wasproduction, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".was_production must be boolean")
    return data

def validate____defs_registrybaseline(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "performance_score" in data_keys:
            data_keys.remove("performance_score")
            data__performancescore = data["performance_score"]
            if not isinstance(data__performancescore, (int, float)) or isinstance(data__performancescore, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".performance_score must be number")
            if isinstance(data__performancescore, (int, float)) and not isinstance(data__performancescore, bool):
                if data__performancescore < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".performance_score must be bigger than or equal to 0")
    return data

def validate____defs_registrycanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "success_rate" in data_keys:
            data_keys.remove("success_rate")
            data__successrate = data["success_rate"]
            if not isinstance(data__successrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_rate must be array")
            data__successrate_is_list = isinstance(data__successrate, (list, tuple))
            if data__successrate_is_list:
                data__successrate_len = len(data__successrate)
                for data__successrate_x, data__successrate_item in enumerate(data__successrate):
                    if not isinstance(data__successrate_item, (int, float)) or isinstance(data__successrate_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_rate[{data__successrate_x}]".format(**locals()) + " must be number")
                    if isinstance(data__successrate_item, (int, float)) and not isinstance(data__successrate_item, bool):
                        if data__successrate_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_rate[{data__successrate_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__successrate_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_rate[{data__successrate_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be array")
            data__errorrate_is_list = isinstance(data__errorrate, (list, tuple))
            if data__errorrate_is_list:
                data__errorrate_len = len(data__errorrate)
                for data__errorrate_x, data__errorrate_item in enumerate(data__errorrate):
                    if not isinstance(data__errorrate_item, (int, float)) or isinstance(data__errorrate_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be number")
                    if isinstance(data__errorrate_item, (int, float)) and not isinstance(data__errorrate_item, bool):
                        if data__errorrate_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__errorrate_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "drift_severity" in data_keys:
            data_keys.remove("drift_severity")
            data__driftseverity = data["drift_severity"]
            if not isinstance(data__driftseverity, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drift_severity must be string")
            if not (isinstance(data__driftseverity, str) and data__driftseverity == 'none' or isinstance(data__driftseverity, str) and data__driftseverity == 'low' or isinstance(data__driftseverity, str) and data__driftseverity == 'medium' or isinstance(data__driftseverity, str) and data__driftseverity == 'high' or isinstance(data__driftseverity, str) and data__driftseverity == 'critical'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".drift_severity must be one of ['none', 'low', 'medium', 'high', 'critical']")
        if "performance_score" in data_keys:
            data_keys.remove("performance_score")
            data__performancescore = data["performance_score"]
            if not isinstance(data__performancescore, (int, float)) or isinstance(data__performancescore, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".performance_score must be number")
            if isinstance(data__performancescore, (int, float)) and not isinstance(data__performancescore, bool):
                if data__performancescore < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".performance_score must be bigger than or equal to 0")
    return data

def validate____defs_rollout_environment(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_rolloutshared(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate', 'profile']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string")
            if not (isinstance(data__profile, str) and data__profile == 'environment'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be one of ['environment']")
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
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "pass_rate" in data_keys:
            data_keys.remove("pass_rate")
            data__passrate = data["pass_rate"]
            if not isinstance(data__passrate, (int, float)) or isinstance(data__passrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be number")
            if isinstance(data__passrate, (int, float)) and not isinstance(data__passrate, bool):
                if data__passrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be bigger than or equal to 0")
                if data__passrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be smaller than or equal to 1")
        if "quality_score" in data_keys:
            data_keys.remove("quality_score")
            data__qualityscore = data["quality_score"]
            if not isinstance(data__qualityscore, (int, float)) or isinstance(data__qualityscore, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be number")
            if isinstance(data__qualityscore, (int, float)) and not isinstance(data__qualityscore, bool):
                if data__qualityscore < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be bigger than or equal to 0")
                if data__qualityscore > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be smaller than or equal to 1")
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
        if "p95_latency_ms" in data_keys:
            data_keys.remove("p95_latency_ms")
            data__p95latencyms = data["p95_latency_ms"]
            if not isinstance(data__p95latencyms, (int, float)) or isinstance(data__p95latencyms, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be number")
            if isinstance(data__p95latencyms, (int, float)) and not isinstance(data__p95latencyms, bool):
                if data__p95latencyms < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be bigger than or equal to 0")
        if "buckets" in data_keys:
            data_keys.remove("buckets")
            data__buckets = data["buckets"]
            if not isinstance(data__buckets, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".buckets must be object")
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
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "pass_rate" in data_keys:
            data_keys.remove("pass_rate")
            data__passrate = data["pass_rate"]
            if not isinstance(data__passrate, (int, float)) or isinstance(data__passrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be number")
            if isinstance(data__passrate, (int, float)) and not isinstance(data__passrate, bool):
                if data__passrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be bigger than or equal to 0")
                if data__passrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be smaller than or equal to 1")
    return data

def validate____defs_environmentcanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "pass_rate" in data_keys:
            data_keys.remove("pass_rate")
            data__passrate = data["pass_rate"]
            if not isinstance(data__passrate, (int, float)) or isinstance(data__passrate, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be number")
            if isinstance(data__passrate, (int, float)) and not isinstance(data__passrate, bool):
                if data__passrate < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be bigger than or equal to 0")
                if data__passrate > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pass_rate must be smaller than or equal to 1")
        if "quality_score" in data_keys:
            data_keys.remove("quality_score")
            data__qualityscore = data["quality_score"]
            if not isinstance(data__qualityscore, (int, float)) or isinstance(data__qualityscore, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be number")
            if isinstance(data__qualityscore, (int, float)) and not isinstance(data__qualityscore, bool):
                if data__qualityscore < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be bigger than or equal to 0")
                if data__qualityscore > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".quality_score must be smaller than or equal to 1")
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be array")
            data__errorrate_is_list = isinstance(data__errorrate, (list, tuple))
            if data__errorrate_is_list:
                data__errorrate_len = len(data__errorrate)
                for data__errorrate_x, data__errorrate_item in enumerate(data__errorrate):
                    if not isinstance(data__errorrate_item, (int, float)) or isinstance(data__errorrate_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be number")
                    if isinstance(data__errorrate_item, (int, float)) and not isinstance(data__errorrate_item, bool):
                        if data__errorrate_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__errorrate_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "p95_latency_ms" in data_keys:
            data_keys.remove("p95_latency_ms")
            data__p95latencyms = data["p95_latency_ms"]
            if not isinstance(data__p95latencyms, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be array")
            data__p95latencyms_is_list = isinstance(data__p95latencyms, (list, tuple))
            if data__p95latencyms_is_list:
                data__p95latencyms_len = len(data__p95latencyms)
                for data__p95latencyms_x, data__p95latencyms_item in enumerate(data__p95latencyms):
                    if not isinstance(data__p95latencyms_item, (int, float)) or isinstance(data__p95latencyms_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms[{data__p95latencyms_x}]".format(**locals()) + " must be number")
                    if isinstance(data__p95latencyms_item, (int, float)) and not isinstance(data__p95latencyms_item, bool):
                        if data__p95latencyms_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms[{data__p95latencyms_x}]".format(**locals()) + " must be bigger than or equal to 0")
        if "buckets" in data_keys:
            data_keys.remove("buckets")
            data__buckets = data["buckets"]
            if not isinstance(data__buckets, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".buckets must be object")
            data__buckets_is_dict = isinstance(data__buckets, dict)
            if data__buckets_is_dict:
                data__buckets_keys = set(data__buckets.keys())
                for data__buckets_key in data__buckets_keys:
                    if data__buckets_key not in []:
                        data__buckets_value = data__buckets.get(data__buckets_key)
                        validate____defs_bucket(data__buckets_value, custom_formats, (name_prefix or "data") + ".buckets.{data__buckets_key}".format(**locals()))
    return data

def validate____defs_rollout_gray_scale(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_rolloutshared(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate', 'profile']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string")
            if not (isinstance(data__profile, str) and data__profile == 'gray-scale'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be one of ['gray-scale']")
        if "canary" in data_keys:
            data_keys.remove("canary")
            data__canary = data["canary"]
            validate____defs_grayscalecanary(data__canary, custom_formats, (name_prefix or "data") + ".canary")
    return data

def validate____defs_grayscalecanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "slo_checks" in data_keys:
            data_keys.remove("slo_checks")
            data__slochecks = data["slo_checks"]
            if not isinstance(data__slochecks, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".slo_checks must be array")
            data__slochecks_is_list = isinstance(data__slochecks, (list, tuple))
            if data__slochecks_is_list:
                data__slochecks_len = len(data__slochecks)
                for data__slochecks_x, data__slochecks_item in enumerate(data__slochecks):
                    if not isinstance(data__slochecks_item, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".slo_checks[{data__slochecks_x}]".format(**locals()) + " must be boolean")
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
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be array")
            data__errorrate_is_list = isinstance(data__errorrate, (list, tuple))
            if data__errorrate_is_list:
                data__errorrate_len = len(data__errorrate)
                for data__errorrate_x, data__errorrate_item in enumerate(data__errorrate):
                    if not isinstance(data__errorrate_item, (int, float)) or isinstance(data__errorrate_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be number")
                    if isinstance(data__errorrate_item, (int, float)) and not isinstance(data__errorrate_item, bool):
                        if data__errorrate_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__errorrate_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "p95_latency_ms" in data_keys:
            data_keys.remove("p95_latency_ms")
            data__p95latencyms = data["p95_latency_ms"]
            if not isinstance(data__p95latencyms, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms must be array")
            data__p95latencyms_is_list = isinstance(data__p95latencyms, (list, tuple))
            if data__p95latencyms_is_list:
                data__p95latencyms_len = len(data__p95latencyms)
                for data__p95latencyms_x, data__p95latencyms_item in enumerate(data__p95latencyms):
                    if not isinstance(data__p95latencyms_item, (int, float)) or isinstance(data__p95latencyms_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms[{data__p95latencyms_x}]".format(**locals()) + " must be number")
                    if isinstance(data__p95latencyms_item, (int, float)) and not isinstance(data__p95latencyms_item, bool):
                        if data__p95latencyms_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".p95_latency_ms[{data__p95latencyms_x}]".format(**locals()) + " must be bigger than or equal to 0")
        if "daily_cost" in data_keys:
            data_keys.remove("daily_cost")
            data__dailycost = data["daily_cost"]
            if not isinstance(data__dailycost, (int, float)) or isinstance(data__dailycost, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".daily_cost must be number")
            if isinstance(data__dailycost, (int, float)) and not isinstance(data__dailycost, bool):
                if data__dailycost < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".daily_cost must be bigger than or equal to 0")
        if "daily_cost_budget" in data_keys:
            data_keys.remove("daily_cost_budget")
            data__dailycostbudget = data["daily_cost_budget"]
            if not isinstance(data__dailycostbudget, (int, float)) or isinstance(data__dailycostbudget, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".daily_cost_budget must be number")
            if isinstance(data__dailycostbudget, (int, float)) and not isinstance(data__dailycostbudget, bool):
                if data__dailycostbudget < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".daily_cost_budget must be bigger than or equal to 0")
    return data

def validate____defs_rollout_decision_matrix(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    validate____defs_rolloutshared(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            if not isinstance(data__profile, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be string")
            if not (isinstance(data__profile, str) and data__profile == 'decision-matrix'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile must be one of ['decision-matrix']")
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
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "p99_latency_ms" in data_keys:
            data_keys.remove("p99_latency_ms")
            data__p99latencyms = data["p99_latency_ms"]
            if not isinstance(data__p99latencyms, (int, float)) or isinstance(data__p99latencyms, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms must be number")
            if isinstance(data__p99latencyms, (int, float)) and not isinstance(data__p99latencyms, bool):
                if data__p99latencyms < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms must be bigger than or equal to 0")
        if "ndcg_at_10" in data_keys:
            data_keys.remove("ndcg_at_10")
            data__ndcgat10 = data["ndcg_at_10"]
            if not isinstance(data__ndcgat10, (int, float)) or isinstance(data__ndcgat10, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be number")
            if isinstance(data__ndcgat10, (int, float)) and not isinstance(data__ndcgat10, bool):
                if data__ndcgat10 < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be bigger than or equal to 0")
                if data__ndcgat10 > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be smaller than or equal to 1")
    return data

def validate____defs_decisionmatrixcanary(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "error_rate" in data_keys:
            data_keys.remove("error_rate")
            data__errorrate = data["error_rate"]
            if not isinstance(data__errorrate, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate must be array")
            data__errorrate_is_list = isinstance(data__errorrate, (list, tuple))
            if data__errorrate_is_list:
                data__errorrate_len = len(data__errorrate)
                for data__errorrate_x, data__errorrate_item in enumerate(data__errorrate):
                    if not isinstance(data__errorrate_item, (int, float)) or isinstance(data__errorrate_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be number")
                    if isinstance(data__errorrate_item, (int, float)) and not isinstance(data__errorrate_item, bool):
                        if data__errorrate_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__errorrate_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".error_rate[{data__errorrate_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "p99_latency_ms" in data_keys:
            data_keys.remove("p99_latency_ms")
            data__p99latencyms = data["p99_latency_ms"]
            if not isinstance(data__p99latencyms, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms must be array")
            data__p99latencyms_is_list = isinstance(data__p99latencyms, (list, tuple))
            if data__p99latencyms_is_list:
                data__p99latencyms_len = len(data__p99latencyms)
                for data__p99latencyms_x, data__p99latencyms_item in enumerate(data__p99latencyms):
                    if not isinstance(data__p99latencyms_item, (int, float)) or isinstance(data__p99latencyms_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms[{data__p99latencyms_x}]".format(**locals()) + " must be number")
                    if isinstance(data__p99latencyms_item, (int, float)) and not isinstance(data__p99latencyms_item, bool):
                        if data__p99latencyms_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".p99_latency_ms[{data__p99latencyms_x}]".format(**locals()) + " must be bigger than or equal to 0")
        if "shards" in data_keys:
            data_keys.remove("shards")
            data__shards = data["shards"]
            if not isinstance(data__shards, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".shards must be object")
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
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_gates must be object")
            data__successgates_is_dict = isinstance(data__successgates, dict)
            if data__successgates_is_dict:
                data__successgates_keys = set(data__successgates.keys())
                for data__successgates_key in data__successgates_keys:
                    if data__successgates_key not in []:
                        data__successgates_value = data__successgates.get(data__successgates_key)
                        if not isinstance(data__successgates_value, (bool)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".success_gates.{data__successgates_key}".format(**locals()) + " must be boolean")
        if "ndcg_at_10" in data_keys:
            data_keys.remove("ndcg_at_10")
            data__ndcgat10 = data["ndcg_at_10"]
            if not isinstance(data__ndcgat10, (int, float)) or isinstance(data__ndcgat10, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be number")
            if isinstance(data__ndcgat10, (int, float)) and not isinstance(data__ndcgat10, bool):
                if data__ndcgat10 < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be bigger than or equal to 0")
                if data__ndcgat10 > 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ndcg_at_10 must be smaller than or equal to 1")
        if "operational_anomaly" in data_keys:
            data_keys.remove("operational_anomaly")
            data__operationalanomaly = data["operational_anomaly"]
            validate____defs_operationalanomaly(data__operationalanomaly, custom_formats, (name_prefix or "data") + ".operational_anomaly")
    return data

def validate____defs_operationalanomaly(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "reported_by" in data_keys:
            data_keys.remove("reported_by")
            data__reportedby = data["reported_by"]
            if not isinstance(data__reportedby, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reported_by must be string")
        if "summary" in data_keys:
            data_keys.remove("summary")
            data__summary = data["summary"]
            if not isinstance(data__summary, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".summary must be string")
    return data

def validate____defs_shard(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "cpu" in data_keys:
            data_keys.remove("cpu")
            data__cpu = data["cpu"]
            if not isinstance(data__cpu, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu must be array")
            data__cpu_is_list = isinstance(data__cpu, (list, tuple))
            if data__cpu_is_list:
                data__cpu_len = len(data__cpu)
                for data__cpu_x, data__cpu_item in enumerate(data__cpu):
                    if not isinstance(data__cpu_item, (int, float)) or isinstance(data__cpu_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + " must be number")
                    if isinstance(data__cpu_item, (int, float)) and not isinstance(data__cpu_item, bool):
                        if data__cpu_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__cpu_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".cpu[{data__cpu_x}]".format(**locals()) + " must be smaller than or equal to 1")
        if "memory" in data_keys:
            data_keys.remove("memory")
            data__memory = data["memory"]
            if not isinstance(data__memory, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory must be array")
            data__memory_is_list = isinstance(data__memory, (list, tuple))
            if data__memory_is_list:
                data__memory_len = len(data__memory)
                for data__memory_x, data__memory_item in enumerate(data__memory):
                    if not isinstance(data__memory_item, (int, float)) or isinstance(data__memory_item, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + " must be number")
                    if isinstance(data__memory_item, (int, float)) and not isinstance(data__memory_item, bool):
                        if data__memory_item < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + " must be bigger than or equal to 0")
                        if data__memory_item > 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".memory[{data__memory_x}]".format(**locals()) + " must be smaller than or equal to 1")
    return data


VALIDATORS = {
    'urn:gatekeeper:input:rollout:decision-matrix': validate____defs_rollout_decision_matrix,
    'urn:gatekeeper:input:rollout:gray-scale': validate____defs_rollout_gray_scale,
    'urn:gatekeeper:input:rollout:environment': validate____defs_rollout_environment,
    'urn:gatekeeper:input:rollout:model-registry': validate____defs_rollout_model_registry,
    'urn:gatekeeper:input:rollout:blue-green': validate____defs_rollout_blue_green,
    'urn:gatekeeper:input:rollout:sequential': validate____defs_rollout_sequential,
}
