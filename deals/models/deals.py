"""Deals, who takes part in them, their figures and their timeline of stages."""

import functools
import operator
from collections import Counter

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections, models
from django.db.models.functions import StrIndex
from django.db.models.utils import create_namedtuple_class
from django.urls import reverse

from deals import searchtext
from deals.extraction.types import FIGURE_WHATS

from .articles import Article
from .reference import Commodity, Party, Status


class DealKind(models.TextChoices):
    """The two kinds of deal, each with its own track of stages."""

    AGREEMENT = "agreement", "Agreement"
    MEASURE = "measure", "Measure"


class Role(models.TextChoices):
    """What a party does in a deal."""

    PARTNER = "partner", "Partner"
    INVESTOR = "investor", "Investor"
    HOST = "host", "Host"
    BUYER = "buyer", "Buyer"
    SUPPLIER = "supplier", "Supplier"
    IMPOSING = "imposing", "Imposing"
    TARGETED = "targeted", "Targeted"
    MEDIATOR = "mediator", "Mediator"


#: The order of a search on PostgreSQL: best match first, then the latest change.
RANKED = ("-rank", "-last_changed_on", "-id")


class DealQuerySet(models.QuerySet):
    def published(self) -> "DealQuerySet":
        """Deals readers can see: those with at least one timeline entry, hence a stage."""
        return self.filter(status__isnull=False)

    def active(self) -> "DealQuerySet":
        """Published deals whose stage is not final (not implemented, collapsed, lifted...).

        The stages as a subquery rather than a join, so the database reads the deals from the
        stage index, one stage after another.
        """
        return self.filter(status__in=Status.objects.filter(is_final=False))

    def with_related(self) -> "DealQuerySet":
        """Load the stage, parties and commodities that every listing of deals shows."""
        return self.select_related("status").prefetch_related(
            # Ordered by the deal's id, not the model's "deal" ordering, which would join every
            # link to its deal to sort by the deal's last change.
            models.Prefetch(
                "deal_parties",
                DealParty.objects.select_related("party").order_by("deal_id", "party__name"),
            ),
            "commodities",
        )

    def involving(self, party: Party) -> "DealQuerySet":
        """Deals a party takes part in; for a country, also those of parties based in it."""
        if party.kind == "country":
            return self.involving_countries(Party.objects.filter(pk=party.pk))
        return self.filter(
            models.Exists(DealParty.objects.filter(deal=models.OuterRef("pk"), party=party))
        )

    def involving_countries(self, countries: models.QuerySet) -> "DealQuerySet":
        """Deals with one of `countries`, or a party based in one, among their parties."""
        return self.involving_any(Party.objects.based_in(countries))

    def involving_any(self, party_ids: list[int]) -> "DealQuerySet":
        """Deals with one of the parties `party_ids` among theirs.

        The few parties come as ids, and their links are read through the party index. Left as
        a subquery, PostgreSQL runs it again for each deal it tests (240 ms for a country's
        signed deals among 100,000; 17 ms so).
        """
        return self.filter(
            models.Exists(
                DealParty.objects.filter(deal=models.OuterRef("pk"), party_id__in=party_ids)
            )
        )

    def trading_in(self, commodities: models.QuerySet) -> "DealQuerySet":
        """Deals about any of `commodities` (pass a commodity with its descendants)."""
        through = Deal.commodities.through.objects.filter(
            deal=models.OuterRef("pk"), commodity__in=commodities
        )
        return self.filter(models.Exists(through))

    def stage_counts(self) -> dict[int, int]:
        """How many of these deals stand at each stage, counted by the database: {status id: n}."""
        rows = self.order_by().values("status").annotate(count=models.Count("pk"))
        return {row["status"]: row["count"] for row in rows}

    def first_and_stage_counts(
        self, first: int, *, found_elsewhere: bool = False
    ) -> tuple[list["Deal"], dict[int, int]]:
        """The first `first` of these deals, in their order, and how many stand at each stage.

        A search ranked by relevance on PostgreSQL visits every match to rank it: both are read
        in that one visit (counting the matches apart would visit each again). So are deals
        `found_elsewhere`, through other rows (a party's or a good's links, a search document):
        walking an order's index until enough of them turn up can pass thousands of others.
        Otherwise the first deals come by their index and the counts from one grouped query.
        """
        if not (self.is_ranked() or found_elsewhere) or connections[self.db].vendor != "postgresql":
            return list(self[:first]), self.stage_counts()
        # The order's fields are read with each match, and only the first few are sorted.
        by_order = self.query.order_by or self.model._meta.ordering
        order = {f"o{i}": name for i, name in enumerate(by_order)}
        found = (
            self.annotate(**{key: models.F(name.lstrip("-")) for key, name in order.items()})
            .values_list("pk", "status_id", *order)
            .order_by()
        )
        sql, params = found.query.sql_with_params()
        by = ", ".join(f"{key} {'DESC' if way[0] == '-' else 'ASC'}" for key, way in order.items())
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"WITH found (id, status_id, {', '.join(order)}) AS MATERIALIZED ({sql}) "
                "SELECT status_id, COUNT(*), NULL FROM found GROUP BY status_id "
                f"UNION ALL SELECT NULL, ROW_NUMBER() OVER (ORDER BY {by}), id "
                f"FROM (SELECT * FROM found ORDER BY {by} LIMIT %s) AS first",
                [*params, first],
            )
            rows = cursor.fetchall()
        counts = {status: n for status, n, pk in rows if pk is None}
        ids = [pk for _, pk in sorted((at, pk) for _, at, pk in rows if pk is not None)]
        # The same statement just found them among these deals.
        return self.rows_in_order(ids), counts

    def is_ranked(self) -> bool:
        """Whether these deals are a search ordered by relevance (PostgreSQL)."""
        return tuple(self.query.order_by) == RANKED and "rank" in self.query.annotations

    def ranked_keys(self) -> models.QuerySet:
        """(id, stage, rank, last change, id) of each of these ranked deals, unordered: sorted
        in descending order of the last three, they are in the order of the search."""
        keys = {"key_rank": models.F("rank"), "key_changed": models.F("last_changed_on")}
        return (
            self.annotate(**keys)
            .values_list("pk", "status_id", "key_rank", "key_changed", "pk")
            .order_by()
        )

    def _changed_since(self, since, most: int) -> tuple[str, list]:
        """The common table `changed` (id, stamp) of the deals stamped after `since` (every
        deal for None), at most `most` of them, and its parameters."""
        quote = connections[self.db].ops.quote_name
        updated = quote(self.model._meta.get_field("updated_at").column)
        # The stamp is a subquery's answer and the limit a number of the text, so the planner
        # estimates the same whatever the stamp: PostgreSQL then keeps one plan for each text.
        where = f"WHERE {updated} > (SELECT %s::timestamptz)" if since is not None else ""
        sql = (
            f"changed AS MATERIALIZED (SELECT {quote(self.model._meta.pk.column)} AS id, "
            f"{updated} AS stamp FROM {quote(self.model._meta.db_table)} {where} "
            f"ORDER BY {updated} LIMIT {int(most)})"
        )
        return sql, [since] if since is not None else []

    def changed_and_ranked(
        self, since, most: int, keys_query: tuple[str, tuple]
    ) -> tuple[dict[int, object], list[tuple]]:
        """The deals stamped after `since` (every deal for None), at most `most` of them, as
        {id: stamp}, and `ranked_keys()` of those among these ranked deals, in one statement,
        given the text and parameters of `ranked_keys()`'s query (`keys_query`), which is not
        compiled again."""
        changed_sql, changed_params = self._changed_since(since, most)
        sql, params = keys_query
        with connections[self.db].cursor() as cursor:
            # Each changed deal is looked up by its primary key, then matched and ranked.
            cursor.execute(
                f"WITH {changed_sql} "
                "SELECT changed.id, changed.stamp, found.status_id, found.rank, found.changed, "
                # Each changed deal is found once at most: the limit also keeps the planner
                # from joining every match, whatever it estimates of the changed deals.
                "found.key FROM changed LEFT JOIN LATERAL (SELECT * FROM "
                f"({sql}) AS f (id, status_id, rank, changed, key) WHERE f.id = changed.id "
                "LIMIT 1) AS found ON TRUE",
                [*changed_params, *params],
            )
            rows = cursor.fetchall()
        changed = {pk: stamp for pk, stamp, *_ in rows}
        return changed, [(pk, *keys) for pk, _, *keys in rows if keys[-1] is not None]

    def ranked_reading(self, best: int) -> tuple[dict[int, int], list[tuple]]:
        """Each of these ranked deals' stage, {id: status id}, and the keys of the `best` first
        ((rank, last change, id), best first), from one visit of the matches."""
        sql, params = self.ranked_keys().query.sql_with_params()
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"WITH found (id, status_id, rank, changed, key) AS MATERIALIZED ({sql}) "
                "SELECT id, status_id, NULL, NULL, NULL FROM found "
                "UNION ALL (SELECT NULL, NULL, rank, changed, key FROM found "
                "ORDER BY rank DESC, changed DESC, key DESC LIMIT %s)",
                [*params, best],
            )
            rows = cursor.fetchall()
        stages = {pk: status for pk, status, _, _, key in rows if key is None}
        return stages, [(rank, changed, key) for _, _, rank, changed, key in rows if key]

    def found_keys(self) -> models.QuerySet:
        """(id, stage) of each of these deals, unordered."""
        return self.values_list("pk", "status_id").order_by()

    def order_columns(self) -> list[tuple[str, bool]] | None:
        """The columns these deals are ordered by, each with whether it descends, when every
        one is a column of their own table; None otherwise."""
        columns = []
        for name in self.query.order_by or self.model._meta.ordering:
            if not isinstance(name, str) or "__" in name or name.lstrip("-") == "?":
                return None
            field = name.lstrip("-")
            field = self.model._meta.pk if field == "pk" else self.model._meta.get_field(field)
            columns.append((field.column, name.startswith("-")))
        return columns

    def found_reading(self, best: int) -> tuple[dict[int, int], list[int]]:
        """Each of these deals' stage, {id: status id}, and the ids of the `best` first in their
        order, from one visit of the matches (ordered by `order_columns()`)."""
        quote = connections[self.db].ops.quote_name
        by = ", ".join(
            f"{quote(c)} {'DESC' if down else 'ASC'}" for c, down in self.order_columns()
        )
        sql, params = self.found_keys().query.sql_with_params()
        table = quote(self.model._meta.db_table)
        pk = quote(self.model._meta.pk.column)
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"WITH found (id, status_id) AS MATERIALIZED ({sql}) "
                "SELECT id, status_id, NULL FROM found UNION ALL "
                f"SELECT NULL, NULL, id FROM (SELECT d.{pk} AS id FROM {table} d "
                f"WHERE d.{pk} IN (SELECT id FROM found) ORDER BY {by} LIMIT %s) AS first",
                [*params, best],
            )
            rows = cursor.fetchall()
        stages = {pk: status for pk, status, key in rows if key is None}
        return stages, [key for _, _, key in rows if key is not None]

    def changed_and_reordered(
        self, since, most: int, found_query: tuple[str, tuple], candidates: list[int]
    ) -> tuple[dict[int, object], dict[int, int | None], list[int]]:
        """The deals stamped after `since` (every deal for None), at most `most` of them, as
        {id: stamp}; those among these deals, {id: stage}; and, in these deals' order, the
        `candidates` that did not change with the changed ones among these deals (none when no
        changed deal is among these deals or the candidates): one statement,
        given the text and parameters of `found_keys()`'s query (`found_query`). The order is the
        database's own, read from `order_columns()`."""
        quote = connections[self.db].ops.quote_name
        pk = quote(self.model._meta.pk.column)
        table = quote(self.model._meta.db_table)
        by = ", ".join(
            f"d.{quote(c)} {'DESC' if down else 'ASC'}" for c, down in self.order_columns()
        )
        changed_sql, changed_params = self._changed_since(since, most)
        sql, params = found_query
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"WITH {changed_sql}, "
                "found AS MATERIALIZED (SELECT changed.id, changed.stamp, f.status_id, "
                "f.id AS match FROM changed LEFT JOIN LATERAL "
                f"(SELECT * FROM ({sql}) AS f (id, status_id) "
                "WHERE f.id = changed.id LIMIT 1) AS f ON TRUE) "
                "SELECT id, stamp, status_id, match, NULL FROM found UNION ALL "
                f"SELECT NULL, NULL, NULL, ROW_NUMBER() OVER (ORDER BY {by}), d.{pk} "
                f"FROM (SELECT UNNEST(%s::bigint[]) EXCEPT SELECT id FROM changed UNION "
                "SELECT match FROM found WHERE match IS NOT NULL) AS c (id) "
                f"JOIN {table} d ON d.{pk} = c.id "
                # Only when a changed deal matches or was a candidate: else the order stands.
                "WHERE EXISTS (SELECT 1 FROM found "
                "WHERE match IS NOT NULL OR id = ANY(%s::bigint[]))",
                [*changed_params, *params, *[_id_array(candidates)] * 2],
            )
            rows = cursor.fetchall()
        changed = {pk: stamp for pk, stamp, _, _, key in rows if key is None}
        found = {match: status for _, _, status, match, key in rows if key is None and match}
        ordered = sorted((at, key) for _, _, _, at, key in rows if key is not None)
        return changed, found, [key for _, key in ordered]

    def rows_in_order(self, ids: list[int]) -> list["Deal"]:
        """The deals of `ids`, which these deals' own filters gave, in that order, read by
        primary key alone as these deals are read (models with their related rows and fields,
        or named values); a deal deleted since is left out. Compiling the filters again, a
        search's above all, costs more than reading the rows."""
        if self._fields is not None:
            chosen = {row.pk: row for row in self._named_rows(list(dict.fromkeys(ids)))}
        else:
            by_id = self.model._default_manager.using(self.db).filter(pk__in=ids)
            by_id.query.select_related = self.query.select_related
            by_id.query.deferred_loading = self.query.deferred_loading
            chosen = by_id.in_bulk()
        return [chosen[pk] for pk in ids if pk in chosen]

    def _named_rows(self, ids: list[int]) -> list:
        """The deals of `ids` (each once) as these deals' named values, their primary key `pk`
        among them, read by a query whose text is built once for their fields and number:
        compiling it cost most of reading a page's rows."""
        if not ids:
            return []
        sql, converters, row = _rows_query(self.db, self.model, tuple(self._fields), len(ids))
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(sql, ids)
            rows = cursor.fetchall()
        if converters:  # As Django converts the values of these columns.
            rows = [list(values) for values in rows]
            for values in rows:
                for at, (convert, expression) in converters:
                    for converter in convert:
                        values[at] = converter(values[at], expression, connection)
        return [row(*values) for values in rows]

    def names_by_deal(
        self, ids: list[int]
    ) -> tuple[dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
        """The names of the parties and of the goods of the deals `ids`, each deal's in the
        database's order of names: ({deal id: party names}, {deal id: commodity names}), in one
        query whose text is built once for each number of deals, with no model built."""
        if not ids:
            return {}, {}
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(_names_query(connection.alias, len(ids)), [*ids, *ids])
            rows = cursor.fetchall()
        names: tuple[dict, dict] = ({}, {})
        for deal_id, is_goods, name in rows:
            names[is_goods].setdefault(deal_id, []).append(name)
        parties, goods = ({pk: tuple(group) for pk, group in kind.items()} for kind in names)
        return parties, goods

    def latest_per_stage(self, per_stage: int, status_ids) -> "DealQuerySet":
        """The `per_stage` most recently changed deals at each of the stages `status_ids`.

        Their ids come first, from one union of small queries, each reading the (status, last
        change) index; a window function over all deals would sort every one of them, and the
        same subqueries inside one filter let PostgreSQL scan every deal to test each.
        """
        latest = self.order_by("-last_changed_on", "-pk").values_list("pk", flat=True)
        per_status = [latest.filter(status_id=status_id)[:per_stage] for status_id in status_ids]
        chosen = self.model._default_manager.using(self.db)
        if not per_status:
            return chosen.none()
        if not connections[self.db].features.supports_slicing_ordering_in_compound:
            # SQLite takes no limit inside a union, and picks the few by key from the subqueries.
            return chosen.filter(
                functools.reduce(operator.or_, (models.Q(pk__in=q) for q in per_status))
            )
        # The ids carry this queryset's filters; repeating them would make the database walk
        # every chosen deal instead of picking the few by primary key.
        return chosen.filter(pk__in=list(per_status[0].union(*per_status[1:], all=True)))

    def search(self, text: str) -> "DealQuerySet":
        """Deals matching a reader's search, best match first.

        Words are stemmed ("tariffs" finds "tariff"), "quoted words" are a phrase and -word
        excludes. PostgreSQL reads the weighted search document through its GIN index and ranks
        by relevance; other databases match stems in `search_text` and rank a match in the
        title or party names above one in the summary, commodities, then sources.
        """
        if connections[self.db].vendor == "postgresql":
            query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
            return (
                self.filter(search_document=query)
                .alias(rank=SearchRank(models.F("search_document"), query))
                .order_by(*RANKED)
            )
        found = [term for term in searchtext.terms(text) if not term.excluded]
        if not found:
            return self.none()
        matching = self
        for term in searchtext.terms(text):
            lookup = models.Q(search_text__contains=term.needle)
            matching = matching.exclude(lookup) if term.excluded else matching.filter(lookup)
        place = StrIndex("search_text", models.Value(found[0].needle))
        return matching.alias(place=place).order_by("place", "-last_changed_on", "-id")

    def related_to(self, deal: "Deal", *, limit: int) -> list["Deal"]:
        """Published deals sharing most parties or commodities with `deal`, closest first."""
        shared: Counter[int] = Counter()
        party_ids = [link.party_id for link in deal.deal_parties.all()]
        commodity_ids = [commodity.pk for commodity in deal.commodities.all()]
        # Grouped in the database: a country such as China is in thousands of deals. The links
        # alone, read through their party or commodity index: joining each to its deal to keep
        # the published ones would walk every deal; the few candidates are checked below.
        for through, field, ids in (
            (DealParty, "party_id", party_ids),
            (Deal.commodities.through, "commodity_id", commodity_ids),
        ):
            rows = (
                through.objects.filter(**{f"{field}__in": ids})
                .exclude(deal_id=deal.pk)
                .values("deal_id")
                # COUNT(*): the links are then read from the (party or commodity, deal) index.
                .annotate(shared=models.Count("*"))
                .order_by("-shared", "-deal_id")[: limit * 4]
            )
            shared.update({row["deal_id"]: row["shared"] for row in rows})
        ranked = [pk for pk, _ in sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0]))]
        found = {related.pk: related for related in self.published().filter(pk__in=ranked)}
        closest = [pk for pk in ranked if pk in found][:limit]
        return [found[pk] for pk in closest]


