"""Create an editor: a staff account in the Editors group."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from deals.permissions import EDITORS_GROUP


class Command(BaseCommand):
    help = "Create an editor account (staff, in the Editors group) and print its password."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password", help="The password to set; a random one is made and printed if absent."
        )
        parser.add_argument(
            "--exists-ok",
            action="store_true",
            help="Succeed without changes when the account already exists.",
        )

    @transaction.atomic
    def handle(self, *args, username, email, password, exists_ok, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            if exists_ok:
                self.stdout.write(f"Editor {username} already exists.")
                return
            raise CommandError(f"An account named {username!r} already exists.")
        password = password or secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username, email=email, password=password, is_staff=True
        )
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        self.stdout.write(f"Editor {username} created with password {password}")
