"""Every app's Vietnamese catalogue is complete and agrees with the others, so a word never
changes meaning (or falls back to English) depending on which app translated it first."""

import ast
import gettext
import re
from pathlib import Path

import django
from django.apps import apps
from django.utils import translation

CATALOGUES = sorted(
    path
    for config in apps.get_app_configs()
    if not config.name.startswith(("django", "wagtail", "modelcluster", "taggit"))
    for path in Path(config.path).glob("locale/vi/LC_MESSAGES/django.mo")
)


def entries(path):
    with open(path, "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    return {key: value for key, value in catalogue.items() if key and isinstance(key, str)}


def test_every_app_has_a_vietnamese_catalogue():
    names = {path.parts[-5] for path in CATALOGUES}
    assert {"website", "news", "exemplars", "media", "search"} <= names


def po_entries(path):
    """(msgid, msgstr) of a .po file, without the header, plurals or contexts."""
    text = path.read_text(encoding="utf-8")
    found = {}
    for block in text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if match and "msgctxt" not in block and "msgid_plural" not in block:
            msgid, msgstr = (
                "".join(map(ast.literal_eval, re.findall(r'"(?:[^"\\]|\\.)*"', group)))
                for group in match.groups()
            )
            if msgid:
                found[msgid] = msgstr
    return found


def test_catalogues_are_complete_and_compiled():
    for path in CATALOGUES:
        source = po_entries(path.with_suffix(".po"))
        untranslated = [key for key, value in source.items() if not value.strip()]
        assert not untranslated, f"{path.with_suffix('.po')}: {untranslated}"
        compiled = entries(path)
        stale = [key for key, value in source.items() if compiled.get(key) != value]
        assert not stale, f"{path} is older than its .po (make messages): {stale[:3]}"


def test_the_same_words_translate_the_same_everywhere():
    with translation.override("vi"):
        for path in CATALOGUES:
            for key, value in entries(path).items():
                assert translation.gettext(key) == value, f"{path.parts[-5]}: {key!r}"


def test_no_catalogue_changes_what_django_itself_translates():
    """Django's own words (weekdays, months, form errors) read the same on every page: an
    app's catalogue may only fill in those Django leaves in English."""
    core_path = Path(django.__file__).parent / "conf" / "locale" / "vi" / "LC_MESSAGES"
    core = entries(core_path / "django.mo")
    for path in CATALOGUES:
        for key, value in entries(path).items():
            if key in core and core[key] != key:
                assert value == core[key], f"{path.parts[-5]}: {key!r}"
