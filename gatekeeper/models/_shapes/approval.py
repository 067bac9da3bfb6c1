# Written by python -m tools.build_schemas from input-schemas.json (urn:gatekeeper:input:approval); do not edit.
VERSION = "2.22.3"
from decimal import Decimal
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_urn_gatekeeper_input_approval(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:approval', 'additionalProperties': True, 'description': 'Input of the approval gate (SPEC sections 3 and 6).\n\nRoles come from the roster in policy data (``data.gatekeeper.roster``), never\nfrom the input: the input only names the people.', 'properties': {'gate': {'const': 'approval', 'description': '`approval`.', 'title': 'Gate', 'type': 'string'}, 'trigger_type': {'description': 'Row of the authority matrix the decision belongs to.', 'enum': ['automated', 'performance', 'quality', 'business', 'operational_anomaly'], 'title': 'Trigger Type', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'decision': {'description': 'The manual decision being taken.', 'enum': ['rollback', 'continue', 'promote', 'override'], 'title': 'Decision', 'type': 'string'}, 'approvers': {'description': 'Identities of the people taking the decision (looked up in the roster).', 'items': {'type': 'string'}, 'title': 'Approvers', 'type': 'array'}}, 'required': ['gate'], 'title': 'ApprovalInput', 'type': 'object'}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['gate']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': 'urn:gatekeeper:input:approval', 'additionalProperties': True, 'description': 'Input of the approval gate (SPEC sections 3 and 6).\n\nRoles come from the roster in policy data (``data.gatekeeper.roster``), never\nfrom the input: the input only names the people.', 'properties': {'gate': {'const': 'approval', 'description': '`approval`.', 'title': 'Gate', 'type': 'string'}, 'trigger_type': {'description': 'Row of the authority matrix the decision belongs to.', 'enum': ['automated', 'performance', 'quality', 'business', 'operational_anomaly'], 'title': 'Trigger Type', 'type': 'string'}, 'phase_percent': {'description': 'Share of traffic on the canary now.', 'exclusiveMinimum': 0, 'maximum': 100, 'title': 'Phase Percent', 'type': 'number', 'x-unit': 'percent'}, 'decision': {'description': 'The manual decision being taken.', 'enum': ['rollback', 'continue', 'promote', 'override'], 'title': 'Decision', 'type': 'string'}, 'approvers': {'description': 'Identities of the people taking the decision (looked up in the roster).', 'items': {'type': 'string'}, 'title': 'Approvers', 'type': 'array'}}, 'required': ['gate'], 'title': 'ApprovalInput', 'type': 'object'}, rule='required')
        data_keys = set(data.keys())
        if "gate" in data_keys:
            data_keys.remove("gate")
            data__gate = data["gate"]
            if not isinstance(data__gate, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be string", value=data__gate, name="" + (name_prefix or "data") + ".gate", definition={'const': 'approval', 'description': '`approval`.', 'title': 'Gate', 'type': 'string'}, rule='type')
            if not (isinstance(data__gate, str) and data__gate == 'approval'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".gate must be same as const definition: approval", value=data__gate, name="" + (name_prefix or "data") + ".gate", definition={'const': 'approval', 'description': '`approval`.', 'title': 'Gate', 'type': 'string'}, rule='const')
        if "trigger_type" in data_keys:
            data_keys.remove("trigger_type")
            data__triggertype = data["trigger_type"]
            if not isinstance(data__triggertype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trigger_type must be string", value=data__triggertype, name="" + (name_prefix or "data") + ".trigger_type", definition={'description': 'Row of the authority matrix the decision belongs to.', 'enum': ['automated', 'performance', 'quality', 'business', 'operational_anomaly'], 'title': 'Trigger Type', 'type': 'string'}, rule='type')
            if not (isinstance(data__triggertype, str) and data__triggertype == 'automated' or isinstance(data__triggertype, str) and data__triggertype == 'performance' or isinstance(data__triggertype, str) and data__triggertype == 'quality' or isinstance(data__triggertype, str) and data__triggertype == 'business' or isinstance(data__triggertype, str) and data__triggertype == 'operational_anomaly'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trigger_type must be one of ['automated', 'performance', 'quality', 'business', 'operational_anomaly']", value=data__triggertype, name="" + (name_prefix or "data") + ".trigger_type", definition={'description': 'Row of the authority matrix the decision belongs to.', 'enum': ['automated', 'performance', 'quality', 'business', 'operational_anomaly'], 'title': 'Trigger Type', 'type': 'string'}, rule='enum')
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
        if "decision" in data_keys:
            data_keys.remove("decision")
            data__decision = data["decision"]
            if not isinstance(data__decision, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".decision must be string", value=data__decision, name="" + (name_prefix or "data") + ".decision", definition={'description': 'The manual decision being taken.', 'enum': ['rollback', 'continue', 'promote', 'override'], 'title': 'Decision', 'type': 'string'}, rule='type')
            if not (isinstance(data__decision, str) and data__decision == 'rollback' or isinstance(data__decision, str) and data__decision == 'continue' or isinstance(data__decision, str) and data__decision == 'promote' or isinstance(data__decision, str) and data__decision == 'override'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".decision must be one of ['rollback', 'continue', 'promote', 'override']", value=data__decision, name="" + (name_prefix or "data") + ".decision", definition={'description': 'The manual decision being taken.', 'enum': ['rollback', 'continue', 'promote', 'override'], 'title': 'Decision', 'type': 'string'}, rule='enum')
        if "approvers" in data_keys:
            data_keys.remove("approvers")
            data__approvers = data["approvers"]
            if not isinstance(data__approvers, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".approvers must be array", value=data__approvers, name="" + (name_prefix or "data") + ".approvers", definition={'description': 'Identities of the people taking the decision (looked up in the roster).', 'items': {'type': 'string'}, 'title': 'Approvers', 'type': 'array'}, rule='type')
            data__approvers_is_list = isinstance(data__approvers, (list, tuple))
            if data__approvers_is_list:
                data__approvers_len = len(data__approvers)
                for data__approvers_x, data__approvers_item in enumerate(data__approvers):
                    if not isinstance(data__approvers_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".approvers[{data__approvers_x}]".format(**locals()) + " must be string", value=data__approvers_item, name="" + (name_prefix or "data") + ".approvers[{data__approvers_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
    return data


validate = validate_urn_gatekeeper_input_approval
