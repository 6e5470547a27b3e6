"""Following: readers follow deals, parties and commodities, and are emailed when deals move."""

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from deals.models import (
    Commodity,
    Deal,
    Delivery,
    Follow,
    FollowTarget,
    Notification,
    NotificationState,
    Party,
    ReaderPreference,
    TimelineEntry,
)

from .audience import commodities_concerned, parties_concerned

logger = logging.getLogger(__name__)


class TransientEmailError(Exception):
    """The mail server could not take the message now; sending again later may work."""


_UNSUBSCRIBE_SALT = "deals.following.unsubscribe"

#: SMTP replies in the 4xx range mean "try again later"; 5xx ones will not change on retry.
_TRANSIENT_SMTP_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
)


Target = Deal | Party | Commodity


def _target_field(target: Target) -> str:
    if isinstance(target, Deal):
        return "deal"
    return "party" if isinstance(target, Party) else "commodity"


def follow(*, user, target: Target) -> Follow:
    """Make `user` follow a deal, a party or a commodity; following twice keeps one follow."""
    field = _target_field(target)
    existing = Follow.objects.filter(user=user, **{field: target}).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Follow.objects.create(user=user, **{field: target})
    except IntegrityError:
        # The same reader pressed Follow twice at once: the other request kept it.
        return Follow.objects.get(user=user, **{field: target})


def unfollow(*, user, target: Target) -> bool:
    """Stop `user` following `target`; say whether they were following it."""
    deleted, _ = Follow.objects.filter(user=user, **{_target_field(target): target}).delete()
    return bool(deleted)


def set_delivery(*, user, delivery: str) -> ReaderPreference:
    """Choose immediate emails or a daily digest for everything `user` follows."""
    preference, _ = ReaderPreference.objects.update_or_create(
        user=user, defaults={"delivery": Delivery(delivery)}
    )
    return preference


def delivery_of(user) -> str:
    """The reader's chosen delivery; immediate until they choose."""
    chosen = ReaderPreference.objects.filter(user=user).values_list("delivery", flat=True).first()
    return chosen or Delivery.IMMEDIATE


# --- Unsubscribing from an email's link ---------------------------------------------------------


@dataclass(frozen=True)
class UnsubscribeRequest:
    """What a signed unsubscribe link asks: this reader stops following this target."""

    user_pk: int
    kind: str
    target_pk: int


def unsubscribe_token(follow: Follow) -> str:
    """A signed token that lets the follow's reader stop it with one click, without signing in."""
    return signing.dumps(
        {"u": follow.user_id, "k": follow.target_kind, "t": follow.target.pk},
        salt=_UNSUBSCRIBE_SALT,
        compress=True,
    )


def read_unsubscribe_token(token: str) -> UnsubscribeRequest:
    """Check a token's signature; raise `signing.BadSignature` when it was not made by us."""
    data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    try:
        return UnsubscribeRequest(
            user_pk=int(data["u"]), kind=FollowTarget(data["k"]), target_pk=int(data["t"])
        )
    except (KeyError, TypeError, ValueError):
        raise signing.BadSignature("Malformed unsubscribe token") from None


def unsubscribe_target(token: str) -> Target | None:
    """What a signed unsubscribe link would stop following; None when it no longer exists."""
    request = read_unsubscribe_token(token)
    model = {"deal": Deal, "party": Party, "commodity": Commodity}[request.kind]
    return model.objects.filter(pk=request.target_pk).first()


def unsubscribe(*, token: str) -> tuple[Target | None, bool]:
    """Carry out a signed unsubscribe link: the target, and whether a follow was removed."""
    request = read_unsubscribe_token(token)
    target = unsubscribe_target(token)
    deleted, _ = Follow.objects.filter(
        user_id=request.user_pk, **{f"{request.kind}_id": request.target_pk}
    ).delete()
    return target, bool(deleted)


# --- Planning the emails for a change -----------------------------------------------------------


