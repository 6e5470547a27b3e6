"""CSV for spreadsheet users: the deal list and the changes feed, one row per item."""

import csv
import io
import re

from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

_NUMBER = re.compile(r"-?\d+(\.\d+)?")
# A cell starting with one of these is run as a formula by spreadsheets: quote it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _flatten(value, prefix: str, row: dict) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else key, row)
    elif isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            keys = dict.fromkeys(key for item in value for key in item)
            for key in keys:
                row[f"{prefix}.{key}"] = "; ".join(_cell(item.get(key)) for item in value)
        else:
            row[prefix] = "; ".join(_cell(item) for item in value)
    else:
        row[prefix] = _cell(value)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value) if not isinstance(value, dict) else repr(value)
    if text.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _columns_of(serializer, prefix: str = "") -> list[str]:
    """The dotted columns a serializer's items flatten to, whatever one item holds.

    A deal without figures still has the `figures.text`... columns, left empty, and never a bare
    `figures` column beside them.
    """
    columns = []
    for name, field in serializer.fields.items():
        column = f"{prefix}.{name}" if prefix else name
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.Serializer):
            columns += _columns_of(field, column)
        else:
            columns.append(column)
    return columns


def _columns_found(rows: list[dict]) -> list[str]:
    found = list(dict.fromkeys(column for row in rows for column in row))
    nested = {column.rsplit(".", 1)[0] for column in found if "." in column}
    return [column for column in found if column not in nested]


class CSVRenderer(BaseRenderer):
    """Renders a list (or a page of one) as CSV: nested fields become dotted columns."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if isinstance(data, dict) and "results" in data:
            if response is not None and data.get("next"):
                response["Link"] = f'<{data["next"]}>; rel="next"'
            items = data["results"]
        else:
            items = data if isinstance(data, list) else [data]
        rows = []
        for item in items:
            row: dict[str, str] = {}
            _flatten(item, "", row)
            rows.append(row)
        view = (renderer_context or {}).get("view")
        if view is not None and hasattr(view, "get_serializer"):
            columns = _columns_of(view.get_serializer())
        else:
            columns = _columns_found(rows)
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode(self.charset)