def _id_array(ids: list[int]) -> str:
    """`ids` as PostgreSQL's text of an array, to be cast (`::bigint[]`): psycopg, given a list,
    checks and writes each element in Python, about 0.1 ms for the 200 ids a kept list holds."""
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


@functools.lru_cache(maxsize=64)
def _rows_query(alias: str, model, fields: tuple[str, ...], count: int) -> tuple:
    """The query of `DealQuerySet.rows_in_order` for `count` deals read as the named values
    `fields` (`pk` first), which takes their ids: its text, the converters of its columns
    ((position, (converters, expression)), as Django applies them) and the class of its rows."""
    query = model._default_manager.using(alias).filter(pk__in=range(count))
    compiler = query.values_list(*fields).query.get_compiler(alias)
    sql, params = compiler.as_sql()
    if list(params) != list(range(count)):  # The ids must be its only parameters, in order.
        raise ValueError(f"The rows' query of {fields} takes other parameters: {params}")
    converters = compiler.get_converters([column for column, _, _ in compiler.select])
    row = create_namedtuple_class(*fields)
    return sql, tuple(converters.items()), row


@functools.lru_cache(maxsize=64)
def _names_query(alias: str, count: int) -> str:
    """The query of `DealQuerySet.names_by_deal` for `count` deals, which takes their ids twice."""
    quote = connections[alias].ops.quote_name
    places = ", ".join(["%s"] * count)
    parts = []
    for kind, (through, target) in enumerate(
        ((DealParty, "party"), (Deal.commodities.through, "commodity"))
    ):
        named = through._meta.get_field(target).related_model._meta
        deal = quote(through._meta.get_field("deal").column)
        link = quote(through._meta.get_field(target).column)
        name = quote(named.get_field("name").column)
        parts.append(
            f"SELECT l.{deal}, {kind}, n.{name} FROM {quote(through._meta.db_table)} l "
            f"JOIN {quote(named.db_table)} n ON n.{quote(named.pk.column)} = l.{link} "
            f"WHERE l.{deal} IN ({places})"
        )
    # Identifiers only, all from the models' metadata; the ids are parameters.
    return " UNION ALL ".join(parts) + " ORDER BY 1, 2, 3"


