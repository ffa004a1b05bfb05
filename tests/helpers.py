"""Functions the tests share; fixtures live in the conftest.py files, which import from here."""

import io
import json
import wave
from pathlib import Path
from urllib.parse import urlparse

import polib
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags
from lxml import html as lxml_html
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry, ReferenceIndex
from wagtail.rich_text import RichText

from documents.files import text_pdf
from exemplars.models import Commendation
from news.models import ArticlePage
from tests.factories import DocumentPageFactory, ExemplarPageFactory
from website import pages as website_pages

ROOT = Path(__file__).resolve().parents[1]
# The password of every user the tests make.
PASSWORD = "mat-khau-rat-dai-2018"
# Seconds the topology's application processes keep view hits before writing them.
FLUSH_SECONDS = 1


# Pages


def publish(page, user=None):
    """Publish `page` as the admin does (website.pages.publish: a revision by `user`, then
    published); return it as stored."""
    website_pages.publish(page, user)
    page.refresh_from_db()
    return page


def publish_exemplar(parent, awards=(), **fields):
    """An exemplar published below `parent` with the commendations `awards`."""
    page = ExemplarPageFactory(parent=parent, **fields)
    page.commendations = [Commendation(**values) for values in awards]
    return publish(page)


def publish_document(index, number, title=None, kind="chi_thi", **fields):
    title = title or f"Văn bản số {number}"
    document = DocumentPageFactory(parent=index, title=title, kind=kind, number=number, **fields)
    return publish(document)


def paragraphs(*html):
    """A story body of rich-text paragraphs."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in html]


# What readers see


def queries_for(client, url):
    """The queries a third reading of `url` sends: the first may make the office's settings
    and image renditions, which replaces the content version; the second fills the caches."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def main_column(response):
    """The page's main column, without the sidebar's lists of latest and most viewed."""
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def feed_titles(parsed):
    """The titles of a parsed feed's entries, in order."""
    return [entry.title for entry in parsed.entries]


def hit_titles(response):
    """The plain titles of the hits on a search results page, in order."""
    return [strip_tags(str(hit.title)) for hit in response.context["results"]]


def facet(response, param):
    """A facet's values on a search results page, as {label: count}."""
    for group in response.context["facets"]:
        if group["param"] == param:
            return {value["label"]: value["count"] for value in group["values"]}
    return {}


# Search queue


def run_worker(max_tasks=None):
    """Run the search queue's worker until the queue is empty (or `max_tasks` ran)."""
    args = ["db_worker", "--batch", "--backend", "search", "--no-startup-delay", "-v", "0"]
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    call_command(*args)


# Imports


def write_lines(path, rows):
    """Write `rows` (dicts as JSON, strings as they are) one a line; return `path`."""
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(row if isinstance(row, str) else json.dumps(row, ensure_ascii=False))
            handle.write("\n")
    return path


def legacy_story(n, **extra):
    """Row `n` of an `import_articles` file: an older story, with `extra` fields changed."""
    row = {
        "id": f"old-{n}",
        "title": f"Tin cũ số {n}",
        "lead": "Sapo của tin.",
        "body_html": "<p>Đoạn một.</p><p>Đoạn hai.</p>",
        "section": "Xây dựng Đảng",
        "author": "Kim Thư",
        "published_at": "2017-05-19T07:30:00+07:00",
        "tags": ["xây dựng Đảng"],
        "for_radio": True,
        "for_province": False,
    }
    row.update(extra)
    return row


# Stories compared


# What `as_compared` leaves out, as it differs between two stories by nature: identity,
# address, tree position, when.
OWN = {
    "id",
    "page_ptr",
    "path",
    "slug",
    "url_path",
    "translation_key",
    "latest_revision",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "legacy_id",
    "body",
}


def _blocks(body):
    return [(block.block_type, str(block.value)) for block in body]


def made_by_wagtail(section, imported):
    """The story `imported` as Wagtail makes it: `add_child`, then a revision published."""
    made = section.add_child(
        instance=ArticlePage(
            title=imported.title,
            lead=imported.lead,
            body=imported.body.raw_data,
            byline=imported.byline,
            published_at=imported.published_at,
            for_radio=imported.for_radio,
            for_province=imported.for_province,
            legacy_id="made-1",
        )
    )
    made.tags.set(imported.tags.all())
    made.save_revision().publish()
    return made


def as_compared(story):
    """What an editor or reader sees of a story, but for what differs between two by nature."""
    values = model_to_dict(story, exclude=OWN)
    values["body"] = _blocks(story.body)
    values["url_path"] = story.url_path.removesuffix(f"{story.slug}/")
    values["parent"] = story.get_parent().pk
    values["tags"] = sorted(tag.name for tag in story.tags.all())
    revision = story.latest_revision.as_object()
    values["revision"] = [revision.title, revision.lead, _blocks(revision.body), revision.live]
    values["revised tags"] = sorted(tag.tag.name for tag in revision.tagged_items.all())
    values["history"] = list(
        PageLogEntry.objects.filter(page=story).order_by("id").values_list("action", flat=True)
    )
    values["references"] = sorted(
        ReferenceIndex.objects.filter(object_id=str(story.pk)).values_list(
            "to_content_type",
            "to_object_id",
            "model_path",  # not the tag links' own ids
        )
    )
    return values


# Other processes on the test database


def database_url(settings_dict):
    """The dj-database-url form of a PostgreSQL connection's settings, for a child process."""
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def post_form(session, path, fields):
    """Fill the page's form that posts back to `path` as a browser would, and submit it."""
    page = session.get(session.base + path, timeout=30)
    page.raise_for_status()
    forms = lxml_html.fromstring(page.content).xpath("//form[@method='post' or @method='POST']")
    wanted = urlparse(path).path
    matching = [f for f in forms if urlparse(f.get("action") or path).path == wanted]
    assert matching, f"no form posting to {wanted} at {page.url}"
    form = matching[0]
    data = dict(form.form_values())
    data.update(fields)
    response = session.post(
        session.base + (form.get("action") or path),
        data=data,
        headers={"Referer": session.base + path},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, f"{path} answered {response.status_code}"
    return response


# Wagtail's English messages: what the admin shows when a translation is missing, so what the
# Vietnamese catalogue must cover (tests/website/test_admin_catalogue.py) and what must not
# show in the admin (tests/browser/test_admin_vietnamese.py).


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


# Files


def pdf_bytes(text):
    """A valid one-page PDF showing `text`."""
    return text_pdf([text])


def upload(title, content, name="van-ban.pdf"):
    """A file in Wagtail's document library."""
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def wav_bytes(seconds=2, rate=8000):
    """A silent mono WAV recording `seconds` long."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x00" * rate * seconds)
    return buffer.getvalue()


def png_bytes(colour=(179, 22, 11)):
    """A small PNG of one colour."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


# The browser


def log_in(browser, live_server, username, password=PASSWORD):
    """A tab of a new browser context, logged in to the admin as `username`."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", base_url=live_server.url
    )
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", password)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url("**/admin/")
    return tab
