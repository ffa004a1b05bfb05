"""A section's page links come from the count of its stories kept with the section, never from
counting them for each reader: it must follow every way a story enters or leaves the list."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from news.models import ArticlePage, SectionPage
from tests.factories import SectionPageFactory
from tests.helpers import legacy_story, publish, write_lines

pytestmark = pytest.mark.django_db


def pages_shown(client, section):
    """The number of pages a reader is told the section has (1 when there are no links)."""
    cache.clear()  # as the first reader after the change, on any worker
    html = client.get(section.url).content.decode()
    found = re.search(r"Trang 1 / (\d+)", html)
    return int(found.group(1)) if found else 1


def test_page_links_follow_publishing_unpublishing_moving_privacy_and_deletion(
    client, home, make_story, section
):
    stories = [make_story(title=f"Tin {n:02d}") for n in range(20)]
    assert pages_shown(client, section) == 1
    extra = make_story(title="Tin thứ hai mươi mốt")
    assert pages_shown(client, section) == 2

    extra.unpublish()
    assert pages_shown(client, section) == 1
    publish(extra)
    assert pages_shown(client, section) == 2

    other = SectionPageFactory(parent=home, title="Thuế", slug="thue")
    stories[0].move(other, pos="last-child")
    assert pages_shown(client, section) == 1
    assert "Tin 00" in client.get(other.url).content.decode()

    publish(make_story(title="Tin bù"))
    assert pages_shown(client, section) == 2
    restriction = PageViewRestriction.objects.create(
        page=stories[1], restriction_type=PageViewRestriction.PASSWORD, password="mk"
    )
    assert pages_shown(client, section) == 1
    restriction.delete()
    assert pages_shown(client, section) == 2

    ArticlePage.objects.get(pk=stories[2].pk).delete()
    assert pages_shown(client, section) == 1


def test_deleting_a_section_with_its_stories_leaves_the_others_counted(
    client, home, make_story, section
):
    other = SectionPageFactory(parent=home, title="Thuế", slug="thue")
    for n in range(3):
        make_story(parent=other, title=f"Thuế {n}")
    for n in range(21):
        make_story(title=f"Tin {n:02d}")
    SectionPage.objects.get(pk=other.pk).delete()
    assert not ArticlePage.objects.filter(title__startswith="Thuế").exists()
    assert pages_shown(client, section) == 2


def test_imported_and_reimported_stories_are_counted_where_they_land(client, home, tmp_path):
    path = write_lines(tmp_path / "old.jsonl", [legacy_story(n) for n in range(21)])
    call_command("import_articles", str(path), verbosity=0)
    party = SectionPage.objects.get(title="Xây dựng Đảng")
    assert pages_shown(client, party) == 2

    rows = [legacy_story(n) for n in range(21)]
    rows[0]["section"] = "Thuế"
    write_lines(path, rows)
    call_command("import_articles", str(path), verbosity=0)
    assert pages_shown(client, party) == 1
    assert pages_shown(client, SectionPage.objects.get(title="Thuế")) == 1
    assert "Tin cũ số 0" in client.get(SectionPage.objects.get(title="Thuế").url).content.decode()


def test_a_section_page_never_counts_its_stories_for_a_reader(client, make_story, section):
    for n in range(3):
        make_story(title=f"Tin {n}")
    client.get(section.url)  # the count kept for the section is made on the first view
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(section.url).status_code == 200
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert counts == []
