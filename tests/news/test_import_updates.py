"""Importing a file again updates its stories in bulk (one UPDATE a table, moves written
together) rather than through Wagtail's `move` and `save()`: an updated story must be the story
Wagtail's own move and publish leave, for readers and editors alike."""

import pytest
from django.forms.models import model_to_dict
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from news.importers import ArticleImporter
from news.models import ArticlePage, SectionPage
from search.models import SearchDocument
from tests.helpers import as_compared, legacy_story, made_by_wagtail, main_column, write_lines

SECTIONS = ["Xây dựng Đảng", "Thuế", "Trang địa phương"]


def search_document(story):
    """The site search's document of `story`, but for what is the story's own."""
    document = SearchDocument.objects.get(kind="story", object_id=story.pk)
    return model_to_dict(document, exclude=["id", "object_id", "url", "changed_at"])


def move_entry(story):
    entry = PageLogEntry.objects.get(page=story, action="wagtail.move")
    return entry.label, entry.data, entry.revision_id, entry.content_changed


@pytest.mark.django_db
def test_a_reimported_story_is_the_story_wagtail_moves_and_publishes(
    home, tmp_path, client, admin_client, search, django_capture_on_commit_callbacks
):
    PILImage.new("RGB", (64, 48), (200, 0, 0)).save(tmp_path / "anh.jpg")
    path = tmp_path / "old.jsonl"
    first = legacy_story(1, title="Nuôi cá lồng bè ở Hòn Nghệ", tags=["thủy sản"])
    ArticleImporter(write_lines(path, [first, legacy_story(2, section="Thuế")])).run()
    imported = ArticlePage.objects.get(legacy_id="old-1")
    old_url = imported.url
    section, target = (SectionPage.objects.get(title=title) for title in SECTIONS[:2])
    # The same story as Wagtail makes it, then moves it and publishes the change.
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail's indexes wait for it
        made = made_by_wagtail(section, imported)
    made_old_url = ArticlePage.objects.get(pk=made.pk).url

    changed = legacy_story(
        1,
        title="Nuôi tôm công nghiệp ở Kiên Bình",
        lead="Sapo mới.",
        body_html="<p>Tôm thẻ chân trắng.</p>",
        section="Thuế",
        tags=["tôm", "Kiên Bình"],
        image="anh.jpg",
        image_caption="Ao tôm",
    )
    report = ArticleImporter(write_lines(path, [changed, legacy_story(2, section="Thuế")])).run()
    assert (report.created, report.updated) == (0, 2)
    imported = ArticlePage.objects.get(legacy_id="old-1")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=made.pk).move(target, pos="last-child")
        made = ArticlePage.objects.get(pk=made.pk)
        for name in ("title", "lead", "hero_image", "hero_caption"):
            setattr(made, name, getattr(imported, name))
        made.body = imported.body.raw_data
        made.tags.set(imported.tags.all())
        made.save_revision().publish()
    made = ArticlePage.objects.get(pk=made.pk)
    # What Wagtail records of the story as stored (its own update read the tags before they were).
    ReferenceIndex.create_or_update_for_object(made)

    assert as_compared(imported) == as_compared(made)
    assert move_entry(imported) == move_entry(made)
    assert imported.url_path == f"{target.url_path}{imported.slug}/"
    assert Page.find_problems() == ([], [], [], [], [])
    for each in (section, target):
        each.refresh_from_db()
        assert each.numchild == each.get_children().count()
    # Both search indexes know the story by its new title only, at its new address.
    found = [page.legacy_id for page in ArticlePage.objects.search("tôm Kiên Bình")]
    assert sorted(found) == ["made-1", "old-1"]
    assert list(ArticlePage.objects.search("lồng bè")) == []
    assert search_document(imported) == search_document(made)
    results = search(q="nuoi tom kien binh")
    assert imported.url in results.content.decode() and made.url in results.content.decode()
    assert "Hòn Nghệ" not in main_column(search(q="long be"))
    for story, before in ((imported, old_url), (made, made_old_url)):
        assert Redirect.objects.get(old_path=before.rstrip("/")).redirect_page_id == story.pk
        page = client.get(before, follow=True)
        assert page.redirect_chain and page.redirect_chain[-1][0].endswith(story.url)
        assert "Nuôi tôm công nghiệp ở Kiên Bình" in page.content.decode()
        assert admin_client.get(f"/admin/pages/{story.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_stories_moved_together_keep_the_tree_whole_and_their_old_addresses(home, tmp_path, client):
    rows = [legacy_story(n, section=SECTIONS[n % 3]) for n in range(12)]
    path = write_lines(tmp_path / "old.jsonl", rows)
    ArticleImporter(path).run()
    old_urls = {story.legacy_id: story.url for story in ArticlePage.objects.all()}
    moved = {row["id"] for row in rows[::2]}
    for row in rows[::2]:  # each section gives two stories and takes two, in one batch
        row["section"] = SECTIONS[(SECTIONS.index(row["section"]) + 1) % 3]
    rows.append(legacy_story(12, section="Thuế"))  # a new story in a section moved into

    report = ArticleImporter(write_lines(path, rows)).run()

    assert (report.created, report.updated) == (1, 12)
    assert Page.find_problems() == ([], [], [], [], [])
    for section in SectionPage.objects.all():
        assert section.numchild == section.get_children().count()
    for row in rows:
        story = ArticlePage.objects.get(legacy_id=row["id"])
        section = story.get_parent()
        assert section.title == story.section.title == row["section"]
        assert story.url_path == f"{section.url_path}{story.slug}/"
        assert client.get(story.url).status_code == 200
        moves = PageLogEntry.objects.filter(page=story, action="wagtail.move").count()
        assert moves == (1 if row["id"] in moved else 0)
        if row["id"] in moved:
            page = client.get(old_urls[row["id"]], follow=True)
            assert page.redirect_chain[-1][0].endswith(story.url)
