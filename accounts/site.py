"""Links in emails and printed by commands: the site's own address (SITE_URL)
in front of a path, since there is no request to take the host from."""

from django.conf import settings


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
