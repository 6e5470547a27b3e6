"""Who may write through the API: anyone reads; writing needs a token or an editor's session."""

from rest_framework.authentication import TokenAuthentication
from rest_framework.permissions import SAFE_METHODS, BasePermission


class WritesNeedToken(BasePermission):
    """Reads are public; a write needs a token, or the session of staff signed in to the admin.

    A reader's session stays read-only: signing up must not be a way to feed the tracker, and a
    page another site shows a signed-in reader must not be able to write in their name.
    """

    message = (
        "Writing through the API needs a token: send `Authorization: Token <key>`. "
        "A reader's session can only read."
    )

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated):
            # Answered 401 with the token scheme to use.
            return False
        return isinstance(request.successful_authenticator, TokenAuthentication) or user.is_staff
