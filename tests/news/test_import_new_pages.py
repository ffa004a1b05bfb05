"""The import writes its new stories' page rows in bulk, not through `Page.save()`: a story it
makes must be the story Wagtail makes of the same content, for readers and editors alike."""

import pytest
from wagtail.models import Page, ReferenceIndex

from news.importers import ArticleImporter
from news.models import ArticlePage, SectionPage
from tests.helpers import as_compared, legacy_story, made_by_wagtail, write_lines


@pytest.mark.django_db
def test_an_imported_story_is_the_story_wagtail_makes(
    home, tmp_path, client, admin_client, django_capture_on_commit_callbacks
):
    row = legacy_story(1, title="Nuôi cá lồng bè ở Hòn Nghệ", tags=["thủy sản", "Hòn Nghệ"])
    report = ArticleImporter(write_lines(tmp_path / "old.jsonl", [row, legacy_story(2)])).run()
    assert report.created == 2
    imported = ArticlePage.objects.get(legacy_id="old-1")
    section = SectionPage.objects.get(title=row["section"])

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail's indexes wait for it
        made = made_by_wagtail(section, imported)
    made = ArticlePage.objects.get(pk=made.pk)
    # What Wagtail records of the story as stored (its own update read the tags before they were).
    ReferenceIndex.create_or_update_for_object(made)

    assert as_compared(imported) == as_compared(made)
    assert imported.url_path == f"{section.url_path}{imported.slug}/"
    assert imported.section_id == section.pk
    assert Page.find_problems() == ([], [], [], [], [])
    assert section.get_children().count() == 3
    found = [page.legacy_id for page in ArticlePage.objects.search("lồng bè")]
    assert sorted(found) == ["made-1", "old-1"]
    for story in (imported, made):
        page = client.get(story.url)
        assert page.status_code == 200
        assert "Nuôi cá lồng bè ở Hòn Nghệ" in page.content.decode()
        assert admin_client.get(f"/admin/pages/{story.pk}/edit/").status_code == 200
