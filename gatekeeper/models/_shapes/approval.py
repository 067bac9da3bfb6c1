# Written by python -m tools.build_schemas from input-schemas.json; do not edit.
VERSION = "2.22.3"
from gatekeeper.models._exceptions import ShapeRefused as JsonSchemaValueException
from gatekeeper.models._exceptions import ShapeRefused as JsonSchemaValuesException


NoneType = type(None)

def validate_urn_gatekeeper_input_approval(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "gate" in data_keys:
            data_keys.remove("gate")
            data__gate = data["gate"]
            if not isinstance(data__gate, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be string")
            if not (isinstance(data__gate, str) and data__gate == 'approval'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be one of ['approval']")
        if "trigger_type" in data_keys:
            data_keys.remove("trigger_type")
            data__triggertype = data["trigger_type"]
            if not isinstance(data__triggertype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trigger_type must be string")
            if not (isinstance(data__triggertype, str) and data__triggertype == 'automated' or isinstance(data__triggertype, str) and data__triggertype == 'performance' or isinstance(data__triggertype, str) and data__triggertype == 'quality' or isinstance(data__triggertype, str) and data__triggertype == 'business' or isinstance(data__triggertype, str) and data__triggertype == 'operational_anomaly'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trigger_type must be one of ['automated', 'performance', 'quality', 'business', 'operational_anomaly']")
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
        if "decision" in data_keys:
            data_keys.remove("decision")
            data__decision = data["decision"]
            if not isinstance(data__decision, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".decision must be string")
            if not (isinstance(data__decision, str) and data__decision == 'rollback' or isinstance(data__decision, str) and data__decision == 'continue' or isinstance(data__decision, str) and data__decision == 'promote' or isinstance(data__decision, str) and data__decision == 'override'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".decision must be one of ['rollback', 'continue', 'promote', 'override']")
        if "approvers" in data_keys:
            data_keys.remove("approvers")
            data__approvers = data["approvers"]
            if not isinstance(data__approvers, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".approvers must be array")
            data__approvers_is_list = isinstance(data__approvers, (list, tuple))
            if data__approvers_is_list:
                data__approvers_len = len(data__approvers)
                for data__approvers_x, data__approvers_item in enumerate(data__approvers):
                    if not isinstance(data__approvers_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".approvers[{data__approvers_x}]".format(**locals()) + " must be string")
    return data


VALIDATORS = {
    'urn:gatekeeper:input:approval': validate_urn_gatekeeper_input_approval,
}
