"""The OpenAPI schema documents the errors every operation can answer with."""

ERRORS = {
    "400": "The input is not valid: the body names each field with its messages.",
    "401": "No valid token or session.",
    "403": "The token cannot do this (a read token writing), or a CSRF failure.",
    "404": "No such object for this patient (another patient's id is 404), or a bad cursor.",
    "429": "Too many requests: see the Retry-After header.",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: JSON errors on every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "additionalProperties": True,
        "description": "Messages by field name, or `detail` for the request as a whole.",
    }
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, text in ERRORS.items():
                responses.setdefault(code, {"description": text, **error})
    return result
