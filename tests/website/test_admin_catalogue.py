"""Wagtail's admin in Vietnamese: the project's catalogue (locale/, built by `make messages` from
locale/sources/vi/) translates every message of the installed Wagtail, keeps their placeholders,
and is the one Django and the admin's JavaScript use. After a Wagtail upgrade
test_every_message_of_the_installed_wagtail_is_translated lists, per app, what to translate."""

import gettext
import json
import re
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.helpers import english_messages, wagtail_catalogues

CATALOGUE = settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES"
SOURCES = sorted((settings.BASE_DIR / "locale" / "sources" / "vi").glob("*.po"))
# %(name)s, %s, {name}, and HTML tags: what the code fills in or the browser reads.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>")


def gettext_key(entry):
    """The key of `entry` in a compiled catalogue as Python's gettext reads it."""
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (msgid, 0) if entry.msgid_plural else msgid


def read_mo(path):
    with open(path, "rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def compiled(domain):
    return read_mo(CATALOGUE / f"{domain}.mo")


def test_wagtail_apps_with_catalogues_are_found():
    found = {app for app, _ in wagtail_catalogues("django")}
    assert {"wagtail", "wagtail.admin", "wagtail.images", "wagtail.documents"} <= found
    assert [app for app, _ in wagtail_catalogues("djangojs")] == ["wagtail.admin"]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_message_of_the_installed_wagtail_is_translated(domain):
    catalogue = compiled(domain)
    missing = {}
    for app, entry in english_messages(domain):
        if not catalogue.get(gettext_key(entry), "").strip():
            label = f"{entry.msgctxt} | {entry.msgid}" if entry.msgctxt else entry.msgid
            missing.setdefault(app, []).append(label)
    assert not missing, "\n".join(
        f"{app}: {len(labels)} messages of its {domain}.po untranslated:\n  "
        + "\n  ".join(map(repr, labels))
        for app, labels in missing.items()
    )


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_sources_are_valid_and_keep_placeholders(source):
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(source)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    lost = []
    for entry in polib.pofile(str(source)):
        # One plural form in Vietnamese: it must carry what the English plural carries.
        english = entry.msgid_plural or entry.msgid
        translated = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(translated)):
            lost.append((entry.msgid, translated))
    assert not lost, lost


def test_sources_are_merged_and_compiled():
    """What `make messages` would build is what is committed: the first source by name wins."""
    compiled_domains = {"django": compiled("django"), "djangojs": compiled("djangojs")}
    stale, merged = [], set()
    for source in SOURCES:
        domain = "djangojs" if source.name.endswith("-js.po") else "django"
        for entry in polib.pofile(str(source)):
            key = gettext_key(entry)
            if (domain, key) in merged:
                continue
            merged.add((domain, key))
            translated = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
            if compiled_domains[domain].get(key) != translated:
                stale.append((source.name, entry.msgid))
    assert not stale, f"run `make messages`: {stale[:5]}"


def test_django_prefers_the_project_catalogue_to_wagtails():
    """Wagtail's own Vietnamese must never show through (its login placeholder reads "Nhập Tên
    đăng nhậpcủa bạn"); the project's own strings come before the Wagtail catalogue."""
    assert Path(settings.LOCALE_PATHS[-1]) == CATALOGUE.parent.parent
    project = {}
    for path in reversed(settings.LOCALE_PATHS[:-1]):  # the first entry wins
        project.update(read_mo(Path(path) / "vi" / "LC_MESSAGES" / "django.mo"))
    with translation.override("vi"):
        wrong = [
            key
            for key, value in compiled("django").items()
            if isinstance(key, str)
            and key
            and "\x04" not in key
            and translation.gettext(key) != project.get(key, value)
        ]
    assert not wrong, wrong[:10]


@pytest.mark.django_db
def test_admin_javascript_gets_the_project_translations(client):
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    script = response.content.decode()
    served, _ = json.JSONDecoder().raw_decode(script, script.index("const newcatalog = ") + 19)
    ours = compiled("djangojs")
    wrong = []
    for _, entry in english_messages("djangojs"):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        expected = ours.get(gettext_key(entry))
        value = served.get(key)
        if isinstance(value, list):
            value = value[0]
        if value != expected:
            wrong.append((entry.msgid, value, expected))
    assert not wrong, wrong
    assert served["Page explorer"] == "Cây trang"
