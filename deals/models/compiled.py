"""Reads whose SQL is compiled once per process: for a small query, Django building its text
(joins, selected columns, order) costs more than the database running it."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, router
from django.db.models.sql import Query


@dataclass(frozen=True)
class _Compiled:
    """A query's text and parameters, and what its compiler learnt while writing them."""

    sql: str
    params: tuple
    select: list
    klass_info: dict | None
    annotation_col_map: dict | None
    has_extra_select: bool


def read_compiled_once(build: Callable[[], models.QuerySet]) -> list:
    """The rows of the queryset `build()` returns, read as that queryset reads them (models with
    their related rows, deferred fields, converters; or values, named or not) with the queryset
    built once per process and its SQL compiled at the first read of each database only. `build`
    must give the same query every time: nothing in it may depend on the request, the date or
    the data."""
    built = _built(build)
    alias = router.db_for_read(built.model)
    read = type(built)(model=built.model, query=_compiled_query(build, alias), using=alias)
    read._iterable_class, read._fields = built._iterable_class, built._fields
    return list(read)


@functools.lru_cache(maxsize=32)
def _built(build: Callable[[], models.QuerySet]) -> models.QuerySet:
    """What `build()` gives, never read itself: how its rows are made, and its model."""
    return build()


@functools.lru_cache(maxsize=32)
def _compiled_query(build: Callable[[], models.QuerySet], alias: str) -> Query:
    query = build().query.clone()
    compiler = query.get_compiler(alias)
    sql, params = compiler.as_sql()
    compiled = _Compiled(
        sql=sql,
        params=tuple(params),
        select=compiler.select,
        klass_info=compiler.klass_info,
        annotation_col_map=compiler.annotation_col_map,
        has_extra_select=compiler.has_extra_select,
    )
    # Each read gets a compiler of its own (bound to its thread's connection), told the text.
    query.get_compiler = functools.partial(_primed_compiler, query, compiled)
    return query


def _primed_compiler(query: Query, compiled: _Compiled, using=None, connection=None, **kwargs):
    compiler = Query.get_compiler(query, using, connection, **kwargs)
    compiler.select = compiled.select
    compiler.klass_info = compiled.klass_info
    compiler.annotation_col_map = compiled.annotation_col_map
    compiler.col_count = len(compiled.select)
    compiler.has_extra_select = compiled.has_extra_select
    compiler.as_sql = lambda *args, **kwargs: (compiled.sql, list(compiled.params))
    return compiler
