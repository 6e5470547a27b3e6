"""What identifies one state of the tracker's data, read in one small query and kept briefly.

Each reader of it names the tables its output is made of. One query reads their highest ids and
latest timestamps (index lookups), and the row counts of the small tables: any insert, any
timestamped edit and any delete from a small table changes the version. What leaves no such
trace (a party renamed) is caught by renewing every version each TRACKER_API_VALIDATOR_SECONDS.
The API's ETags and the reader pages' cache keys both come from here.

That query costs about as much as serving a cached page, so each process keeps what it read for
up to TRACKER_DATA_VERSION_SECONDS, and reads again sooner when the data may have changed:

- every statement that writes to one of the tracker's tables is noticed as the process sends it
  (`notice_writes`, on every database connection). Once it is committed, the process drops
  what it read and leaves a new change mark in the shared cache;
- a reading is used only while the change mark is still the one it was read with, so a change
  committed by any process of the tracker (web, worker, command) shows at the next request;
- a change made outside the tracker (by hand in SQL), one whose mark was lost while Redis was
  away, and without Redis any change made by another process, shows within
  TRACKER_DATA_VERSION_SECONDS: no version is older than that.

Inside a transaction the database is read at every call: a transaction sees its own writes, and
a version that includes them must not be served to anyone before they are committed.
"""

import datetime
import functools
import hashlib
import re
import threading
import time
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, models
from django.utils.dateparse import parse_datetime

from deals.sharedcache import pages

_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
#: The shared cache's change mark, renewed after every committed write to the tracker's tables.
CHANGE_MARK_KEY = "deals:data-changed"
_WRITE = re.compile(
    r"\s*(INSERT|UPDATE|DELETE|TRUNCATE|REPLACE|MERGE|COPY|WITH|ALTER|DROP)\b", re.IGNORECASE
)


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


@dataclass(frozen=True)
class _Reading:
    """What one query read about some tables, when, and what was known of changes then."""

    row: tuple
    read_at: float
    changes: int
    mark: str | None


class _Readings:
    """This process's readings of the tables' versions, and the changes it has committed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.changes = 0
        self.by_tables: dict[tuple[Table, ...], _Reading] = {}


_readings = _Readings()


def _as_datetime(value) -> datetime.datetime | None:
    if isinstance(value, str):  # SQLite answers raw queries with text
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _validators(
    marks: list, timestamps: list, *, variant: str, period: int, lifetime: int
) -> Validators:
    moments = [moment for moment in map(_as_datetime, timestamps) if moment is not None]
    moments.append(datetime.datetime.fromtimestamp(period * lifetime, tz=datetime.UTC))
    digest = hashlib.blake2b(repr([*marks, period, variant]).encode(), digest_size=16).hexdigest()
    return Validators(etag=f'"{digest}"', last_modified=max(moments, default=_EPOCH))


@functools.lru_cache(maxsize=256)
def _validators_of_row(
    row: tuple, positions: tuple[int, ...], variant: str, period: int, lifetime: int
) -> Validators:
    """The validators of a version row: computed once for each row, variant and period."""
    timestamps = [row[position] for position in positions]
    return _validators(list(row), timestamps, variant=variant, period=period, lifetime=lifetime)


@functools.lru_cache(maxsize=64)
def _query(tables: tuple[Table, ...]) -> tuple[str, tuple[int, ...]]:
    """The query reading the version of `tables`, and where the timestamps are in its row."""
    columns, timestamp_positions = [], []
    for table in tables:
        for column, is_timestamp in _columns(table):
            if is_timestamp:
                timestamp_positions.append(len(columns))
            columns.append(column)
    # Identifiers only, all from the models' metadata: nothing from the request.
    return "SELECT " + ", ".join(columns), tuple(timestamp_positions)


def _columns(table: Table) -> list[tuple[str, bool]]:
    """The columns of the version query that read `table`, each with whether it is a time."""
    quote = connection.ops.quote_name
    name = quote(table.model._meta.db_table)
    columns = [(f"(SELECT MAX({quote(table.model._meta.pk.column)}) FROM {name})", False)]
    if table.count:
        columns.append((f"(SELECT COUNT(*) FROM {name})", False))
    if table.timestamp:
        column = quote(table.model._meta.get_field(table.timestamp).column)
        columns.append((f"(SELECT MAX({column}) FROM {name})", True))
    return columns


@functools.lru_cache(maxsize=64)
def _positions(tables: tuple[Table, ...], part: tuple[Table, ...]) -> tuple[int, ...]:
    """Where the columns of `part`, some of `tables`, are in the version row of `tables`, in the
    order `part`'s own query has them."""
    starts, position = {}, 0
    for table in tables:
        starts[table] = position
        position += len(_columns(table))
    return tuple(starts[table] + offset for table in part for offset in range(len(_columns(table))))


