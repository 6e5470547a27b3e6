"""The OpenAPI schema's common responses: conditional requests, throttling and errors."""

from .problems import INVALID_INPUT, PROBLEM_JSON

_PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _add(responses: dict, code: str, description: str, *, problem: bool = True, **extra):
    if code in responses:
        return
    responses[code] = {"description": description, **extra}
    if problem:
        responses[code]["content"] = {PROBLEM_JSON: {"schema": _PROBLEM}}


def _problem_schema() -> dict:
    return {
        "type": "object",
        "description": (
            "Problem details (RFC 9457), the body of every error. `type` is `about:blank` when "
            f"the status says it all; invalid input is of type `{INVALID_INPUT}` and adds "
            "`errors`."
        ),
        "properties": {
            "type": {"type": "string", "description": "What kind of problem this is (a URI)."},
            "title": {"type": "string", "description": "The kind of problem, in a few words."},
            "status": {"type": "integer", "description": "The HTTP status code."},
            "detail": {"type": "string", "description": "What went wrong, in a sentence."},
            "errors": {
                "type": "object",
                "description": (
                    "Invalid input only: each invalid field or query parameter (or "
                    "`non_field_errors`) with its messages."
                ),
                "additionalProperties": True,
            },
        },
        "required": ["type", "title", "status", "detail"],
    }


def document_common_responses(result, generator, request, public):
    """Add to every operation the responses every view can give, so clients can rely on them."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = _problem_schema()
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
                    problem=False,
                    headers=validator_headers,
                )
                _add(responses, "404", "Not found, or no such page.")
            elif "{" in path:
                _add(responses, "404", "Not found.")
            _add(responses, "400", "Invalid input, query parameters or body (see `errors`).")
            _add(responses, "401", "The token sent is unknown; writes need one.")
            if method != "get" or not public:
                _add(responses, "403", "This token may not do that.")
            _add(
                responses,
                "405",
                "This method is not allowed here.",
                headers={
                    "Allow": {"description": "The methods allowed.", "schema": {"type": "string"}}
                },
            )
            _add(responses, "406", "None of the formats named in Accept can be given.")
            if "requestBody" in operation:
                _add(responses, "413", "The body is larger than the server reads.")
                _add(responses, "415", "The body is not JSON (`Content-Type: application/json`).")
            _add(responses, "429", "Too many requests.", headers=retry_after)
            _add(responses, "500", "The server failed; the error is logged.")
    return result
