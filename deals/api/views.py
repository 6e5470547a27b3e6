"""The API's views: declarative read-only viewsets, article submission and webhooks."""

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse

from deals import services
from deals.filters import (
    CommodityFilterSet,
    DealFilterSet,
    PartyFilterSet,
    TimelineEntryFilterSet,
)
from deals.models import (
    Article,
    Commodity,
    CommodityAlias,
    Deal,
    DealParty,
    Figure,
    Party,
    PartyAlias,
    Proposal,
    ReviewState,
    Status,
    TimelineEntry,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from deals.versions import Table, row_validators, table_validators

from .conditional import ConditionalMixin
from .pagination import ChangesCursorPagination
from .permissions import WritesNeedToken
from .renderers import CSVRenderer
from .serializers import (
    ArticleSerializer,
    ArticleSubmissionSerializer,
    ChangeSerializer,
    CommoditySerializer,
    DealSerializer,
    PartySerializer,
    StageSerializer,
    TimelineEntrySerializer,
    WebhookDeliverySerializer,
    WebhookSubscriptionSerializer,
)

SLUG = r"[-a-zA-Z0-9_]+"
# Ids beyond 64-bit integers cannot exist; refusing them in the URL keeps them from the database.
ID = r"[0-9]{1,18}"


def _entries():
    # Each entry's deal, stages and source article joined in: one query, not four per entry.
    return TimelineEntry.objects.select_related("deal", "status", "previous_status", "article")


class PublicReadViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """A public, conditional, read-only collection made of `validator_tables`."""

    validator_tables: list[Table] = []

    def get_validators(self):
        return table_validators(self.validator_tables, variant=self.variant())


@extend_schema_view(
    list=extend_schema(summary="Stages, the vocabulary with explanations"),
    retrieve=extend_schema(summary="A stage"),
)
class StageViewSet(PublicReadViewSet):
    """The stages deals move through, with what each means."""

    queryset = Status.objects.all()
    serializer_class = StageSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG
    pagination_class = None  # The vocabulary is a few rows, read whole.
    validator_tables = [Table(Status)]


@extend_schema_view(
    list=extend_schema(summary="Parties"), retrieve=extend_schema(summary="A party")
)
class PartyViewSet(PublicReadViewSet):
    """Countries, blocs, companies and other parties to deals."""

    # country, parent: one join instead of two queries per party for their slugs.
    # aliases: one query for all parties' other names instead of one per party.
    queryset = Party.objects.select_related("country", "parent").prefetch_related("aliases")
    serializer_class = PartySerializer
    filterset_class = PartyFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG
    validator_tables = [Table(Party, "created_at"), Table(PartyAlias)]


@extend_schema_view(
    list=extend_schema(summary="Commodities"), retrieve=extend_schema(summary="A commodity")
)
class CommodityViewSet(PublicReadViewSet):
    """Traded goods, in their tree."""

    # parent: one join instead of a query per commodity; aliases: one query for all of them.
    queryset = Commodity.objects.select_related("parent").prefetch_related("aliases")
    serializer_class = CommoditySerializer
    filterset_class = CommodityFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG
    validator_tables = [Table(Commodity), Table(CommodityAlias)]


@extend_schema_view(
    list=extend_schema(summary="Deals, filtered like the reader pages (JSON or CSV)"),
    retrieve=extend_schema(summary="A deal"),
)
class DealViewSet(PublicReadViewSet):
    """Trade agreements and measures: their stage, parties, commodities and figures."""

    serializer_class = DealSerializer
    filterset_class = DealFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG
    renderer_classes = [JSONRenderer, CSVRenderer]
    validator_tables = [
        Table(Deal, "updated_at", count=False),
        Table(DealParty, count=False),
        Table(Deal.commodities.through, count=False),
        Table(Figure, count=False),
        Table(TimelineEntry, "recorded_at", count=False),
    ]

    def get_queryset(self):
        return (
            Deal.objects
            # status: the current stage joined in, not one query per deal.
            .select_related("status").prefetch_related(
                # parties with roles: one query for all deals' parties and their names.
                Prefetch("deal_parties", DealParty.objects.select_related("party")),
                # commodities and figures: one query each for the whole page.
                "commodities",
                "figures",
            )
        )

    @extend_schema(
        summary="A deal's timeline, each entry with its source and quote",
        responses={200: TimelineEntrySerializer(many=True)},
    )
    @action(
        detail=True,
        filter_backends=[],
        renderer_classes=[JSONRenderer],
        serializer_class=TimelineEntrySerializer,
    )
    def timeline(self, request, slug=None):
        deal = get_object_or_404(Deal.objects.only("pk"), slug=slug)
        entries = _entries().filter(deal=deal).order_by("happened_on", "recorded_at", "id")
        page = self.paginate_queryset(entries)
        serializer = TimelineEntrySerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)


