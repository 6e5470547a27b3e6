"""What the frame of every reader page shows, prepared once per process."""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse

#: The pages the header and footer of every page (`base.html`) link to.
FRAME_PAGES = (
    "home", "deal-list", "stage-list", "account", "logout", "login", "signup", "feed-changes",
)  # fmt: skip


def frame_links(request) -> dict:
    """`frame_links`, the addresses of `FRAME_PAGES` by name (`deal_list` for `deal-list`):
    the same for every request, so reversed once per process and script prefix rather than
    eight times a page."""
    return {"frame_links": _reversed(get_script_prefix(), get_urlconf())}


@functools.lru_cache(maxsize=8)
def _reversed(prefix: str, urlconf) -> dict[str, str]:
    # `reverse` prefixes each address with the script prefix of this thread: `prefix`.
    return {name.replace("-", "_"): reverse(f"deals:{name}", urlconf) for name in FRAME_PAGES}
