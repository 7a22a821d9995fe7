"""The published JSON Schema of discharger files (``wasteval schema discharger``).

Editors use it to validate files as users type; the loader uses the same schema, so the
two can never disagree.
"""

from __future__ import annotations

from typing import Any

SCHEMA_ID = "wasteval/discharger/v1"
PLANTS_SCHEMA_ID = "wasteval/plants/v1"

_quantity = {
    "description": "A number with its unit, e.g. '120 m³/d' or '420 mg/L'",
    "type": "string",
    "minLength": 1,
}
_value = {
    "description": "A measured value: '420 mg/L', '<0.004 mg/L', 'ND(0.004 mg/L)', '未检出', or a bare number for pH",
    "type": ["string", "number"],
}
_date = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_param_map = {
    "type": "object",
    "description": "Parameter name (canonical id, Chinese name as printed, or abbreviation) to value",
    "additionalProperties": _value,
}
_permit = {
    "type": "object",
    "properties": {"number": {"type": "string"}, "valid_from": _date, "valid_until": _date},
    "required": ["number"],
    "additionalProperties": False,
}
_text = {"type": "string", "minLength": 1}
CREDIT_CODE_PATTERN = "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"

# Who the discharger is and how its samples were taken and analysed: optional, for the documents
# (docs/discharger-format.md); a document prints 未提供 for anything not given.
IDENTIFICATION_PROPERTIES: dict[str, Any] = {
    "address": {**_text, "description": "the discharger's registered address (注册地址/经营地址)"},
    "credit_code": {
        "type": ["string", "integer"],  # an all-digit code written without quotes reads as a number
        "pattern": CREDIT_CODE_PATTERN,
        "description": "统一社会信用代码 (GB 32100-2015), 18 characters; its check digit is verified",
    },
    "contact": {
        "type": "object",
        "additionalProperties": False,
        "properties": {"name": _text, "telephone": _text},
        "description": "the discharger's contact person and telephone",
    },
    "pretreatment": {
        "type": "array",
        "description": "the discharger's own treatment facilities before the sewer",
        "items": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": _text,
                "process": {**_text, "description": "the treatment process, e.g. 化学沉淀 + 过滤"},
                "capacity": {**_quantity, "description": "design capacity, e.g. '60 m³/d'"},
            },
        },
    },
}
SAMPLING_PROPERTIES: dict[str, Any] = {
    "sampled_by": {**_text, "description": "who took the sample (organisation, person)"},
    "composite": {**_text, "description": "how a composite sample was made, e.g. '2 h 内等时混合 4 次'"},
    "preservation": {**_text, "description": "how the sample was preserved and kept"},
}
LABORATORY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "description": "the laboratory that analysed the samples",
    "properties": {
        "name": _text,
        "cma": {**_text, "description": "CMA 资质认定证书编号"},
        "report": {**_text, "description": "the laboratory's report number"},
        "methods": {
            "type": "object",
            "description": "parameter → the analytical method standard and its detection limit",
            "additionalProperties": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": False,
                "properties": {
                    "method": {**_text, "description": "e.g. 'HJ 776-2015'"},
                    "detection_limit": {**_quantity, "description": "e.g. '0.007 mg/L'"},
                },
            },
        },
    },
}

_fraction = {
    "description": "A fraction of 0 to 1 (0.85) or a percentage ('85 %')",
    "type": ["string", "number"],
}
# What the plant model (第四条) takes beyond design and flows: each overrides a bundled default
# or adds a criterion, and each is recorded as "discharger file" in the report.
PLANT_MODEL_PROPERTIES: dict[str, Any] = {
    "process": {
        "enum": ["primary_sedimentation", "biofilm", "activated_sludge", "advanced_treatment"],
        "description": "the treatment train (GB 50014-2021 表7.1.2 rows); default from treatment_level",
    },
    "nitrification": {
        "enum": ["single_stage", "separate_stage", "none"],
        "description": "how the plant nitrifies; 'none' skips nitrification inhibition",
    },
    "safety_factor": {**_fraction, "description": "share of each limit or capacity kept in reserve (default 0.10)"},
    "effluent_surface_class": {
        "enum": ["I", "II", "III", "IV", "V"],
        "description": "a stricter local effluent requirement: the GB 3838-2002 表1 limits of this class",
    },
    "effluent_local_limits": {
        "type": "object",
        "description": "stricter effluent limits the plant must meet (e.g. from its discharge permit)",
        "additionalProperties": _quantity,
    },
    "removal": {
        "type": "object",
        "description": "the plant's own removal efficiency per parameter, headworks to effluent",
        "additionalProperties": _fraction,
    },
    "inhibition": {
        "type": "object",
        "description": "site-specific inhibition thresholds per parameter and process (mg/L)",
        "additionalProperties": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {"activated_sludge": _quantity, "nitrification": _quantity},
        },
    },
    "sludge": {
        "type": "object",
        "description": "where the plant's sludge goes, which decides whether metals in it are limited",
        "required": ["route"],
        "additionalProperties": False,
        "properties": {
            "route": {"enum": ["land_application", "landfill", "incineration", "building_materials", "other"]},
            "soil": {
                "enum": ["acid", "neutral_alkaline"],
                "description": "for land application: acid (pH<6.5) or neutral and alkaline (pH>=6.5) soil",
            },
            "dry_mass": {**_quantity, "description": "dry solids to disposal, e.g. '9.5 t/d'"},
        },
    },
}

