"""The English messages of the installed Wagtail: what the admin shows when a translation is
missing, so what the Vietnamese catalogue must cover (tests/website/test_admin_catalogue.py) and
what must not show in the admin (tests/browser/test_admin_vietnamese.py)."""

from pathlib import Path

import polib
from django.apps import apps


def wagtail_catalogues(domain):
    """(app name, English .po) of every installed Wagtail app that has one in `domain`."""
    return [
        (config.name, path)
        for config in apps.get_app_configs()
        if config.name.split(".")[0] == "wagtail"
        for path in [Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"]
        if path.exists()
    ]


def english_messages(domain):
    """(app name, polib entry) of every message of the installed Wagtail in `domain`."""
    return [
        (app, entry)
        for app, path in wagtail_catalogues(domain)
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    ]
