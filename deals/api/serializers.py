"""What the API shows of each model, field by field."""

from urllib.parse import urlsplit

from django.conf import settings
from rest_framework import serializers

from deals.models import (
    Article,
    Commodity,
    Deal,
    DealParty,
    DeliveryState,
    Figure,
    Party,
    Proposal,
    Status,
    TimelineEntry,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
    validate_publication_date,
)
from deals.services.changes import change_payload
from deals.services.webhooks import UnsafeTarget, check_target_url


class StageSerializer(serializers.ModelSerializer):
    """A stage of the vocabulary, with what it means."""

    url = serializers.HyperlinkedIdentityField(view_name="api:stage-detail", lookup_field="slug")

    class Meta:
        model = Status
        fields = ["url", "slug", "name", "track", "order", "is_final", "description"]


class StageBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Status
        fields = ["slug", "name"]


class AliasListField(serializers.ListField):
    """The names an alias relation holds, as a plain list of strings."""

    child = serializers.CharField()

    def to_representation(self, data):
        return [alias.name for alias in data.all()]


class PartySerializer(serializers.ModelSerializer):
    """A party to deals, with its home country and the other names it goes by."""

    url = serializers.HyperlinkedIdentityField(view_name="api:party-detail", lookup_field="slug")
    country = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    aliases = AliasListField(read_only=True)

    class Meta:
        model = Party
        fields = [
            "url",
            "slug",
            "name",
            "kind",
            "iso_code",
            "country",
            "parent",
            "aliases",
            "description",
        ]


class CommoditySerializer(serializers.ModelSerializer):
    """A traded good, its place in the tree and its HS codes."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:commodity-detail", lookup_field="slug"
    )
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    aliases = AliasListField(read_only=True)
    hs_codes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Commodity
        fields = ["url", "slug", "name", "parent", "hs_codes", "aliases", "description"]


class DealPartySerializer(serializers.ModelSerializer):
    """A party as it takes part in one deal."""

    slug = serializers.CharField(source="party.slug")
    name = serializers.CharField(source="party.name")
    kind = serializers.CharField(source="party.kind")

    class Meta:
        model = DealParty
        fields = ["slug", "name", "kind", "role"]


class CommodityBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commodity
        fields = ["slug", "name"]


class FigureSerializer(serializers.ModelSerializer):
    """A figure: ``what`` is the slug of what it measures, ``what_name`` its name for readers."""

    what_name = serializers.CharField(source="get_what_display", read_only=True)

    class Meta:
        model = Figure
        fields = ["text", "value", "unit", "what", "what_name", "quote"]


class DealSerializer(serializers.ModelSerializer):
    """A deal: its current stage, parties with roles, commodities and figures."""

    url = serializers.HyperlinkedIdentityField(view_name="api:deal-detail", lookup_field="slug")
    timeline_url = serializers.HyperlinkedIdentityField(
        view_name="api:deal-timeline", lookup_field="slug"
    )
    stage = StageBriefSerializer(source="status", read_only=True, allow_null=True)
    parties = DealPartySerializer(source="deal_parties", many=True, read_only=True)
    commodities = CommodityBriefSerializer(many=True, read_only=True)
    figures = FigureSerializer(many=True, read_only=True)

    class Meta:
        model = Deal
        fields = [
            "url",
            "slug",
            "title",
            "kind",
            "summary",
            "stage",
            "first_reported_on",
            "last_changed_on",
            "parties",
            "commodities",
            "figures",
            "timeline_url",
            "updated_at",
        ]


class SourceSerializer(serializers.ModelSerializer):
    """The article a timeline entry rests on."""

    source_url = serializers.CharField(source="url")

    class Meta:
        model = Article
        fields = ["title", "source_url", "outlet", "published_on"]


class TimelineEntrySerializer(serializers.ModelSerializer):
    """A deal reaching a stage on a date, with its source and the sentence that says so."""

    stage = StageBriefSerializer(source="status", read_only=True)
    previous_stage = StageBriefSerializer(source="previous_status", read_only=True, allow_null=True)
    source = SourceSerializer(source="article", read_only=True, allow_null=True)

    class Meta:
        model = TimelineEntry
        fields = [
            "id",
            "happened_on",
            "precision",
            "stage",
            "previous_stage",
            "changed_stage",
            "kind",
            "source",
            "quote",
            "note",
            "recorded_at",
        ]


class DealBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:deal-detail", lookup_field="slug")

    class Meta:
        model = Deal
        fields = ["url", "slug", "title", "kind"]


class ChangeSerializer(TimelineEntrySerializer):
    """A timeline entry in the changes feed, with its deal: the shape webhooks deliver too.

    The fields describe the feed in the schema; the item itself comes from `change_payload`,
    the one definition of a change, which webhook bodies also render.
    """

    deal = DealBriefSerializer(read_only=True)

    class Meta(TimelineEntrySerializer.Meta):
        fields = ["id", "deal", *TimelineEntrySerializer.Meta.fields[1:]]

    def to_representation(self, instance: TimelineEntry) -> dict:
        return change_payload(instance, absolute=self.context["request"].build_absolute_uri)


class ArticleProposalSerializer(serializers.ModelSerializer):
    """A deal the parser read in an article, and where editors' review of it stands."""

    deal = DealBriefSerializer(read_only=True, allow_null=True)
    stage = StageBriefSerializer(source="status", read_only=True, allow_null=True)
    review_state = serializers.ChoiceField(
        source="state",
        choices=list(Proposal._meta.get_field("state").choices),
        read_only=True,
        help_text="`pending` waits for an editor; `accepted` made `timeline_entry`.",
    )
    timeline_entry = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "kind",
            "title",
            "summary",
            "deal",
            "stage",
            "happened_on",
            "quote",
            "confidence",
            "review_state",
            "auto_accepted",
            "reviewed_at",
            "timeline_entry",
        ]


