"""Readers' accounts: signing up, following, choosing emails and unsubscribing from them."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import CreateView, TemplateView

from deals import services
from deals.forms import DeliveryForm, SignUpForm
from deals.models import READER_CHANNELS, Follow, OutboxMessage

from .pages import get_target

#: Emails listed on the account page, latest first.
NOTIFICATIONS_SHOWN = 50


class SignUpView(CreateView):
    """Open a reader account and sign the reader in."""

    form_class = SignUpForm
    template_name = "registration/signup.html"

    def form_valid(self, form):
        user = form.save()
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, "Welcome. Follow a deal, a party or a commodity.")
        return redirect(_next_or(self.request, reverse_lazy("deals:account")))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": self.request.GET.get("next", "")}


def _next_or(request, default) -> str:
    """The `next` address if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(default)


class AccountView(LoginRequiredMixin, TemplateView):
    """What the reader follows, how they are told, and what was sent to them."""

    template_name = "deals/account.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "follows": Follow.objects.filter(user=user).with_targets(),
            "delivery_form": DeliveryForm(initial={"delivery": services.delivery_of(user)}),
            "notifications": OutboxMessage.objects.filter(user=user, channel__in=READER_CHANNELS)
            .select_related("entry__deal", "entry__status", "entry__previous_status")
            .order_by("-created_at", "-id")[:NOTIFICATIONS_SHOWN],
        }


@login_required
@require_POST
def change_delivery(request):
    """Save the reader's choice of immediate emails or a daily digest."""
    form = DeliveryForm(request.POST)
    if form.is_valid():
        services.set_delivery(user=request.user, delivery=form.cleaned_data["delivery"])
        messages.success(request, "Your email preference is saved.")
    else:
        messages.error(request, "Choose immediate emails or a daily digest.")
    return redirect("deals:account")


@login_required
@require_POST
def follow_target(request, kind: str, slug: str):
    """Follow a deal, a party or a commodity."""
    target = get_target(kind, slug)
    services.follow(user=request.user, target=target)
    messages.success(request, f"You follow {target}. We will email you when it moves.")
    return redirect(_next_or(request, target.get_absolute_url()))


@login_required
@require_POST
def unfollow_target(request, kind: str, slug: str):
    """Stop following a deal, a party or a commodity."""
    target = get_target(kind, slug)
    services.unfollow(user=request.user, target=target)
    messages.success(request, f"You no longer follow {target}.")
    return redirect(_next_or(request, target.get_absolute_url()))


# The signed token is the credential: the link works from an email without signing in, and
# mail programs POST to it for their own unsubscribe button (RFC 8058), without a CSRF token.
# A GET only asks: link scanners and mail previews open links, and must not unsubscribe anyone.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """Ask to confirm (GET), then stop the follow an email's link names (POST)."""
    try:
        if request.method == "GET":
            target = services.unsubscribe_target(token)
            return render(request, "deals/unsubscribe.html", {"target": target, "confirm": True})
        target, removed = services.unsubscribe(token=token)
    except signing.BadSignature:
        return render(request, "deals/unsubscribe.html", {"invalid": True}, status=400)
    return render(request, "deals/unsubscribe.html", {"target": target, "removed": removed})
