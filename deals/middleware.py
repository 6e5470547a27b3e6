"""What the tracker does to every request and response outside the views."""

from django.conf import settings
from django.shortcuts import render

NUL = "\x00"


class ContentSecurityPolicyMiddleware:
    """Send `settings.TRACKER_CONTENT_SECURITY_POLICY` unless a view set its own policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.TRACKER_CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class RefuseNulMiddleware:
    """Keep NUL characters, which PostgreSQL text cannot hold, away from every query.

    A cookie holding one (a quoted cookie may spell it `\\000`) is ignored, as a session or
    token no one was given; a page address whose query holds one is answered 400. The API
    answers its own 400 as problem details (`deals.api.problems.ProblemDetailsMiddleware`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
            request.COOKIES = {
                name: value
                for name, value in request.COOKIES.items()
                if NUL not in name and NUL not in value
            }
        if any(NUL in name or NUL in "".join(values) for name, values in request.GET.lists()):
            return render(request, "400.html", status=400)
        return self.get_response(request)