class ArticleSerializer(serializers.ModelSerializer):
    """A submitted article: where its processing stands and what it produced."""

    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail")
    source_url = serializers.CharField(source="url", read_only=True)
    submitted_at = serializers.DateTimeField(source="created_at", read_only=True)
    timeline_entries = ChangeSerializer(many=True, read_only=True)
    proposals = ArticleProposalSerializer(
        source="reviewed_proposals",
        many=True,
        read_only=True,
        help_text="Each deal the parser read in the article, pending or reviewed by editors.",
    )

    class Meta:
        model = Article
        fields = [
            "url",
            "id",
            "title",
            "source_url",
            "outlet",
            "published_on",
            "state",
            "failure_reason",
            "state_changed_at",
            "submitted_at",
            "proposals",
            "timeline_entries",
        ]


class ArticleSubmissionSerializer(serializers.Serializer):
    """An article to ingest: its title and text, or only the URL of its page to fetch."""

    title = serializers.CharField(
        max_length=500,
        required=False,
        help_text="Needed with the text; leave out with a URL alone.",
    )
    body = serializers.CharField(
        trim_whitespace=False,
        required=False,
        help_text=(
            "The article's text; its identity as a submission. Leave it out (and the title and "
            "date) to have the tracker fetch the page at `url`."
        ),
    )
    url = serializers.URLField(max_length=2000, required=False, default="")
    outlet = serializers.CharField(max_length=200, required=False, default="")
    published_on = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[validate_publication_date]
    )

    def validate_body(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("The article's text is empty.")
        if len(value.encode("utf-8")) > settings.TRACKER_MAX_ARTICLE_BYTES:
            raise serializers.ValidationError(
                f"The text is longer than {settings.TRACKER_MAX_ARTICLE_BYTES} bytes."
            )
        return value

    def validate_url(self, value: str) -> str:
        if value and urlsplit(value).scheme not in ("http", "https"):
            raise serializers.ValidationError("Give an http or https URL.")
        return value

    def validate(self, attrs: dict) -> dict:
        if "title" in attrs or "body" in attrs:
            missing = {"title", "body"} - attrs.keys()
            if missing:
                raise serializers.ValidationError(
                    dict.fromkeys(missing, "Send the title and the text together.")
                )
            return attrs
        if not attrs["url"]:
            raise serializers.ValidationError(
                {"url": "Send the article's title and text, or the URL of its page."}
            )
        if attrs["published_on"] is not None:
            raise serializers.ValidationError(
                {"published_on": "A fetched page's date is read from the page."}
            )
        return attrs

    @property
    def is_url_only(self) -> bool:
        """Whether the page is to be fetched: no title or text came with its URL."""
        return "body" not in self.validated_data


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    """A webhook subscription as its owner sees it, secret included."""

    url = serializers.HyperlinkedIdentityField(view_name="api:webhook-detail")
    deliveries_url = serializers.HyperlinkedIdentityField(view_name="api:webhook-deliveries")
    deals = serializers.SlugRelatedField(
        slug_field="slug", many=True, required=False, queryset=Deal.objects.all()
    )
    parties = serializers.SlugRelatedField(
        slug_field="slug", many=True, required=False, queryset=Party.objects.all()
    )
    commodities = serializers.SlugRelatedField(
        slug_field="slug", many=True, required=False, queryset=Commodity.objects.all()
    )
    stages = serializers.SlugRelatedField(
        slug_field="slug", many=True, required=False, queryset=Status.objects.all()
    )

    class Meta:
        model = WebhookSubscription
        fields = [
            "url",
            "id",
            "target_url",
            "description",
            "secret",
            "deals",
            "parties",
            "commodities",
            "stages",
            "is_active",
            "disabled_reason",
            "failing_since",
            "created_at",
            "deliveries_url",
        ]
        read_only_fields = ["secret", "disabled_reason", "failing_since", "created_at"]

    def validate_target_url(self, value: str) -> str:
        try:
            check_target_url(value)
        except UnsafeTarget as refusal:
            raise serializers.ValidationError(str(refusal)) from None
        return value


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["attempted_at", "status_code", "error", "duration_ms", "succeeded"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    """One change sent to a subscription, with every attempt made."""

    webhook_id = serializers.CharField(read_only=True)
    entry = serializers.IntegerField(source="entry_id", read_only=True)
    state = serializers.ChoiceField(
        choices=DeliveryState.choices, source="webhook_state", read_only=True
    )
    attempt_log = WebhookAttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "webhook_id",
            "entry",
            "state",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "last_error",
            "delivered_at",
            "created_at",
            "attempt_log",
        ]
