"""Numbers for the reader pages' charts: counted by the database, laid out here, drawn as SVG
by the templates (`templates/deals/includes/chart.html`, `figure_chart.html`)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, QuerySet, When
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from deals.models import Commodity, Figure, Party, PartyKind, Status, Track

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


def deals_by_stage(statuses, *, title: str, counts: dict[int, int]) -> Chart:
    """One bar per stage: how many deals stand at it (`counts`, a `stage_counts()`)."""
    rows = [
        (status.name, "", {status.pk: counts[status.pk]})
        for status in stages_in_reading_order(statuses)
        if counts.get(status.pk)
    ]
    return _lay_out(title, rows, statuses)


def breakdown_counts(deals: QuerySet, *, by: str) -> dict[int, dict[int, int]]:
    """How many of `deals` stand at each stage, for each commodity or country (`by`):
    {commodity or country id: {status id: n}}, in one grouped query.

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
    else:
        group, count = F("commodities"), Count("pk")
    counted = (
        deals.order_by()
        .values(group=group, stage=F("status_id"))
        .annotate(count=count)
        .exclude(group__isnull=True)
    )
    grouped: dict[int, dict[int, int]] = {}
    for row in counted:
        grouped.setdefault(row["group"], {})[row["stage"]] = row["count"]
    return grouped


def stage_breakdown(deals: QuerySet, statuses, *, by: str, rows: int = 8) -> Chart:
    """The `rows` commodities or countries with most `deals`, each bar split by stage (counted
    by `breakdown_counts`)."""
    grouped = breakdown_counts(deals, by=by)
    if by == "country":
        model, title = Party, "Deals at each stage, by country"
    else:
        model, title = Commodity, "Deals at each stage, by commodity"
    top = sorted(grouped, key=lambda pk: (-sum(grouped[pk].values()), pk))[:rows]
    names = {obj.pk: obj for obj in model.objects.filter(pk__in=top).only("name", "slug")}
    chart_rows = [
        (names[pk].name, names[pk].get_absolute_url(), grouped[pk]) for pk in top if pk in names
    ]
    return _lay_out(title, chart_rows, statuses)


# --- Figures over time ------------------------------------------------------------------------

STEP_LEFT = 64
STEP_RIGHT = 24
STEP_TOP = 26
STEP_PLOT_HEIGHT = 110
STEP_BOTTOM = 30
#: Closest two date labels may stand on the axis, in SVG units; the table lists every date.
STEP_LABEL_GAP = 84


@dataclass(frozen=True)
class Step:
    """A figure's value from the day its source reported it until the next one."""

    on: datetime.date
    value: Decimal
    text: str
    figure: Figure
    x: float = 0
    y: float = 0
    label_date: bool = True


@dataclass(frozen=True)
class StepChart:
    """One kind of figure of a deal (its tariff rate, say) drawn as steps over time."""

    title: str
    unit: str
    steps: list[Step]
    path: str
    end_x: float
    ticks: list[tuple[float, str]]
    width: int = CHART_WIDTH

    @property
    def height(self) -> int:
        return STEP_TOP + STEP_PLOT_HEIGHT + STEP_BOTTOM

    @property
    def axis_y(self) -> int:
        return STEP_TOP + STEP_PLOT_HEIGHT

    @property
    def date_y(self) -> int:
        return self.axis_y + 18

    @property
    def left(self) -> int:
        return STEP_LEFT

    @property
    def key(self) -> str:
        """An id for the page: the chart's title as a slug."""
        return slugify(f"{self.title} {self.unit}")


def _figure_date(figure: Figure) -> datetime.date:
    article = figure.article
    if article is not None and article.published_on is not None:
        return article.published_on
    moment = article.created_at if article is not None else figure.created_at
    return moment.date()


def _number(value: Decimal, unit: str) -> str:
    shown = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}"
    return f"{shown}%" if unit == "%" else f"{shown} {unit}".strip()


def _series_steps(figures: list[Figure]) -> list[Step]:
    """One step per date: where a story gives the old and the new value, the one that moved."""
    by_date: dict[datetime.date, list[Figure]] = {}
    for figure in sorted(figures, key=lambda f: (_figure_date(f), f.created_at, f.pk)):
        by_date.setdefault(_figure_date(figure), []).append(figure)
    steps: list[Step] = []
    for on, found in sorted(by_date.items()):
        previous = steps[-1].value if steps else None
        moved = [figure for figure in found if figure.value != previous]
        chosen = (moved or found)[0]
        if steps and chosen.value == previous:
            continue
        steps.append(Step(on=on, value=chosen.value, text=chosen.text, figure=chosen))
    return steps


# "Other" gathers unlike things, and a previous rate is the history of the tariff rate itself:
# a line through either would tell nothing.
_NOT_CHARTED = frozenset({"other", "previous_rate", "date"})


def figures_over_time(figures, *, until: datetime.date) -> list[StepChart]:
    """A step chart for each kind of a deal's figures (same label and unit) whose value changed
    from one date to another: a tariff of 25%, then 50%, then 18%."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        if figure.value is not None and figure.what and figure.what not in _NOT_CHARTED:
            groups.setdefault((figure.what, figure.unit), []).append(figure)
    charts = []
    for (_, unit), group in groups.items():
        steps = _series_steps(group)
        if len(steps) < 2:
            continue
        first, last = steps[0].on, max(steps[-1].on, until)
        span = max((last - first).days, 1)
        plot_width = CHART_WIDTH - STEP_LEFT - STEP_RIGHT
        # The last value holds to the right edge: a tenth of the span past the last news.
        day_width = plot_width / (span * 1.1)
        top = max(step.value for step in steps) * Decimal("1.15") or Decimal(1)
        placed, last_label = [], -STEP_LABEL_GAP
        for step in steps:
            x = STEP_LEFT + (step.on - first).days * day_width
            y = STEP_TOP + STEP_PLOT_HEIGHT * (1 - float(step.value / top))
            label = x - last_label >= STEP_LABEL_GAP
            last_label = x if label else last_label
            placed.append(
                Step(step.on, step.value, step.text, step.figure, round(x, 1), round(y, 1), label)
            )
        end_x = round(CHART_WIDTH - STEP_RIGHT, 1)
        path = f"M{placed[0].x},{placed[0].y}"
        for step in placed[1:]:
            path += f" H{step.x} V{step.y}"
        path += f" H{end_x}"
        highest = max(step.value for step in steps)
        ticks = [
            (round(STEP_TOP + STEP_PLOT_HEIGHT * (1 - float(value / top)), 1), _number(value, unit))
            for value in (Decimal(0), highest)
        ]
        what = group[0].get_what_display()
        charts.append(
            StepChart(
                title=f"{what[:1].upper()}{what[1:]} over time",
                unit=unit,
                steps=placed,
                path=path,
                end_x=end_x,
                ticks=ticks,
            )
        )
    return charts
