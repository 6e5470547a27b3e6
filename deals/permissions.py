"""Who may do what: the permissions of the Editors group."""

EDITORS_GROUP = "Editors"

#: model name -> the actions editors need on it to curate deals.
CURATION_PERMISSIONS: dict[str, tuple[str, ...]] = {
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
    # Editors decide which submitting accounts to trust; accounts are listed as they submit.
    "contributor": ("view", "change"),
    # Editors add, change, pause and remove the news sources the tracker follows.
    "source": ("view", "add", "change", "delete"),
    "sourceentry": ("view",),
}

#: app label -> model name -> actions: everything the Editors group may do.
EDITOR_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "deals": CURATION_PERMISSIONS,
    # Editors make and revoke their own API tokens; the admin shows them no one else's.
    "authtoken": {"tokenproxy": ("view", "add", "delete")},
}


def sync_editors_group(apps, schema_editor) -> None:
    """Give the Editors group exactly EDITOR_PERMISSIONS. Run by migrations adding models."""
    from django.contrib.auth.management import create_permissions
    from django.db.models import Q

    # Permissions are normally created after all migrations have run; create them now so the
    # group can be given them on a fresh database.
    for app_label in EDITOR_PERMISSIONS:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            # An earlier migration runs before that app has any model: a later one syncs again.
            continue
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted = Q(pk__in=[])
    for app_label, models in EDITOR_PERMISSIONS.items():
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.set(Permission.objects.filter(wanted))
