"""What identifies one state of the tracker's data, read in one small query.

Each reader of it names the tables its output is made of. One query reads their highest ids and
latest timestamps (index lookups), and the row counts of the small tables: any insert, any
timestamped edit and any delete from a small table changes the version. What leaves no such
trace (a party renamed) is caught by renewing every version each TRACKER_API_VALIDATOR_SECONDS.
The API's ETags and the reader pages' cache keys both come from here.
"""

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models
from django.utils.dateparse import parse_datetime

_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Table:
    """A table a response is made of, the indexed column dating its rows' changes, if any, and
    whether it is small enough to count at every request (counting a large table scans it)."""

    model: type[models.Model]
    timestamp: str | None = None
    count: bool = True


@dataclass(frozen=True)
class Validators:
    """What identifies one state of a resource: its ETag and when it last changed."""

    etag: str
    last_modified: datetime.datetime


def _as_datetime(value) -> datetime.datetime | None:
    if isinstance(value, str):  # SQLite answers raw queries with text
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _validators(marks: list, timestamps: list, *, variant: str) -> Validators:
    moments = [moment for moment in map(_as_datetime, timestamps) if moment is not None]
    lifetime = settings.TRACKER_API_VALIDATOR_SECONDS
    period = int(time.time()) // lifetime
    marks = [*marks, period]
    moments.append(datetime.datetime.fromtimestamp(period * lifetime, tz=datetime.UTC))
    digest = hashlib.blake2b(repr([*marks, variant]).encode(), digest_size=16).hexdigest()
    return Validators(etag=f'"{digest}"', last_modified=max(moments, default=_EPOCH))


def table_validators(tables: list[Table], *, variant: str) -> Validators:
    """The validators of responses made of `tables`, read in one query."""
    quote = connection.ops.quote_name
    columns, timestamp_positions = [], []
    for table in tables:
        name = quote(table.model._meta.db_table)
        pk = quote(table.model._meta.pk.column)
        columns.append(f"(SELECT MAX({pk}) FROM {name})")
        if table.count:
            columns.append(f"(SELECT COUNT(*) FROM {name})")
        if table.timestamp:
            column = quote(table.model._meta.get_field(table.timestamp).column)
            timestamp_positions.append(len(columns))
            columns.append(f"(SELECT MAX({column}) FROM {name})")
    with connection.cursor() as cursor:
        # Identifiers only, all from the models' metadata: nothing from the request.
        cursor.execute("SELECT " + ", ".join(columns))
        row = list(cursor.fetchone())
    timestamps = [row[position] for position in timestamp_positions]
    marks = [value.isoformat() if hasattr(value, "isoformat") else value for value in row]
    return _validators(marks, timestamps, variant=variant)


def row_validators(values: tuple | None, *, timestamps: list, variant: str) -> Validators | None:
    """The validators of a response about one row, from values read about it (None: no row)."""
    if values is None:
        return None
    return _validators([str(value) for value in values], timestamps, variant=variant)