def _reason(follow: Follow) -> str:
    if follow.deal_id:
        return f"You follow the deal “{follow.deal}”."
    if follow.party_id:
        return f"You follow {follow.party}."
    return f"You follow {follow.commodity}, including the commodities below it."


def _follows_of(deal: Deal) -> list[Follow]:
    """Every follow that covers `deal`: the deal, or a party or commodity it concerns."""
    return list(
        Follow.objects.filter(
            Q(deal=deal)
            | Q(party_id__in=parties_concerned(deal))
            | Q(commodity__in=commodities_concerned(deal)),
            user__is_active=True,
        )
        .exclude(user__email="")
        .with_targets()
    )


def plan_notifications(*, entry: TimelineEntry) -> list[int]:
    """Plan one email per follower of a deal whose stage `entry` changed.

    Safe to run again for the same entry: each reader is planned at most once per entry (a
    unique key), and what is returned is the immediate emails still waiting to be sent.
    """
    if not entry.changed_stage:
        return []
    # One notification per reader: the most specific follow (deal, then party, then
    # commodity) explains why they are told.
    specificity = {FollowTarget.DEAL: 0, FollowTarget.PARTY: 1, FollowTarget.COMMODITY: 2}
    chosen: dict[int, Follow] = {}
    for candidate in sorted(_follows_of(entry.deal), key=lambda f: specificity[f.target_kind]):
        chosen.setdefault(candidate.user_id, candidate)
    deliveries = dict(
        ReaderPreference.objects.filter(user_id__in=chosen).values_list("user_id", "delivery")
    )
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_pk,
                entry=entry,
                follow=chosen_follow,
                reason=_reason(chosen_follow),
                delivery=deliveries.get(user_pk, Delivery.IMMEDIATE),
            )
            for user_pk, chosen_follow in chosen.items()
        ],
        ignore_conflicts=True,
    )
    return list(
        Notification.objects.filter(
            entry=entry, delivery=Delivery.IMMEDIATE, state=NotificationState.PENDING
        ).values_list("pk", flat=True)
    )


# --- Sending ------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _change_context(notification: Notification) -> dict:
    """What an email shows about one change, with absolute links."""
    follow = notification.follow
    return {
        "notification": notification,
        "entry": notification.entry,
        "deal": notification.entry.deal,
        "deal_url": _absolute(notification.entry.deal.get_absolute_url()),
        "unsubscribe_url": _absolute(
            reverse("deals:unsubscribe", kwargs={"token": unsubscribe_token(follow)})
        ),
        "target": follow.target,
    }


def _claim(notification_pk: int) -> bool:
    claimed = Notification.objects.filter(
        pk=notification_pk, state=NotificationState.PENDING
    ).update(
        state=NotificationState.SENDING, state_changed_at=timezone.now(), attempts=F("attempts") + 1
    )
    return claimed == 1


def _finish(pks: list[int], state: str, error: str = "") -> None:
    now = timezone.now()
    Notification.objects.filter(pk__in=pks).update(
        state=state,
        state_changed_at=now,
        last_error=error,
        **({"sent_at": now} if state == NotificationState.SENT else {}),
    )


def _deliver(
    *, user, subject: str, template: str, context: dict, unsubscribe_url: str | None
) -> None:
    """Send one email as plain text with an HTML alternative; classify a failure."""
    context = {
        **context,
        "user": user,
        "site_url": settings.SITE_URL,
        "account_url": _absolute(reverse("deals:account")),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"deals/email/{template}.txt", context),
        to=[user.email],
    )
    if unsubscribe_url:
        # Mail programs show their own unsubscribe button and POST to the link (RFC 8058).
        message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.attach_alternative(
        render_to_string(f"deals/email/{template}.html", context), "text/html"
    )
    try:
        message.send()
    except _TRANSIENT_SMTP_ERRORS as error:
        raise TransientEmailError(str(error)) from error
    except smtplib.SMTPResponseException as error:
        if 400 <= error.smtp_code < 500:
            raise TransientEmailError(str(error)) from error
        raise


