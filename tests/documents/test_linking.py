"""References to documents in stories, exemplars and inventories become links to the library,
and the citations follow publications and deletions."""

import io

import pytest
from django.core.management import call_command

from documents.citations import known_links
from documents.linking import link_documents
from documents.models import Citation
from news.models import ArticlePage
from tests.factories import (
    ExemplarIndexPageFactory,
    InventoryIndexPageFactory,
    InventoryPageFactory,
)
from tests.helpers import (
    legacy_story,
    main_column,
    paragraphs,
    publish,
    publish_exemplar,
    write_lines,
)

SEED = (
    "Ban Thường vụ Huyện ủy xác định lấy kết quả học tập Chỉ thị số 05-CT/TW của Bộ Chính trị "
    "khóa XII; tổ chức thực hiện nghiêm Quy định số 101-QĐ/TW, ngày 07-6-2012 của Ban Bí thư."
)

pytestmark = pytest.mark.django_db


def document_links(response):
    """(text, href) of every link to a document in the page's main column."""
    import lxml.html

    root = lxml.html.fromstring(main_column(response))
    return [(a.text_content(), a.get("href")) for a in root.xpath("//a[@class='document-link']")]


def test_a_story_links_the_documents_in_the_library(client, make_document, citing_story):
    directive = make_document("05-CT/TW", title="Chỉ thị số 05-CT/TW về học tập và làm theo Bác")
    story = citing_story(SEED)
    assert document_links(client.get(story.url)) == [("Chỉ thị số 05-CT/TW", directive.url)]
    # The editor's text is untouched; the link is made when the story is shown.
    assert "document-link" not in str(story.body)


def test_a_document_published_later_links_a_story_already_cached(
    client, make_document, citing_story
):
    story = citing_story(SEED)
    assert document_links(client.get(story.url)) == []  # now in the fragment cache
    assert Citation.objects.get(page=story, key="qd-101-tw").document is None

    regulation = make_document("101-QĐ/TW", kind="quy_dinh")

    assert document_links(client.get(story.url)) == [("Quy định số 101-QĐ/TW", regulation.url)]
    assert Citation.objects.get(page=story, key="qd-101-tw").document == regulation


def test_deleting_or_unpublishing_a_document_unlinks_it(client, make_document, citing_story):
    directive = make_document("05-CT/TW")
    regulation = make_document("101-QĐ/TW", kind="quy_dinh")
    story = citing_story(SEED)
    assert len(document_links(client.get(story.url))) == 2

    directive.delete()
    assert document_links(client.get(story.url)) == [("Quy định số 101-QĐ/TW", regulation.url)]
    assert Citation.objects.get(page=story, key="ct-5-tw").document is None

    regulation.unpublish()
    assert document_links(client.get(story.url)) == []
    assert Citation.objects.get(page=story, key="qd-101-tw").document is None


def test_text_inside_an_existing_link_stays_as_the_editor_linked_it(
    client, make_document, citing_story
):
    directive = make_document("05-CT/TW")
    story = citing_story(
        '<a href="https://tulieuvankien.dangcongsan.vn/ct05">Chỉ thị số 05-CT/TW</a> và '
        "tiếp tục thực hiện Chỉ thị 05-CT/TW"
    )
    html = main_column(client.get(story.url))
    assert document_links(client.get(story.url)) == [("Chỉ thị 05-CT/TW", directive.url)]
    assert '<a href="https://tulieuvankien.dangcongsan.vn/ct05">Chỉ thị số 05-CT/TW</a>' in html


def test_a_story_republished_without_the_reference_no_longer_cites_it(make_document, citing_story):
    directive = make_document("05-CT/TW")
    story = citing_story(SEED)
    assert list(directive.citing_pages()) == [story.page_ptr]
    story.body = paragraphs("Trao giấy khen cho tập thể, cá nhân học tập và làm theo Bác.")
    publish(story)
    assert list(directive.citing_pages()) == []


def test_kind_and_number_alone_link_when_one_document_has_them(client, make_document, citing_story):
    directive = make_document("05-CT/TW")
    story = citing_story("Quán triệt Chỉ thị số 05 của Bộ Chính trị.")
    assert document_links(client.get(story.url)) == [("Chỉ thị số 05", directive.url)]
    make_document("05-CT/HU", title="Chỉ thị số 05-CT/HU của Ban Thường vụ Huyện ủy")
    # Two directives numbered 5 now: which one the story means is not known.
    assert document_links(client.get(story.url)) == []


def test_exemplars_and_inventories_link_too(client, home, make_document):
    directive = make_document("05-CT/TW")
    exemplar = publish_exemplar(
        ExemplarIndexPageFactory(parent=home),
        body=paragraphs("Gương mẫu thực hiện Chỉ thị số 05-CT/TW."),
    )
    inventory = InventoryPageFactory(
        parent=InventoryIndexPageFactory(parent=home),
        body=paragraphs("Tuyên truyền Chỉ thị số 05-CT/TW."),
    )
    publish(inventory)
    for page in (exemplar, inventory):
        assert document_links(client.get(page.url)) == [("Chỉ thị số 05-CT/TW", directive.url)]
    assert {p.pk for p in directive.citing_pages()} == {exemplar.pk, inventory.pk}


def test_html_without_known_references_is_returned_as_it_was(make_document):
    make_document("05-CT/TW")
    html = '<p class="x">Kế hoạch số 74-KH/HU &amp; <b>đồng chí</b><br/></p>'
    assert link_documents(html, known_links()) is html


def test_links_keep_the_markup_around_them(make_document):
    directive = make_document("05-CT/TW", title="Chỉ thị 05")
    html = "<p><b>Trước</b> Chỉ thị số 05-CT/TW <i>sau</i> rồi 05-CT/TW.</p>"
    linked = link_documents(html, known_links())
    anchor = f'<a href="{directive.url}" title="Chỉ thị 05" class="document-link">'
    assert linked == (
        f"<p><b>Trước</b> {anchor}Chỉ thị số 05-CT/TW</a> <i>sau</i> rồi {anchor}05-CT/TW</a>.</p>"
    )


def test_imported_stories_cite_documents_as_published_ones_do(client, make_document, tmp_path):
    directive = make_document("05-CT/TW", title="Chỉ thị về học tập và làm theo Bác")
    rows = [
        legacy_story(1, body_html=f"<p>{SEED}</p>"),
        legacy_story(2, body_html="<p>Tin không dẫn văn bản nào.</p>"),
    ]
    call_command(
        "import_articles", str(write_lines(tmp_path / "old.jsonl", rows)), stdout=io.StringIO()
    )
    citing = Citation.objects.filter(document=directive).values_list("page__title", flat=True)
    assert list(citing) == ["Tin cũ số 1"]
    assert "Tin cũ số 1" in main_column(client.get(directive.url))
    story = ArticlePage.objects.get(legacy_id="old-1")
    assert ("Chỉ thị số 05-CT/TW", directive.url) in document_links(client.get(story.url))
