"""Numbers for the reader pages' charts: counted by the database, laid out here, drawn as SVG
by the templates (`templates/deals/includes/stage_bars.html`, `stage_breakdown.html`)."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, QuerySet, When
from django.db.models.functions import Coalesce

from deals.models import Commodity, Party, PartyKind, Status, Track

#: Width of the chart's drawing area in SVG user units; the SVG scales to its container.
CHART_WIDTH = 640
LABEL_WIDTH = 170
COUNT_WIDTH = 50
ROW_HEIGHT = 30
BAR_HEIGHT = 20


def stages_in_reading_order(statuses) -> list[Status]:
    """Stages as readers meet them: the agreement track, the measure track, then off-track."""
    track_order = {Track.AGREEMENT: 0, Track.MEASURE: 1, Track.BOTH: 2}
    return sorted(statuses, key=lambda status: (track_order[status.track], status.order))


def stages_by_track(statuses) -> list[tuple[str, list[Status]]]:
    """The stages under their track's heading, in reading order."""
    ordered = stages_in_reading_order(statuses)
    return [
        (heading, [status for status in ordered if status.track == track])
        for heading, track in (
            ("Agreements", Track.AGREEMENT),
            ("Measures", Track.MEASURE),
            ("Either kind", Track.BOTH),
        )
    ]


@dataclass(frozen=True)
class Segment:
    """One stage's share of a bar."""

    status: Status
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class Bar:
    """One row of a chart: a label, its total and the stages that make it up."""

    label: str
    url: str
    total: int
    y: float
    segments: list[Segment] = field(default_factory=list)

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT * 0.7

    @property
    def count_x(self) -> float:
        """Where the total is written: just after the end of the bar."""
        return LABEL_WIDTH + sum(segment.width for segment in self.segments) + 6


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart laid out in SVG user units, with the stages it shows."""

    title: str
    bars: list[Bar]
    stages: list[Status]
    width: int = CHART_WIDTH

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT + 4

    @property
    def label_x(self) -> int:
        """Where row labels end: they are right-aligned against the bars."""
        return LABEL_WIDTH - 8


def _lay_out(title: str, rows: list[tuple[str, str, dict[int, int]]], statuses) -> Chart:
    """Turn (label, url, {status id: count}) rows into bars scaled to the largest total."""
    by_pk = {status.pk: status for status in statuses}
    ordered = stages_in_reading_order(statuses)
    largest = max((sum(counts.values()) for _, _, counts in rows), default=0)
    scale = (CHART_WIDTH - LABEL_WIDTH - COUNT_WIDTH) / largest if largest else 0
    bars, shown = [], set()
    for index, (label, url, counts) in enumerate(rows):
        x, segments = float(LABEL_WIDTH), []
        for status in ordered:
            count = counts.get(status.pk, 0)
            if count:
                segments.append(
                    Segment(status=by_pk[status.pk], count=count, x=x, width=count * scale)
                )
                x += count * scale
                shown.add(status.pk)
        bars.append(
            Bar(
                label=label,
                url=url,
                total=sum(counts.values()),
                y=index * ROW_HEIGHT + 2,
                segments=segments,
            )
        )
    return Chart(title=title, bars=bars, stages=[s for s in ordered if s.pk in shown])


def deals_by_stage(deals: QuerySet, statuses, *, title: str) -> Chart:
    """One bar per stage: how many of `deals` stand at it (one GROUP BY query)."""
    counts = deals.stage_counts()
    rows = [
        (status.name, "", {status.pk: counts[status.pk]})
        for status in stages_in_reading_order(statuses)
        if counts.get(status.pk)
    ]
    return _lay_out(title, rows, statuses)


def stage_breakdown(deals: QuerySet, statuses, *, by: str, rows: int = 8) -> Chart:
    """The `rows` commodities or countries with most `deals`, each bar split by stage.

    A deal about two commodities counts once under each; a deal's country is that of each of
    its parties (a company counts for its home country).
    """
    # Counted from the deals' side: the database reads the chosen deals from their index and
    # each one's links from the link table's own index, in one grouped query.
    if by == "country":
        group = Coalesce(
            "parties__country_id",
            Case(
                When(parties__kind=PartyKind.COUNTRY, then=F("parties__id")),
                output_field=IntegerField(),
            ),
        )
        # A deal with two parties from one country counts once for it.
        count = Count("pk", distinct=True)
        model, title = Party, "Deals at each stage, by country"
    else:
        group, count = F("commodities"), Count("pk")
        model, title = Commodity, "Deals at each stage, by commodity"
    counted = (
        deals.order_by()
        .values(group=group, stage=F("status_id"))
        .annotate(count=count)
        .exclude(group__isnull=True)
    )
    grouped: dict[int, dict[int, int]] = {}
    for row in counted:
        grouped.setdefault(row["group"], {})[row["stage"]] = row["count"]
    top = sorted(grouped, key=lambda pk: (-sum(grouped[pk].values()), pk))[:rows]
    names = {obj.pk: obj for obj in model.objects.filter(pk__in=top).only("name", "slug")}
    chart_rows = [
        (names[pk].name, names[pk].get_absolute_url(), grouped[pk]) for pk in top if pk in names
    ]
    return _lay_out(title, chart_rows, statuses)