def send_notification(*, notification_pk: int) -> bool:
    """Send one immediate email, once; say whether it went.

    The row is claimed with a conditional update so a retried or duplicated task cannot send
    it twice. A transient failure puts it back to wait and raises `TransientEmailError`.
    """
    if not _claim(notification_pk):
        return False
    notification = (
        Notification.objects.with_related().select_related("user").get(pk=notification_pk)
    )
    if notification.follow is None:
        _finish([notification.pk], NotificationState.SKIPPED)
        return False
    context = _change_context(notification)
    entry = notification.entry
    subject = f"{entry.deal}: {entry.previous_status or 'new'} → {entry.status}"
    try:
        _deliver(
            user=notification.user,
            subject=subject[:250],
            template="change",
            context=context,
            unsubscribe_url=context["unsubscribe_url"],
        )
    except TransientEmailError as error:
        _finish([notification.pk], NotificationState.PENDING, str(error))
        raise
    except Exception as error:
        logger.exception("Could not email notification %s", notification.pk)
        _finish([notification.pk], NotificationState.FAILED, str(error) or type(error).__name__)
        return False
    _finish([notification.pk], NotificationState.SENT)
    return True


def readers_with_digest_due() -> list[int]:
    """Readers with daily-digest emails waiting."""
    return list(
        Notification.objects.filter(delivery=Delivery.DAILY, state=NotificationState.PENDING)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


def send_digest(*, user_pk: int) -> int:
    """Send a reader one email with every daily-digest change not yet sent; return how many.

    Each change is claimed on its own so that two digest runs at once never send one twice.
    A transient failure puts the changes back to wait and raises `TransientEmailError`.
    """
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not user.email:
        return 0
    waiting = Notification.objects.filter(
        user=user, delivery=Delivery.DAILY, state=NotificationState.PENDING
    ).values_list("pk", flat=True)
    claimed = [pk for pk in waiting if _claim(pk)]
    notifications = list(
        Notification.objects.with_related()
        .filter(pk__in=claimed)
        .order_by("entry__deal__title", "entry__happened_on", "entry_id")
    )
    unfollowed = [n.pk for n in notifications if n.follow is None]
    _finish(unfollowed, NotificationState.SKIPPED)
    changes = [_change_context(n) for n in notifications if n.follow is not None]
    if not changes:
        return 0
    sent = [change["notification"].pk for change in changes]
    count = len(changes)
    subject = f"Trade-deal tracker: {count} stage change{'s' if count > 1 else ''} today"
    try:
        _deliver(
            user=user,
            subject=subject,
            template="digest",
            context={"changes": changes},
            # Each change carries its own link; a digest covers several follows.
            unsubscribe_url=None,
        )
    except TransientEmailError as error:
        _finish(sent, NotificationState.PENDING, str(error))
        raise
    except Exception as error:
        logger.exception("Could not email the digest of reader %s", user.pk)
        _finish(sent, NotificationState.FAILED, str(error) or type(error).__name__)
        return 0
    _finish(sent, NotificationState.SENT)
    return count


def release_stuck_notifications(*, stuck_after, max_attempts: int) -> list[int]:
    """Put emails a lost worker left "being sent" back to wait, give up on those tried too
    often, and return the immediate emails to queue again."""
    cutoff = timezone.now() - stuck_after
    Notification.objects.filter(
        state=NotificationState.SENDING, state_changed_at__lt=cutoff
    ).update(state=NotificationState.PENDING)
    waiting = Notification.objects.filter(state=NotificationState.PENDING)
    waiting.filter(attempts__gte=max_attempts).update(
        state=NotificationState.FAILED, state_changed_at=timezone.now()
    )
    return list(
        waiting.filter(delivery=Delivery.IMMEDIATE, state_changed_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:500]
    )
