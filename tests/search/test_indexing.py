"""Publishing, unpublishing, moving and deleting stories keeps both engines' copies true."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from search import elastic
from search.models import SearchDocument
from tests.factories import SectionPageFactory
from tests.helpers import hit_titles, publish, run_worker


def es_titles(q):
    response = (
        elastic.ElasticsearchEngine().search().query("match", title_folded=q).source(["title"])
    ).execute()
    return sorted(hit.title for hit in response)


@pytest.mark.django_db
def test_the_database_copy_follows_publish_unpublish_and_delete(make_story, search):
    story = make_story(title="Hũ gạo tình thương")
    assert hit_titles(search(q="hu gao")) == ["Hũ gạo tình thương"]

    story.title = "Hũ gạo nghĩa tình"
    publish(story)
    assert hit_titles(search(q="hu gao")) == ["Hũ gạo nghĩa tình"]

    story.unpublish()
    assert search(q="hu gao").context["total"] == 0

    publish(story)
    assert search(q="hu gao").context["total"] == 1
    story.delete()
    assert search(q="hu gao").context["total"] == 0
    assert not SearchDocument.objects.exists()


@pytest.mark.django_db
def test_a_moved_story_is_found_at_its_new_address_and_section(home, make_story, search):
    story = make_story(title="Hũ gạo tình thương")
    other = SectionPageFactory(parent=home, title="Gương người tốt", slug="guong")

    story.move(other, pos="last-child")

    hit = search(q="hu gao").context["results"][0]
    assert hit.url == "/guong/" + story.slug + "/"
    assert hit.section == "Gương người tốt"


@pytest.mark.django_db
@pytest.mark.parametrize("restricted", ["story", "section"])
def test_a_story_made_private_leaves_the_search_and_comes_back(
    make_story, section, search, client, restricted
):
    story = make_story(title="Hũ gạo tình thương")
    page = story if restricted == "story" else section
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    assert search(q="hu gao").context["total"] == 0
    assert client.get("/search/suggest", {"q": "hu ga"}).json() == {"suggestions": []}

    restriction.delete()
    assert hit_titles(search(q="hu gao")) == ["Hũ gạo tình thương"]


@pytest.mark.django_db
def test_a_renamed_section_is_the_section_of_its_stories_in_the_search(make_story, section, search):
    make_story(title="Hũ gạo tình thương")
    section.title = "Gương sáng"
    publish(section)
    assert search(q="hu gao").context["results"][0].section == "Gương sáng"


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_elasticsearch_follows_through_the_worker(elasticsearch, make_story, search):
    story = make_story(title="Hũ gạo tình thương")
    assert es_titles("hu gao") == []  # queued, not yet sent

    run_worker()
    assert es_titles("hu gao") == ["Hũ gạo tình thương"]
    assert search(q="hu gao").context["engine"] == "elasticsearch"

    story.unpublish()
    run_worker()
    assert es_titles("hu gao") == []

    publish(story)
    run_worker()
    assert es_titles("hu gao") == ["Hũ gạo tình thương"]

    story.delete()
    run_worker()
    assert es_titles("hu gao") == []
    assert not SearchDocument.objects.exists()


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_rebuild_fills_a_new_index_and_swaps_the_alias(elasticsearch, make_story, settings):
    make_story(title="Hũ gạo tình thương")
    SearchDocument.objects.all().delete()  # a copy lost, say, before an upgrade
    before = set(elasticsearch.indices.get_alias(name=settings.SEARCH_INDEX_ALIAS))
    out = io.StringIO()

    call_command("rebuild_search_index", stdout=out)

    after = set(elasticsearch.indices.get_alias(name=settings.SEARCH_INDEX_ALIAS))
    assert after and after.isdisjoint(before)
    assert not elasticsearch.indices.exists(index=",".join(before))
    assert es_titles("hu gao") == ["Hũ gạo tình thương"]
    assert "1/1" in out.getvalue()


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_a_failed_rebuild_leaves_the_old_index_serving(
    elasticsearch, make_story, settings, monkeypatch
):
    make_story(title="Hũ gạo tình thương")
    run_worker()
    before = set(elasticsearch.indices.get_alias(name=settings.SEARCH_INDEX_ALIAS))

    real_source = elastic.source

    def refused(row):
        return {**real_source(row), "year": "not a year"}  # Elasticsearch rejects it

    monkeypatch.setattr(elastic, "source", refused)
    with pytest.raises(Exception, match="previous index keeps serving"):
        call_command("rebuild_search_index", stdout=io.StringIO())

    assert set(elasticsearch.indices.get_alias(name=settings.SEARCH_INDEX_ALIAS)) == before
    assert len(elasticsearch.indices.get(index=f"{settings.SEARCH_INDEX_ALIAS}-*")) == 1
    assert es_titles("hu gao") == ["Hũ gạo tình thương"]


def check(*args):
    out = io.StringIO()
    call_command("check_search_index", *args, stdout=out)
    return out.getvalue()


def check_output_of_failure():
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_search_index", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_index_check_finds_and_repairs_lost_and_stray_documents(make_story, section, search):
    lost = make_story(title="Hũ gạo tình thương")
    stray = make_story(title="Xóm đạo bình yên")
    SearchDocument.objects.filter(object_id=lost.pk).delete()  # as after restoring a backup
    SearchDocument.objects.filter(object_id=stray.pk).update(object_id=stray.pk + 1000)
    assert search(q="hu gao").context["total"] == 0

    assert "database: 2 missing, 1 that should not be found" in check_output_of_failure()

    assert "repaired" in check("--fix")
    assert hit_titles(search(q="hu gao")) == ["Hũ gạo tình thương"]
    assert hit_titles(search(q="xom dao")) == ["Xóm đạo bình yên"]
    assert "database: 0 missing, 0 that should not be found" in check()


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_the_index_check_puts_elasticsearch_right(elasticsearch, make_story, search):
    story = make_story(title="Hũ gạo tình thương")
    run_worker()
    elasticsearch.delete(index=elastic.alias(), id=f"story-{story.pk}", refresh=True)
    assert es_titles("hu gao") == []
    assert "elasticsearch: 1 missing" in check_output_of_failure()
    assert "repaired" in check("--fix")
    assert es_titles("hu gao") == ["Hũ gạo tình thương"]
