"""Following: readers follow deals, parties and commodities, and are emailed when deals move."""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from deals.models import (
    Channel,
    Commodity,
    Deal,
    Delivery,
    Follow,
    FollowTarget,
    OutboxMessage,
    OutboxState,
    Party,
    ReaderPreference,
)

from . import outbox

logger = logging.getLogger(__name__)


class TransientEmailError(Exception):
    """The mail server could not take the message now; sending again later may work.

    `retry_in` says when its messages are due again, None once they are out of attempts.
    """

    retry_in: datetime.timedelta | None = None


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


# --- Sending ------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _change_context(message: OutboxMessage) -> dict:
    """What an email shows about one change, with absolute links."""
    follow = message.follow
    return {
        "message": message,
        "entry": message.entry,
        "deal": message.entry.deal,
        "deal_url": _absolute(message.entry.deal.get_absolute_url()),
        "unsubscribe_url": _absolute(
            reverse("deals:unsubscribe", kwargs={"token": unsubscribe_token(follow)})
        ),
        "target": follow.target,
    }


_UNFOLLOWED = "No longer followed."


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


def _settle(pks: list[int], send) -> bool:
    """Send claimed messages with `send`, then finish them or put them back to wait."""
    try:
        send()
    except TransientEmailError as error:
        error.retry_in = outbox.retry_later(pks=pks, error=str(error))
        raise
    except Exception as error:
        logger.exception("Could not email outbox messages %s", pks)
        outbox.finish(pks=pks, state=OutboxState.FAILED, error=str(error) or type(error).__name__)
        return False
    outbox.finish(pks=pks, state=OutboxState.DELIVERED)
    return True


def send_notification(*, message_pk: int) -> bool:
    """Send one email at once, once; say whether it went.

    The message is claimed in the outbox so a retried or duplicated task cannot send it twice.
    A transient failure puts it back to wait and raises `TransientEmailError`.
    """
    if not outbox.claim(pk=message_pk, channel=Channel.EMAIL):
        return False
    message = OutboxMessage.objects.for_email().select_related("user").get(pk=message_pk)
    if message.follow is None:
        outbox.finish(pks=[message.pk], state=OutboxState.SKIPPED, error=_UNFOLLOWED)
        return False
    context = _change_context(message)
    entry = message.entry
    subject = f"{entry.deal}: {entry.previous_status or 'new'} → {entry.status}"
    return _settle(
        [message.pk],
        lambda: _deliver(
            user=message.user,
            subject=subject[:250],
            template="change",
            context=context,
            unsubscribe_url=context["unsubscribe_url"],
        ),
    )


def send_digest(*, user_pk: int) -> int:
    """Send a reader one email with every due digest change not yet sent; return how many.

    The reader's due digest messages are claimed together in the outbox, so two digest runs at
    once never send one twice. A transient failure puts them back to wait and raises
    `TransientEmailError`.
    """
    claimed = outbox.claim_digest(user_pk=user_pk)
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not user.email:
        outbox.finish(pks=claimed, state=OutboxState.SKIPPED, error="No address to write to.")
        return 0
    messages = list(
        OutboxMessage.objects.for_email()
        .filter(pk__in=claimed)
        .order_by("entry__deal__title", "entry__happened_on", "entry_id")
    )
    unfollowed = [m.pk for m in messages if m.follow is None]
    outbox.finish(pks=unfollowed, state=OutboxState.SKIPPED, error=_UNFOLLOWED)
    changes = [_change_context(m) for m in messages if m.follow is not None]
    if not changes:
        return 0
    count = len(changes)
    subject = f"Trade-deal tracker: {count} stage change{'s' if count > 1 else ''} today"
    sent = _settle(
        [change["message"].pk for change in changes],
        lambda: _deliver(
            user=user,
            subject=subject,
            template="digest",
            context={"changes": changes},
            # Each change carries its own link; a digest covers several follows.
            unsubscribe_url=None,
        ),
    )
    return count if sent else 0
