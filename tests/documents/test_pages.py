"""The library and a document's page as readers see them."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from documents.models import DocumentIndexPage, DocumentPage
from tests.factories import DocumentIndexPageFactory, build_home
from tests.helpers import main_column, publish, publish_document, queries_for
from website.models import HomePage


class PageTreeTests(WagtailPageTestCase):
    def test_documents_live_in_the_library_under_home(self):
        self.assertCanCreateAt(HomePage, DocumentIndexPage)
        self.assertCanCreateAt(DocumentIndexPage, DocumentPage)
        self.assertCanNotCreateAt(HomePage, DocumentPage)
        self.assertCanNotCreateAt(DocumentPage, DocumentPage)

    def test_every_page_type_renders(self):
        index = publish(DocumentIndexPageFactory(parent=build_home()))
        document = publish_document(index, "05-CT/TW")
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(document)


pytestmark = pytest.mark.django_db


def test_document_page_shows_its_facts_and_the_pages_citing_it(client, make_document, citing_story):
    import datetime

    directive = make_document(
        "05-CT/TW",
        title="Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo Bác",
        issuer="Bộ Chính trị",
        date_issued=datetime.date(2016, 5, 15),
        summary="Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    )
    first = citing_story("Học tập Chỉ thị số 05-CT/TW.", title="Kiên Lương học tập và làm theo Bác")
    second = citing_story("Thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị.", title="Hòn Đất sơ kết")
    draft = citing_story("Chỉ thị số 05-CT/TW", title="Tin đã gỡ")
    draft.unpublish()
    citing_story("Không trích dẫn văn bản nào.", title="Tin khác")

    html = main_column(client.get(directive.url))
    assert "Bộ Chính trị" in html
    assert "15/05/2016" in html
    assert "Chỉ thị" in html and "05-CT/TW" in html
    cited = html[html.index('id="citing-title"') :]
    assert "Được trích dẫn trong" in html
    assert first.title in cited and second.title in cited
    assert "Tin đã gỡ" not in cited and "Tin khác" not in cited


def test_the_citing_list_is_one_query(make_document, citing_story, django_assert_num_queries):
    directive = make_document("05-CT/TW")
    for n in range(5):
        citing_story(f"Chỉ thị số 05-CT/TW, lần {n}.")
    with django_assert_num_queries(1):
        pages = list(directive.citing_pages())
    assert len(pages) == 5


def test_private_pages_are_not_listed(make_document, citing_story, section):
    directive = make_document("05-CT/TW")
    citing_story("Chỉ thị số 05-CT/TW")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert list(directive.citing_pages()) == []


def test_the_library_lists_documents_newest_first(client, make_document, document_index):
    import datetime

    make_document(
        "03-KH/TW", kind="ke_hoach", title="Kế hoạch 03", date_issued=datetime.date(2016, 6, 1)
    )
    make_document(
        "74-KH/HU", kind="ke_hoach", title="Kế hoạch 74", date_issued=datetime.date(2017, 11, 2)
    )
    html = main_column(client.get(document_index.url))
    assert html.index("Kế hoạch 74") < html.index("Kế hoạch 03")
    assert "02/11/2017" in html


def test_a_number_without_symbol_is_refused_in_vietnamese(document_index):
    from django.utils import translation

    page = DocumentPage(title="Chỉ thị", slug="ct", kind="chi_thi", number="05")
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Ghi số kèm ký hiệu" in str(error.value.message_dict["number"])


def test_one_number_is_one_document(make_document, document_index):
    from django.utils import translation

    make_document("05-CT/TW", title="Chỉ thị số 05-CT/TW")
    page = DocumentPage(title="Bản trùng", slug="ban-trung", kind="chi_thi", number="05/CT-TW")
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "“Chỉ thị số 05-CT/TW” đã có số và ký hiệu này." in error.value.message_dict["number"]


def test_the_document_page_does_not_query_per_citation_or_file(client, make_document, citing_story):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from documents.models import DocumentFile
    from tests.helpers import pdf_bytes, upload

    directive = make_document("05-CT/TW")

    def add(count):
        for n in range(count):
            citing_story(f"Chỉ thị số 05-CT/TW, lần {n}.")
            DocumentFile.objects.create(
                page=directive, document=upload(f"Tệp {n}", pdf_bytes(f"Trang {n}"))
            )
        # The office's settings are made on the first view; the page is then read afresh.
        client.get(directive.url)
        cache.clear()  # read afresh, as after a publication
        with CaptureQueriesContext(connection) as queries:
            html = main_column(client.get(directive.url))
        files = directive.files.count()
        assert html.count(" download>") == files
        cited = html[html.index('id="citing-title"') :]
        assert cited.count("<li>") == files  # one story per file added
        return len(queries)

    assert add(1) == add(5)


def test_warm_library_pages_send_no_query_and_a_new_citation_shows_at_once(
    client, make_document, document_index, citing_story
):
    directive = make_document("05-CT/TW", title="Chỉ thị về học tập và làm theo Bác")
    for url in (document_index.url, document_index.url + "?kind=chi_thi", directive.url):
        assert queries_for(client, url) == 0, url
    citing_story("Học tập Chỉ thị số 05-CT/TW.", title="Kiên Lương học tập Chỉ thị 05")
    assert "Kiên Lương học tập Chỉ thị 05" in main_column(client.get(directive.url))
