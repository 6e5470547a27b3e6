"""Response headers the tracker adds to every page."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send `settings.TRACKER_CONTENT_SECURITY_POLICY` unless a view set its own policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.TRACKER_CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
