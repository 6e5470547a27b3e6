"""The API's allowances are exact: N a minute lets N requests through, however they arrive."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from deals.api.throttling import AddressRateThrottle


@pytest.fixture
def shared_cache(settings, redis_server):
    """The cache as production has it: a real Redis shared by every request."""
    redis_server.flush()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
        }
    }


def allow(settings, address: str, token: str = "100000/minute") -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"address": address, "token": token},
    }


def statuses_of(url: str, count: int, *, at_once: int, headers: dict | None = None) -> list[int]:
    def get(_):
        with requests.Session() as session:
            return session.get(url, headers=headers or {}, timeout=30).status_code

    with ThreadPoolExecutor(at_once) as pool:
        return list(pool.map(get, range(count)))


@pytest.mark.parametrize("path", ["/api/v1/stages/", "/api/v1/deals/"])
def test_a_limit_of_120_a_minute_lets_exactly_120_through_when_requests_arrive_together(
    live_server, transactional_db, shared_cache, settings, stages, path
):
    allow(settings, "120/minute")

    statuses = statuses_of(f"{live_server.url}{path}", 300, at_once=12)

    assert statuses.count(200) == 120
    assert statuses.count(429) == 180


def test_a_token_allowance_is_exact_too(
    live_server, transactional_db, shared_cache, settings, stages, token
):
    allow(settings, "1/minute", token="50/minute")

    statuses = statuses_of(
        f"{live_server.url}/api/v1/stages/",
        120,
        at_once=12,
        headers={"Authorization": f"Token {token.key}"},
    )

    assert statuses.count(200) == 50


def test_requests_are_let_through_again_as_the_oldest_leave_the_window(
    api_client, settings, stages, monkeypatch
):
    allow(settings, "3/minute")
    now = [1_000.0]
    monkeypatch.setattr(AddressRateThrottle, "timer", lambda self: now[0])

    first = [api_client.get("/api/v1/stages/").status_code for _ in range(4)]
    now[0] += 30
    refused = api_client.get("/api/v1/stages/")
    now[0] += 30.5
    later = [api_client.get("/api/v1/stages/").status_code for _ in range(4)]

    assert first == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 30
    assert later == [200, 200, 200, 429]
