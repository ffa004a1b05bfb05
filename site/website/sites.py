"""The site's public address (settings.SITE_URL) as a Wagtail Site holds it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def public_address():
    """(hostname, port) of SITE_URL; Wagtail builds every full URL of the site from them."""
    address = urlsplit(settings.SITE_URL)
    if address.scheme not in {"http", "https"} or not address.hostname or address.path:
        raise ImproperlyConfigured(
            f"SITE_URL must be a scheme and host, like https://kienluong.example.vn, "
            f"not {settings.SITE_URL!r}"
        )
    # Wagtail writes port 443 as https://host and any other port as http://host:port.
    return address.hostname, address.port or (443 if address.scheme == "https" else 80)