class DealManager(models.Manager.from_queryset(DealQuerySet)):
    def get_queryset(self) -> DealQuerySet:
        # The search documents are read by the database only; loading one with every deal
        # would carry all of its quotes into each list.
        return super().get_queryset().defer("search_document", "search_text")


#: The text search configuration of PostgreSQL's search documents and queries.
SEARCH_CONFIG = "english"


class Deal(models.Model):
    """A trade agreement or trade measure followed through its stages."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    kind = models.CharField(max_length=10, choices=DealKind.choices)
    summary = models.TextField(blank=True)
    # PROTECT: a stage in use cannot be deleted. Empty until the first timeline entry.
    status = models.ForeignKey(
        Status,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deals",
        verbose_name="stage",
        editable=False,
    )
    first_reported_on = models.DateField(null=True, blank=True, editable=False)
    last_changed_on = models.DateField(
        null=True, blank=True, editable=False, help_text="When the current stage was reached."
    )
    parties = models.ManyToManyField(Party, through="DealParty", related_name="deals")
    commodities = models.ManyToManyField(Commodity, blank=True, related_name="deals")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What readers search, rewritten by `services.refresh_search_documents` whenever the title,
    # parties, summary, commodities or sources change. PostgreSQL fills the weighted document
    # (GIN-indexed, see migration 0010); other databases fill the stems of `searchtext`.
    search_document = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    objects = DealManager()

    class Meta:
        ordering = ["-last_changed_on", "-id"]
        indexes = [
            models.Index(fields=["kind", "status"], name="%(app_label)s_deal_kind_status_idx"),
            models.Index(fields=["-last_changed_on", "-id"], name="%(app_label)s_deal_changed_idx"),
            # The latest deals at each stage (home, party and commodity pages).
            models.Index(
                fields=["status", "-last_changed_on", "-id"],
                name="%(app_label)s_deal_stage_changed_idx",
            ),
            # The API's validators read the latest change of any deal at every request.
            models.Index(fields=["updated_at"], name="%(app_label)s_deal_updated_idx"),
            # The deal list sorted by title, of every stage or of the stages chosen: the first
            # page is read in order from the index rather than sorting every deal.
            models.Index(fields=["title", "id"], name="%(app_label)s_deal_title_idx"),
            models.Index(
                fields=["status", "title", "id"], name="%(app_label)s_deal_stage_title_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deals:deal-detail", kwargs={"slug": self.slug})


class DealParty(models.Model):
    """A party's place in a deal: its role and the name the first source gave it."""

    # CASCADE: the link belongs to the deal. PROTECT: a party in a deal cannot vanish.
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="deal_parties")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="deal_parties")
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    name_as_written = models.CharField(
        max_length=200, blank=True, help_text="How the source first named the party."
    )

    class Meta:
        ordering = ["deal", "party__name"]
        verbose_name = "party to a deal"
        verbose_name_plural = "parties to deals"
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "party"], name="%(app_label)s_%(class)s_unique_party_per_deal"
            ),
        ]
        indexes = [
            # A party's deals read from the index alone: the deals of a country, and the deals
            # sharing a deal's parties (related deals), without visiting each link's row.
            models.Index(fields=["party", "deal"], name="%(app_label)s_dealparty_party_deal_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_role_display() or 'party'}) in {self.deal}"


class Figure(models.Model):
    """A number a deal rests on (a 25% tariff, 16.1 million tonnes), with its source."""

    # CASCADE: figures belong to their deal. PROTECT: their source article must stay.
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="figures")
    text = models.CharField(max_length=120, help_text="As written: 16.1 million metric tons.")
    value = models.DecimalField(max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True, help_text="%, t, USD, bbl...")
    what = models.CharField(
        max_length=20, blank=True, choices=FIGURE_WHATS, help_text="What it measures."
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, null=True, blank=True, related_name="figures"
    )
    quote = models.TextField(blank=True, help_text="The sentence the figure comes from.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deal", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "article", "text"],
                name="%(app_label)s_%(class)s_unique_text_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.get_what_display()})" if self.what else self.text


class DatePrecision(models.TextChoices):
    """How much of a date the source gave."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class EntryKind(models.TextChoices):
    """Whether an entry reports news or corrects the record."""

    REPORT = "report", "Report"
    CORRECTION = "correction", "Correction"


class TimelineEntryQuerySet(models.QuerySet):
    def latest_first(self) -> "TimelineEntryQuerySet":
        return self.order_by("-happened_on", "-recorded_at", "-id")

    def stage_changes(self) -> "TimelineEntryQuerySet":
        """Entries that moved their deal to a new stage, latest recorded first."""
        return self.filter(changed_stage=True).order_by("-recorded_at", "-id")

    def latest_stage_changes(self) -> "TimelineEntryQuerySet":
        """Entries that moved their deal to a new stage, latest to happen first: a story about
        2022 recorded today comes after last week's news."""
        return self.filter(changed_stage=True).order_by("-happened_on", "-recorded_at", "-id")

    def with_related(self) -> "TimelineEntryQuerySet":
        """Load what a listing of entries shows: the deal, both stages and the source."""
        return self.select_related("deal", "status", "previous_status", "article")

    def unannounced(self) -> "TimelineEntryQuerySet":
        return self.filter(announced_at__isnull=True)


class TimelineEntry(models.Model):
    """A deal reaching a stage on a date, with the source and sentence that say so."""

    # CASCADE: the timeline is part of its deal. PROTECT: stages and sources must stay.
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="timeline")
    status = models.ForeignKey(
        Status, on_delete=models.PROTECT, related_name="entries", verbose_name="stage"
    )
    happened_on = models.DateField(help_text="When the deal reached the stage.")
    precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=10, choices=EntryKind.choices, default=EntryKind.REPORT)
    article = models.ForeignKey(
        Article,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="timeline_entries",
        verbose_name="source article",
    )
    quote = models.TextField(blank=True, help_text="The sentence of the source that says so.")
    note = models.TextField(blank=True, help_text="Editor's note; for a correction, its reason.")
    # SET_NULL: the record outlives the editor's account.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="timeline_entries",
    )
    # What recording this entry did to the deal, kept so pages and messages can say
    # "moved from X to Y" without replaying the timeline.
    previous_status = models.ForeignKey(
        Status,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    changed_stage = models.BooleanField(default=False, editable=False)
    # Set once followers and webhook subscribers have been told; a sweeper retries the rest.
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TimelineEntryQuerySet.as_manager()

    class Meta:
        ordering = ["happened_on", "recorded_at", "id"]
        verbose_name_plural = "timeline entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=EntryKind.CORRECTION) | models.Q(article__isnull=False),
                name="%(app_label)s_%(class)s_report_has_source",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=EntryKind.CORRECTION) | ~models.Q(note=""),
                name="%(app_label)s_%(class)s_correction_has_reason",
            ),
            # The same article cannot put the same deal at the same stage twice.
            models.UniqueConstraint(
                fields=["deal", "article", "status"],
                condition=models.Q(article__isnull=False),
                name="%(app_label)s_%(class)s_unique_stage_per_source",
            ),
        ]
        indexes = [
            models.Index(
                fields=["deal", "happened_on", "recorded_at"],
                name="%(app_label)s_entry_deal_date_idx",
            ),
            models.Index(fields=["recorded_at", "id"], name="%(app_label)s_entry_recorded_idx"),
            # The home page's latest stage changes, by when they happened.
            models.Index(
                fields=["-happened_on", "-recorded_at", "-id"],
                condition=models.Q(changed_stage=True),
                name="%(app_label)s_entry_happened_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deal}: {self.status} on {self.happened_on}"
