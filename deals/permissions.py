"""Who may do what: the permissions of the Editors group."""

EDITORS_GROUP = "Editors"

#: model name -> the actions editors need on it to curate deals.
EDITOR_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "deal": ("view", "add", "change"),
    "dealparty": ("view", "add", "change", "delete"),
    "figure": ("view", "add", "change", "delete"),
    # Timeline entries are never edited or deleted: a correction is a new entry.
    "timelineentry": ("view", "add"),
    "article": ("view", "add", "change"),
    "party": ("view", "add", "change"),
    "partyalias": ("view", "add", "change", "delete"),
    "commodity": ("view", "add", "change"),
    "commodityalias": ("view", "add", "change", "delete"),
    "status": ("view", "add"),
    # Editors read webhook subscriptions and their delivery logs; clients manage them.
    "webhooksubscription": ("view",),
    "webhookdelivery": ("view",),
    "webhookattempt": ("view",),
    # Proposals are reviewed (accepted, edited, rejected), never created or deleted by hand.
    "proposal": ("view", "change"),
    "proposedparty": ("view", "add", "change", "delete"),
    "proposedcommodity": ("view", "add", "change", "delete"),
    "proposedfigure": ("view", "add", "change", "delete"),
}


def sync_editors_group(apps, schema_editor) -> None:
    """Give the Editors group exactly EDITOR_PERMISSIONS. Run by migrations adding models."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; create them now so the
    # group can be given them on a fresh database.
    app_config = apps.get_app_config("deals")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions
    ]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="deals", codename__in=codenames)
    )
