"""A NUL character in a request never reaches the database: PostgreSQL text cannot hold one.

A quoted cookie may spell it `\\000` (an octal escape every HTTP server lets through), and an
address may carry `%00` in its query: each is answered as bad input, never with a 500.
"""

import pytest

pytestmark = pytest.mark.django_db

READER_PAGES = ["/", "/deals/", "/stages/", "/accounts/"]


@pytest.mark.parametrize("path", [*READER_PAGES, "/api/v1/deals/"])
def test_a_session_cookie_spelling_nul_is_a_visitor_without_a_session(client, path):
    response = client.get(path, HTTP_COOKIE='sessionid="abcdefgh\\000ijklmnop"')

    assert response.status_code in (200, 302)
    assert response.wsgi_request.user.is_anonymous


@pytest.mark.parametrize(
    "query", ["country=a%00", "q=rare%00earths", "party=x%00y", "stage=%00", "a%00=1"]
)
def test_a_page_address_with_nul_in_its_query_is_a_bad_request(client, query):
    response = client.get(f"/deals/?{query}")

    assert response.status_code == 400
    assert "We could not read that address" in response.content.decode()


def test_a_token_holding_nul_is_an_invalid_token_in_json(client):
    response = client.get("/api/v1/deals/", HTTP_AUTHORIZATION="Token abc\x00def")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["detail"] == "Invalid token."


def test_a_real_token_still_writes(client, token):
    response = client.post(
        "/api/v1/articles/",
        {"title": "Malaysia bans raw rare earth exports", "body": "Malaysia banned them."},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )

    assert response.status_code == 202
