"""How API clients prove who they are: a token, as `Authorization: Token <key>`."""

from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token scheme, refusing a key no token can have before it reaches the database.

    Keys are 40 hexadecimal characters; anything else (a NUL character, which PostgreSQL text
    cannot hold, or any other control character) is an invalid token, answered 401.
    """

    def authenticate_credentials(self, key):
        if not (key.isascii() and key.isalnum()):
            raise exceptions.AuthenticationFailed("Invalid token.")
        return super().authenticate_credentials(key)
