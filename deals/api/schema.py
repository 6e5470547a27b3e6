"""The OpenAPI schema's common responses: conditional requests, throttling and errors."""

_ERROR = {"$ref": "#/components/schemas/Error"}
_JSON = "application/json"


def _add(responses: dict, code: str, description: str, schema: dict | None = None, **extra):
    if code in responses:
        return
    responses[code] = {"description": description, **extra}
    if schema is not None:
        responses[code]["content"] = {_JSON: {"schema": schema}}


def document_common_responses(result, generator, request, public):
    """Add to every operation the responses every view can give, so clients can rely on them."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "description": "What went wrong, in a sentence.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    }
    schemas["ValidationError"] = {
        "type": "object",
        "description": "Each invalid field (or `non_field_errors`) with what is wrong with it.",
        "additionalProperties": True,
    }
    retry_after = {
        "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
    }
    validator_headers = {
        "ETag": {"description": "Send it back in If-None-Match.", "schema": {"type": "string"}},
        "Last-Modified": {"description": "An HTTP date.", "schema": {"type": "string"}},
        "Cache-Control": {"schema": {"type": "string"}},
    }
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            public = {} in operation.get("security", [{}])
            if method == "get":
                if "200" in responses:
                    responses["200"].setdefault("headers", {}).update(validator_headers)
                _add(
                    responses,
                    "304",
                    "Not modified: the copy named by If-None-Match or If-Modified-Since is "
                    "current. Not counted against the throttle.",
                    headers=validator_headers,
                )
                _add(responses, "404", "Not found, or no such page.", _ERROR)
            elif "{" in path:
                _add(responses, "404", "Not found.", _ERROR)
            _add(
                responses,
                "400",
                "Invalid input or query parameters.",
                {"$ref": "#/components/schemas/ValidationError"},
            )
            if method != "get" or not public:
                _add(responses, "401", "A token is needed: `Authorization: Token <key>`.", _ERROR)
                _add(responses, "403", "This token may not do that.", _ERROR)
            _add(responses, "429", "Too many requests.", _ERROR, headers=retry_after)
    return result
