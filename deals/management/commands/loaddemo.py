"""Fill the tracker with reference data and a few demo deals, and make an editor login."""

import contextlib
import secrets
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from deals import services
from deals.management.articlefiles import article_paths, read_article_file
from deals.models import Deal
from deals.permissions import EDITORS_GROUP

DEMO_FOLDER = Path(__file__).resolve().parents[2] / "demo"
#: The demo articles' outlet: a label, like every outlet.
DEMO_OUTLET = "Tracker demo desk"
#: The tracker's own account that submits the demo articles. It cannot sign in and has no
#: token; it is trusted, so its articles are accepted as a trusted source's would be.
DEMO_SOURCE = "tracker-demo"
DEMO_EDITOR = "editor"


@contextlib.contextmanager
def tasks_in_this_process():
    """Run queued tasks here, so the demo deals exist when the command ends, whatever broker."""
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    try:
        yield
    finally:
        current_app.conf.task_always_eager = previous


def _stored_password(text: str) -> str:
    """The password in var/demo-login.txt: its `password:` line (older files hold it alone)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("password:"):
            return line.removeprefix("password:").strip()
    return lines[0] if len(lines) == 1 else ""


class Command(BaseCommand):
    help = (
        "Load the countries, blocs and commodities, ingest the demo articles through the parser "
        "and print an editor's login. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        seeded = services.seed_reference_data()
        self.stdout.write(
            f"Reference data: {seeded.parties} parties and {seeded.commodities} commodities added."
        )
        source = self._demo_source()
        new = 0
        with tasks_in_this_process():
            for path in article_paths([DEMO_FOLDER]):
                article = read_article_file(path)
                submission = services.submit_article(
                    title=article.title,
                    body=article.body,
                    url=article.url,
                    outlet=DEMO_OUTLET,
                    published_on=article.published,
                    submitted_by=source,
                )
                new += submission.created
        deals = Deal.objects.count()
        self.stdout.write(f"Demo articles: {new} new; the tracker follows {deals} deals.")
        password = self._editor_password()
        self.stdout.write(
            f"Admin: {settings.SITE_URL}/admin/  user: {DEMO_EDITOR}  password: {password}"
        )

    def _demo_source(self):
        """The trusted account the demo articles are submitted by."""
        User = get_user_model()
        account = User.objects.filter(username=DEMO_SOURCE).first()
        if account is None:
            account = User(username=DEMO_SOURCE)
            account.set_unusable_password()
            account.save()
        services.set_trust(user=account, trusted=True)
        return account

    def _editor_password(self) -> str:
        """The demo editor's password: made on the first run and kept in var/demo-login.txt."""
        stored = Path(settings.BASE_DIR) / "var" / "demo-login.txt"
        password = _stored_password(stored.read_text()) if stored.exists() else ""
        User = get_user_model()
        user = User.objects.filter(username=DEMO_EDITOR).first()
        if user is None:
            user = User(username=DEMO_EDITOR, is_staff=True)
        if not password or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(f"user: {DEMO_EDITOR}\npassword: {password}\n")
            stored.chmod(0o600)
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        return password