def _read(tables: tuple[Table, ...]) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_query(tables)[0])
        row = cursor.fetchone()
    return tuple(value.isoformat() if hasattr(value, "isoformat") else value for value in row)


def _clock() -> float:
    return time.monotonic()


@functools.cache
def _tracker_tables() -> tuple[str, ...]:
    """The names of the tracker's own tables: any version may be made of them."""
    models_ = apps.get_app_config("deals").get_models(include_auto_created=True)
    return tuple(model._meta.db_table for model in models_)


def _cache_is_shared() -> bool:
    # A cache of this process's own carries no news from other processes, and this process's
    # changes are counted in `_readings` already.
    return not isinstance(caches["default"], LocMemCache)


def _current_row(tables: tuple[Table, ...]) -> tuple:
    """The version row of `tables`: kept from an earlier query while no change can have been
    made since, read from the database otherwise."""
    seconds = settings.TRACKER_DATA_VERSION_SECONDS
    if not seconds or connection.in_atomic_block:
        return _read(tables)
    mark = pages.get(CHANGE_MARK_KEY) if _cache_is_shared() else None
    now = _clock()
    changes = _readings.changes
    reading = _readings.by_tables.get(tables)
    if (
        reading is not None
        and reading.changes == changes
        and reading.mark == mark
        and now - reading.read_at < seconds
    ):
        return reading.row
    row = _read(tables)
    with _readings.lock:
        # A change committed while the query ran may be missing from its row: not kept then.
        if _readings.changes == changes:
            _readings.by_tables[tables] = _Reading(row, now, changes, mark)
    return row


def data_changed() -> None:
    """A write to the tables was committed: read them again here, and in every process."""
    with _readings.lock:
        _readings.changes += 1
        _readings.by_tables = {}
    if _cache_is_shared():
        pages.set(CHANGE_MARK_KEY, uuid.uuid4().hex, None)


def notice_writes(execute, sql, params, many, context):
    """A database connection's execute wrapper: notes each committed write to the tracker's
    tables (another app's, such as the sessions, change no version)."""
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _WRITE.match(sql) and any(n in sql for n in _tracker_tables()):
        database = context["connection"]
        if not database.in_atomic_block:
            data_changed()
        elif not any(callback is data_changed for _, callback, _ in database.run_on_commit):
            database.on_commit(data_changed)
    return result


def watch_connection(sender, connection, **kwargs) -> None:
    """On every new database connection (`connection_created`), notice its writes."""
    if notice_writes not in connection.execute_wrappers:
        # First, so a wrapper another caller pushes and pops around its block stays on top.
        connection.execute_wrappers.insert(0, notice_writes)


def table_validators(tables: list[Table], *, variant: str) -> Validators:
    """The validators of responses made of `tables`, from one query at most."""
    return validators_of(tables, {variant: tables})[variant]


def version_columns(tables: list[Table]) -> str:
    """The columns of the query reading the version of `tables`, for a query of its own."""
    return _query(tuple(tables))[0].removeprefix("SELECT ")


def renewal_period() -> int:
    """The current period of TRACKER_API_VALIDATOR_SECONDS, after which every version renews."""
    return int(time.time()) // settings.TRACKER_API_VALIDATOR_SECONDS


def validators_of(tables: list[Table], parts: dict[str, list[Table]]) -> dict[str, Validators]:
    """The validators of responses made of each of `parts` (by variant), each part some of
    `tables`, all from one reading of `tables`: the same as each part read on its own."""
    tables = tuple(tables)
    row = _current_row(tables)
    lifetime, period = settings.TRACKER_API_VALIDATOR_SECONDS, renewal_period()
    validators = {}
    for variant, part in parts.items():
        part = tuple(part)
        own = row if part == tables else tuple(row[i] for i in _positions(tables, part))
        validators[variant] = _validators_of_row(own, _query(part)[1], variant, period, lifetime)
    return validators


def row_validators(values: tuple | None, *, timestamps: list, variant: str) -> Validators | None:
    """The validators of a response about one row, from values read about it (None: no row)."""
    if values is None:
        return None
    marks = [str(value) for value in values]
    lifetime = settings.TRACKER_API_VALIDATOR_SECONDS
    period = int(time.time()) // lifetime
    return _validators(marks, timestamps, variant=variant, period=period, lifetime=lifetime)
