"""Settings for the page benchmark: the product's settings, plus a trivial page to compare with.

Only `bench/pages.py` uses this module; the product never does.
"""

from tracker import settings as _product

globals().update({name: value for name, value in vars(_product).items() if name.isupper()})

ROOT_URLCONF = "bench.pages_urls"
# The benchmark measures pages, not static files: skip the collected-files manifest.
STORAGES = {
    **_product.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
