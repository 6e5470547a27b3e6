"""API errors as clients read them: problem details (RFC 9457), never a page, never a 500."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from deals.api.parsers import MAX_DEPTH
from deals.api.problems import INVALID_INPUT, PROBLEM_JSON
from deals.models import Article, WebhookSubscription

pytestmark = pytest.mark.django_db


def assert_problem(response, status: int) -> dict:
    """The response is a problem of this status, with every member a client relies on."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM_JSON
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["type"] and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.fixture
def anonymous(fresh_cache):
    return APIClient(raise_request_exception=False)


@pytest.fixture
def with_token(fresh_cache, token):
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_reading_the_article_list_which_does_not_exist_is_not_allowed(anonymous):
    body = assert_problem(anonymous.get("/api/v1/articles/"), 405)

    assert body["type"] == "about:blank"
    assert body["title"] == "Method Not Allowed"


@pytest.mark.parametrize(
    ("path", "field"),
    [("/api/v1/articles/", "title"), ("/api/v1/webhooks/", "deals")],
)
# The body's own object is the first level.
@pytest.mark.parametrize("depth", [MAX_DEPTH, 100_000])
def test_a_body_nested_too_deep_is_invalid_input_naming_the_field(with_token, path, field, depth):
    sent = f'{{"target_url": "https://example.org/hook", "{field}": {nested(depth)}}}'

    body = assert_problem(with_token.post(path, sent, content_type="application/json"), 400)

    assert body["type"] == INVALID_INPUT
    assert body["errors"] == {field: [f"Nested deeper than {MAX_DEPTH} levels."]}
    assert field in body["detail"]


def test_a_body_nested_as_deep_as_allowed_is_read(with_token):
    deepest = json.loads(nested(MAX_DEPTH - 1))
    sent = json.dumps({"title": "Deep", "body": "Text.", "outlet": deepest})

    body = assert_problem(
        with_token.post("/api/v1/articles/", sent, content_type="application/json"), 400
    )

    assert list(body["errors"]) == ["outlet"]
    assert "Nested" not in body["detail"]


@pytest.mark.parametrize("field", ["deals", "stages"])
def test_a_nul_character_in_a_webhook_filter_is_invalid_input_naming_it(with_token, stages, field):
    sent = {"target_url": "https://example.org/hook", field: ["signed\x00"]}

    body = assert_problem(with_token.post("/api/v1/webhooks/", sent, format="json"), 400)

    assert body["errors"] == {field: ["NUL characters (\\u0000) are not allowed."]}
    assert not WebhookSubscription.objects.exists()


def test_a_nul_character_in_an_article_is_refused_before_anything_is_kept(with_token):
    sent = {"title": "Rare earths\x00", "body": "Malaysia banned exports."}

    body = assert_problem(with_token.post("/api/v1/articles/", sent, format="json"), 400)

    assert list(body["errors"]) == ["title"]
    assert not Article.objects.exists()


@pytest.mark.parametrize("query", ["party=khazanah%00", "stage=signed&stage=%00", "q%00=x"])
def test_a_nul_character_in_a_query_parameter_is_invalid_input_naming_it(anonymous, query):
    body = assert_problem(anonymous.get(f"/api/v1/deals/?{query}"), 400)

    assert len(body["errors"]) == 1
    assert next(iter(body["errors"])) in {"party", "stage", "non_field_errors"}


def test_invalid_input_names_each_field_and_keeps_a_readable_detail(with_token):
    body = assert_problem(
        with_token.post("/api/v1/articles/", {"url": "ftp://news.example.org/"}, format="json"),
        400,
    )

    assert body == {
        "type": INVALID_INPUT,
        "title": "Invalid input",
        "status": 400,
        "detail": "url: Give an http or https URL.",
        "errors": {"url": ["Give an http or https URL."]},
    }


@pytest.mark.parametrize(
    "path",
    ["/api/v1/no-such-thing/", "/api/v1/articles/not-a-number/", "/api/v1/webhooks/1/x/", "/api/"],
)
def test_an_address_no_view_serves_is_a_problem_not_a_page(anonymous, path):
    body = assert_problem(anonymous.get(path), 404)

    assert body["detail"] == f"There is nothing at {path}."


def test_an_unknown_article_is_a_problem(anonymous):
    body = assert_problem(anonymous.get("/api/v1/articles/123456/"), 404)

    assert body["title"] == "Not Found"


def test_a_body_larger_than_the_server_reads_is_too_large(with_token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    sent = json.dumps({"title": "Big", "body": "x" * 2000})

    body = assert_problem(
        with_token.post("/api/v1/articles/", sent, content_type="application/json"), 413
    )

    assert "1,000 bytes" in body["detail"]
    assert not Article.objects.exists()


def test_each_refusal_keeps_its_sentence_and_its_headers(anonymous, with_token, settings, stages):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"address": "1/minute", "token": "1000/minute"},
    }
    url = reverse("api:stage-list")
    wrong_token = APIClient(raise_request_exception=False)
    wrong_token.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")

    unauthorized = assert_problem(anonymous.post("/api/v1/webhooks/", {}, format="json"), 401)
    unknown_token = assert_problem(wrong_token.get(url), 401)
    not_allowed = assert_problem(with_token.delete(url), 405)
    not_acceptable = assert_problem(with_token.get(url, HTTP_ACCEPT="application/xml"), 406)
    unsupported = assert_problem(
        with_token.post("/api/v1/articles/", "title=x", content_type="text/plain"), 415
    )
    anonymous.get(url)
    throttled = assert_problem(anonymous.get(url), 429)

    assert unauthorized["detail"] == "Authentication credentials were not provided."
    assert unknown_token["detail"] == "Invalid token."
    assert not_allowed["detail"] == 'Method "DELETE" not allowed.'
    assert "GET" in with_token.delete(url)["Allow"]
    assert not_acceptable["detail"] == "Could not satisfy the request Accept header."
    assert "text/plain" in unsupported["detail"]
    assert throttled["detail"].startswith("Request was throttled.")
    assert int(anonymous.get(url)["Retry-After"]) > 0


def test_a_session_without_its_csrf_token_is_forbidden_as_a_problem(reader, fresh_cache):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(reader)

    body = assert_problem(browser.post("/api/v1/webhooks/", {}, format="json"), 403)

    assert "CSRF" in body["detail"]


def test_a_csv_client_still_gets_its_error_as_a_problem(anonymous):
    body = assert_problem(anonymous.get("/api/v1/deals/", {"format": "csv", "stage": "x"}), 400)

    assert list(body["errors"]) == ["stage"]


def test_an_unexpected_failure_is_a_problem_without_the_traceback(anonymous, monkeypatch):
    from deals.api.views import StageViewSet

    def fail(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(StageViewSet, "list", fail)

    body = assert_problem(anonymous.get("/api/v1/stages/"), 500)

    assert "secret internals" not in json.dumps(body)
    assert body["title"] == "Internal Server Error"


def test_pages_outside_the_api_keep_their_html_error_pages(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_schema_documents_every_error_as_a_problem(client, fresh_cache):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()

    assert {"type", "title", "status", "detail"} <= set(
        schema["components"]["schemas"]["Problem"]["properties"]
    )
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"400", "401", "405", "406", "429", "500"}
            if "requestBody" in operation:
                expected |= {"413", "415"}
            if method != "get":
                expected.add("403")
            if method == "get" or "{" in path:
                expected.add("404")
            assert expected <= set(responses), (method, path)
            for code in expected:
                assert list(responses[code]["content"]) == [PROBLEM_JSON], (method, path, code)
