"""Settings come from the environment, strictly; production refuses unsafe values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from deals.models import Status

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3#nT0-this-is-a-long-random-production-secret-value-9f8e7d6c5b4a",
    "ALLOWED_HOSTS": "tracker.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "REDIS_URL"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "tracker.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def load_settings(**env: str) -> subprocess.CompletedProcess:
    return run(["-c", "import django; django.setup()"], **env)


def test_check_deploy_is_clean_with_production_values():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION}
    del env["SECRET_KEY"]
    result = load_settings(**env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings(**{**PRODUCTION, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_fetch_pages_and_feeds_from_its_own_machine():
    result = load_settings(**{**PRODUCTION, "TRACKER_FETCH_ALLOW_LOOPBACK": "true"})
    assert result.returncode != 0
    assert "TRACKER_FETCH_ALLOW_LOOPBACK is for tests and development only" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false"),
        ("CELERY_TASK_SOFT_TIME_LIMIT", "soon", "must be an integer"),
        ("CELERY_TASK_SOFT_TIME_LIMIT", "0", "must be at least 1"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL must be a redis or rediss URL"),
        ("DATABASE_URL", "not a url", "DATABASE_URL"),
        ("SITE_URL", "tracker.example.org", "SITE_URL must be a http or https URL"),
        ("TRACKER_TRUSTED_DOMAINS", "Reuters Wire", "must list domain names"),
        # Outlet names granted trust to anyone typing them: a deployment still setting the
        # old variable is told what replaced it rather than silently losing its trust list.
        ("TRACKER_TRUSTED_OUTLETS", "reuters.com", "TRACKER_TRUSTED_DOMAINS"),
    ],
)
def test_a_bad_value_stops_the_start_with_a_clear_error(name, value, message):
    result = load_settings(**{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_the_string_false_turns_debug_off():
    result = run(
        [
            "-c",
            "import django; django.setup(); "
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        **PRODUCTION,
    )
    assert result.stdout.strip() == "False", result.stderr


def test_local_defaults_work_with_nothing_set():
    result = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.DEBUG, s.CELERY_TASK_ALWAYS_EAGER, s.DATABASES['default']['ENGINE'])",
        ]
    )
    assert result.stdout.split() == ["True", "True", "django.db.backends.sqlite3"], result.stderr


def test_a_refused_request_is_logged_once():
    result = run(
        [
            "-c",
            "import django; django.setup(); from django.test import Client; "
            "from django.test.utils import setup_test_environment; setup_test_environment(); "
            "Client().get('/no-such-page/')",
        ]
    )
    assert result.stderr.count("Not Found: /no-such-page/") == 1, result.stderr


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Prepared plans are PostgreSQL's")
def test_on_postgresql_a_query_a_connection_repeats_skips_the_planner():
    for slug in ("talks", "signed", "talks"):
        list(Status.objects.filter(slug=slug))

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "deals_status" WHERE "deals_status"."slug" = $1%'],
        )
        assert cursor.fetchone()[0] == 1


def test_plans_are_not_kept_when_a_pooler_cannot_keep_them():
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.DATABASES['default']['OPTIONS']; "
        "print(o['server_side_binding'], o['prepare_threshold'])"
    )
    database = {"DATABASE_URL": "postgres://tracker@db.example.org/tracker"}

    assert run(["-c", show], **database).stdout.split() == ["True", "2"]
    off = run(["-c", show], **database, DATABASE_PREPARE_AFTER="0")
    assert off.stdout.split() == ["False", "None"], off.stderr
