"""The health check tells operators whether the database, the broker and the cache answer."""

import pytest


@pytest.mark.django_db
def test_health_reports_database_and_in_process_tasks(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "in-process",
        "cache": "in-process",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_is_degraded_but_serving_when_the_broker_is_unreachable(client, settings):
    from tracker.celery import app

    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    original = app.conf.broker_url
    app.conf.broker_url = settings.REDIS_URL
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = original
    # The site still saves and serves without Redis: a load balancer keeps sending it traffic.
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"] == "unreachable"
