"""JSON bodies the API accepts: no deeper than MAX_DEPTH, and no NUL character anywhere.

Deeper nesting would exhaust the decoder's recursion (an error for the server, not the client),
and PostgreSQL text cannot hold NUL: both are refused as invalid input naming the field.
"""

import re

from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.settings import api_settings
from rest_framework.utils import json

#: Levels of arrays and objects a body may nest; the API's own bodies need two.
MAX_DEPTH = 32
# What nesting depends on: strings (whose brackets do not count; a key is followed by a colon)
# and brackets.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"(?:\s*:)?|[\[\]{}]')
_NUL_ESCAPE = "\\u0000"
NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


def _key(token: str) -> str:
    try:
        return json.loads(token.rstrip(": \t\r\n"))
    except ValueError:
        return NON_FIELD


def too_deep(text: str) -> str | None:
    """The top-level field under which `text` nests deeper than MAX_DEPTH, or None."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth, field = 0, NON_FIELD
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return field
        elif token in ("]", "}"):
            depth -= 1
        elif depth == 1 and token.endswith(":"):
            field = _key(token)
    return None


def _has_nul(value) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def nul_fields(data) -> list[str]:
    """The top-level fields of parsed JSON holding a NUL character, in any string or key."""
    if isinstance(data, dict):
        return [
            NON_FIELD if "\x00" in name else name
            for name, value in data.items()
            if "\x00" in name or _has_nul(value)
        ]
    return [NON_FIELD] if _has_nul(data) else []


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing bodies nested too deep or holding NUL characters."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        field = too_deep(text)
        if field is not None:
            raise ValidationError({field: [f"Nested deeper than {MAX_DEPTH} levels."]})
        try:
            data = json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        # NUL can only come from the escape: a body without it is spared the walk.
        if _NUL_ESCAPE in text:
            fields = nul_fields(data)
            if fields:
                raise ValidationError(
                    {field: ["NUL characters (\\u0000) are not allowed."] for field in fields}
                )
        return data
