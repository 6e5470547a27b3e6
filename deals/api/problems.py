"""Every error under /api/ as problem details (RFC 9457): `application/problem+json`.

A problem has `type`, `title`, `status` and `detail` (a sentence, as `{"detail": ...}` always
had). Invalid input is of the type `INVALID_INPUT` and adds `errors`: each invalid field, query
parameter or `non_field_errors`, with its messages. Other problems are `about:blank`: their
status says it all, and their title is the status's name.

The API's views answer their errors through `exception_handler`. Errors Django answers before
or after them (an address no view serves, an uncaught exception) are turned into problems by
`ProblemDetailsMiddleware`, which also refuses NUL characters in query strings: PostgreSQL
cannot hold them, so a filter would fail on them.
"""

from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_JSON = "application/problem+json"
INVALID_INPUT = "tag:trade-deal-tracker,2026:problems/invalid-input"
NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY
API_PREFIX = "/api/"
#: Headers of an error response that tell the client what to do next.
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


class ProblemRenderer(JSONRenderer):
    """JSON under the problem details media type."""

    media_type = PROBLEM_JSON
    format = "problem"


class RequestTooLarge(exceptions.APIException):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE, refused unread."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def _phrase(status_code: int) -> str:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Error"


def problem(status_code: int, detail: str, *, errors: dict | None = None) -> dict:
    """A problem details object; with `errors`, one of invalid input."""
    if errors is None:
        return {
            "type": "about:blank",
            "title": _phrase(status_code),
            "status": status_code,
            "detail": detail,
        }
    return {
        "type": INVALID_INPUT,
        "title": "Invalid input",
        "status": status_code,
        "detail": detail,
        "errors": errors,
    }


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [message for item in value.values() for message in _messages(item)]
    if isinstance(value, list):
        return [message for item in value for message in _messages(item)]
    return [str(value)]


def invalid_input(errors: dict) -> dict:
    """The problem of invalid input: each field's messages, and a sentence naming them all."""
    sentence = " ".join(
        f"{field}: {' '.join(_messages(messages))}" for field, messages in errors.items()
    )
    return problem(status.HTTP_400_BAD_REQUEST, sentence, errors=errors)


def exception_handler(exc, context):
    """DRF's handler, its answers rendered as problem details whatever format was asked for."""
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge(
            f"The request body is larger than the {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes "
            "accepted."
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # An uncaught error: Django answers 500, made a problem by the middleware.
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        response.data = invalid_input(data if isinstance(data, dict) else {NON_FIELD: data})
    else:
        detail = data.get("detail") if isinstance(data, dict) else None
        response.data = problem(response.status_code, str(detail or " ".join(_messages(data))))
    request = context["request"]
    request.accepted_renderer = ProblemRenderer()
    request.accepted_media_type = PROBLEM_JSON
    return response


def problem_response(body: dict, headers: dict | None = None) -> JsonResponse:
    response = JsonResponse(body, status=body["status"], content_type=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


_DETAILS = {
    400: "The request cannot be read.",
    403: "This request is not allowed.",
    404: "There is nothing at {path}.",
    405: "{method} is not allowed at {path}.",
    413: "The request is too large.",
    500: "The server failed to answer; the error is logged and will be looked into.",
}


class ProblemDetailsMiddleware:
    """Under /api/, refuse NUL characters in the query string and answer every error Django
    renders itself (HTML pages) as problem details instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        refused = _nul_in_query(request)
        if refused is not None:
            return problem_response(refused)
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith(PROBLEM_JSON):
            return response
        code = response.status_code
        detail = _DETAILS.get(code, f"{_phrase(code)}.")
        body = problem(code, detail.format(path=request.path, method=request.method))
        kept = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
        return problem_response(body, kept)


def _nul_in_query(request) -> dict | None:
    errors = {
        name if "\x00" not in name else NON_FIELD: ["NUL characters (\\u0000) are not allowed."]
        for name, values in request.GET.lists()
        if "\x00" in name or any("\x00" in value for value in values)
    }
    return invalid_input(errors) if errors else None