# The receiving plant: written in the discharger file, or kept in a plants file (``plants.yaml``,
# schema wasteval/plants/v1) and named here by its ``name``.
PLANT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["treatment_level"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "treatment_level": {"enum": ["reclamation", "secondary", "primary", "none"]},
        "design_capacity": _quantity,
        "current_flow": _quantity,
        "effluent_standard": {"type": "string"},
        "built": _date,
        "design_influent": {
            "type": "object",
            "additionalProperties": _value,
        },
        "current_influent": {
            "type": "object",
            "description": "the plant's measured influent quality, where known",
            "additionalProperties": _value,
        },
        **PLANT_MODEL_PROPERTIES,
    },
}

DISCHARGER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://wasteval.invalid/schemas/discharger-v1.json",
    "title": "wasteval discharger file",
    "description": "A discharger (排水户) of production wastewater and the plant it drains to.",
    "type": "object",
    "required": ["schema", "discharger", "receiving"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": SCHEMA_ID},
        "discharger": {
            "type": "object",
            "required": ["id", "name", "district", "status"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "minLength": 1, "description": "排水户编号"},
                "name": {"type": "string", "minLength": 1},
                "district": {"type": "string", "minLength": 1},
                "industry": {"type": "string"},
                "monitors": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "MN codes of its online monitors (HJ 212), whose data are its readings",
                },
                "status": {"enum": ["existing", "prospective"]},
                # The attributes the standards' applicability clauses name (standards/*.yaml binds:):
                # they choose a table or column; without one that decides, the stricter applies.
                "eia_approved": {
                    **_date,
                    "description": "环评批复日期: the date its EIA was approved (new vs existing projects)",
                },
                "sub_sector": {
                    "type": "string",
                    "minLength": 1,
                    "description": "the sub-sector that selects a column (GB 39731: 印制电路板; GB 4287: 蜡染)",
                },
                "beds": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "medical institutions: 床位数 (GB 18466-2005 4.1.2)",
                },
                "infectious_disease": {
                    "type": "boolean",
                    "description": "medical institutions: a 传染病 or 结核病 institution (GB 18466-2005 4.1.1)",
                },
                "county_level": {
                    "type": "boolean",
                    "description": "medical institutions: 县级及县级以上 (GB 18466-2005 4.1.2)",
                },
                "chlorine_disinfection": {
                    "type": "boolean",
                    "description": "medical institutions: disinfects with chlorine (GB 18466-2005 表2 注1)",
                },
                "permits": {
                    "type": "object",
                    "properties": {"drainage": _permit, "pollutant": _permit},
                    "additionalProperties": False,
                },
                "flow": {
                    "type": "object",
                    "properties": {"average": _quantity, "maximum": _quantity},
                    "additionalProperties": False,
                },
                **IDENTIFICATION_PROPERTIES,
            },
        },
        "receiving": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "plant": {
                    "type": ["object", "string"],
                    "description": "the receiving plant, or the name of one in the plants file",
                    "minLength": 1,
                    **{k: v for k, v in PLANT_SCHEMA.items() if k != "type"},
                },
                "water_function_class": {"enum": ["I", "II", "III", "IV", "V"]},
                "water_body": {"enum": ["river", "lake_reservoir"]},
            },
        },
        "samples": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "taken", "values"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": ["string", "number"]},
                    "taken": {"type": "string", "description": "ISO date or date-time"},
                    "point": {
                        "type": "string",
                        "minLength": 1,
                        "description": "where it was taken: final_outlet (总排口), workshop_outlet (车间排放口), "
                        "decay_tank_outlet (衰变池出口), disinfection_outlet (消毒池出口), or another name the "
                        "vocabulary knows (rules/vocabulary.yaml aliases)",
                    },
                    "kind": {"enum": ["grab", "composite"]},
                    "values": _param_map,
                    **SAMPLING_PROPERTIES,
                },
            },
        },
        "sampling": {
            "type": "object",
            "additionalProperties": False,
            "description": "how every sample was taken, unless a sample says otherwise",
            "properties": SAMPLING_PROPERTIES,
        },
        "laboratory": LABORATORY_SCHEMA,
        "agreements": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "signed", "valid_until"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string"},
                    "signed": _date,
                    "valid_until": _date,
                    "renewed_until": _date,
                    "limits": {"type": "object", "additionalProperties": _quantity},
                    "max_load": {"type": "object", "additionalProperties": _quantity},
                },
            },
        },
        "production": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "processes": {"type": "array", "items": {"type": "string"}},
                "materials": {"type": "array", "items": {"type": "string"}},
                "products": {"type": "array", "items": {"type": "string"}},
                "expected_flow": _quantity,
                "description": {**_text, "description": "what is produced and how (产品、规模、工艺)"},
                "expected": {
                    **_param_map,
                    "description": "expected raw concentrations the discharger declares (e.g. from its EIA)",
                },
            },
        },
    },
}


PLANTS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://wasteval.invalid/schemas/plants-v1.json",
    "title": "wasteval plants file",
    "description": "The plants an operator runs, each named once, for discharger files to name.",
    "type": "object",
    "required": ["schema", "plants"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": PLANTS_SCHEMA_ID},
        "plants": {
            "type": "array",
            "minItems": 1,
            "items": {**PLANT_SCHEMA, "required": ["name", "treatment_level"]},
        },
    },
}