@extend_schema_view(
    list=extend_schema(
        summary="Every change, oldest first, with a cursor (JSON or CSV)",
        description=(
            "Every timeline entry across all deals, in the order the tracker recorded them. "
            "Store `cursor` (or follow `next`) and ask again after `X-Poll-Interval` seconds: "
            "no change is missed or repeated, also when an entry about an older event is "
            "recorded later. Send `If-None-Match` with the last ETag to get a cheap 304."
        ),
    )
)
class ChangeViewSet(ConditionalMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The changes feed for polling clients."""

    queryset = _entries()
    serializer_class = ChangeSerializer
    filterset_class = TimelineEntryFilterSet
    pagination_class = ChangesCursorPagination
    renderer_classes = [JSONRenderer, CSVRenderer]
    validator_tables = [
        Table(TimelineEntry, "recorded_at", count=False),
        Table(Deal, "updated_at", count=False),
    ]

    def get_validators(self):
        return table_validators(self.validator_tables, variant=self.variant())

    def extra_headers(self):
        return {"X-Poll-Interval": str(settings.TRACKER_API_POLL_INTERVAL)}


@extend_schema_view(
    retrieve=extend_schema(summary="A submitted article: its state and what it produced"),
    create=extend_schema(
        summary="Submit an article to ingest (token needed)",
        description=(
            "Send the article's title and text (and its URL, outlet and date when known), or "
            "only the `url` of its page (and its outlet): the tracker then fetches the page in "
            "its workers, never during the request, and the article waits in state `fetching` "
            "until its title, text and date are read from the page. A new article is answered "
            "`202 Accepted` with its `Location`, to follow its state; the parser picks it up "
            "from there. The same text (or URL) again is answered `200` with the article "
            "already kept, at its `Location`."
        ),
        request=ArticleSubmissionSerializer,
        responses={
            202: OpenApiResponse(ArticleSerializer, description="Accepted for processing."),
            200: OpenApiResponse(ArticleSerializer, description="Already submitted."),
        },
    ),
)
class ArticleViewSet(
    ConditionalMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Articles submitted for ingestion."""

    # timeline_entries: what the article produced, with their deals and stages, in one query;
    # proposals: what the parser read and its review, with their deals and stages, in another.
    queryset = Article.objects.prefetch_related(
        Prefetch("timeline_entries", _entries()),
        Prefetch(
            "proposals",
            Proposal.objects.exclude(state=ReviewState.SUPERSEDED)
            .select_related("deal", "status")
            .order_by("position", "pk"),
            to_attr="reviewed_proposals",
        ),
    )
    serializer_class = ArticleSerializer
    lookup_value_regex = ID

    def get_validators(self):
        # Each proposal's review changes the answer; a subquery, so the entries' join does not
        # multiply the proposals.
        reviews = (
            Proposal.objects.filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(
                marks=Count("pk"),
                last=Max("reviewed_at"),
                pending=Count("pk", filter=Q(state=ReviewState.PENDING)),
            )
        )
        values = (
            Article.objects.filter(pk=self.kwargs["pk"])
            .annotate(
                entries=Count("timeline_entries"),
                last=Max("timeline_entries__recorded_at"),
                proposal_count=Subquery(reviews.values("marks")),
                pending=Subquery(reviews.values("pending")),
                reviewed=Subquery(reviews.values("last")),
            )
            .values_list(
                "state",
                "state_changed_at",
                "failure_reason",
                "entries",
                "last",
                "proposal_count",
                "pending",
                "reviewed",
            )
            .first()
        )
        timestamps = [values[1], values[4], values[7]] if values else []
        return row_validators(values, timestamps=timestamps, variant=self.variant())

    def create(self, request, *args, **kwargs):
        submission = ArticleSubmissionSerializer(data=request.data)
        submission.is_valid(raise_exception=True)
        data = submission.validated_data
        if submission.is_url_only:
            outcome = services.submit_url(
                url=data["url"], outlet=data["outlet"], submitted_by=request.user
            )
        else:
            outcome = services.submit_article(**data, submitted_by=request.user)
        article = self.get_queryset().get(pk=outcome.article.pk)
        location = reverse("api:article-detail", args=[article.pk], request=request)
        return Response(
            self.get_serializer(article).data,
            status=status.HTTP_202_ACCEPTED if outcome.created else status.HTTP_200_OK,
            headers={"Location": location},
        )


@extend_schema_view(
    list=extend_schema(summary="Your webhook subscriptions"),
    retrieve=extend_schema(summary="One of your webhook subscriptions"),
    create=extend_schema(summary="Register a webhook (its secret is generated)"),
    update=extend_schema(summary="Change a webhook"),
    partial_update=extend_schema(summary="Change part of a webhook (e.g. switch it back on)"),
    destroy=extend_schema(summary="Remove a webhook"),
)
class WebhookViewSet(ConditionalMixin, viewsets.ModelViewSet):
    """A token owner's webhook subscriptions and the log of what was delivered to them."""

    serializer_class = WebhookSubscriptionSerializer
    permission_classes = [IsAuthenticated, WritesNeedToken]
    lookup_value_regex = ID
    public_responses = False

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is drawn without a user
            return WebhookSubscription.objects.none()
        # The four filters: one query each for all subscriptions, not four per subscription.
        return WebhookSubscription.objects.filter(owner=self.request.user).prefetch_related(
            "deals", "parties", "commodities", "stages"
        )

    def get_validators(self):
        if self.action == "deliveries":
            values = WebhookDelivery.objects.filter(
                subscription__owner=self.request.user, subscription=self.kwargs["pk"]
            ).aggregate(count=Count("pk"), changed=Max("updated_at"))
            attempts = WebhookAttempt.objects.filter(
                delivery__subscription=self.kwargs["pk"]
            ).aggregate(last=Max("pk"))
            marks = (values["count"], values["changed"], attempts["last"])
            return row_validators(marks, timestamps=[values["changed"]], variant=self.variant())
        values = self.get_queryset().aggregate(
            count=Count("pk"), last=Max("pk"), changed=Max("updated_at")
        )
        marks = (values["count"], values["last"], values["changed"])
        return row_validators(marks, timestamps=[values["changed"]], variant=self.variant())

    def perform_create(self, serializer):
        serializer.instance = services.create_subscription(
            owner=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_subscription(
            subscription=serializer.instance, **serializer.validated_data
        )

    @extend_schema(
        summary="Deliveries to a webhook, each with every attempt made",
        responses={200: WebhookDeliverySerializer(many=True)},
    )
    @action(detail=True, filter_backends=[], serializer_class=WebhookDeliverySerializer)
    def deliveries(self, request, pk=None):
        subscription = get_object_or_404(self.get_queryset().only("pk"), pk=pk)
        # attempt_log: one query for the attempts of the whole page, not one per delivery.
        deliveries = subscription.deliveries.prefetch_related("attempt_log")
        page = self.paginate_queryset(deliveries)
        serializer = WebhookDeliverySerializer(page, many=True)
        return self.get_paginated_response(serializer.data)
