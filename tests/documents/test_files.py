"""The text of attached PDFs is read when the editor saves; a damaged file is refused with a
Vietnamese message next to it."""

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from documents import files
from documents.models import DocumentPage
from tests.factories import DocumentIndexPageFactory, build_home
from tests.helpers import pdf_bytes, publish, upload


@pytest.mark.django_db
def test_text_of_a_pdf():
    document = upload("Chỉ thị 05", pdf_bytes("Chi thi so 05-CT/TW ve hoc tap va lam theo Bac"))
    assert "05-CT/TW ve hoc tap" in files.pdf_text(document)


@pytest.mark.django_db
def test_other_files_have_no_text_to_read():
    document = upload("Công văn", b"PK\x03\x04 not really a docx", name="cong-van.docx")
    assert files.pdf_text(document) == ""


class EditorTests(WagtailPageTestCase):
    def setUp(self):
        self.index = publish(DocumentIndexPageFactory(parent=build_home()))
        # force_login: django-axes refuses a password check without a request (Client.login).
        self.client.force_login(self.create_test_user())

    def post(self, *documents):
        data = nested_form_data(
            {
                "title": "Chỉ thị số 05-CT/TW",
                "slug": "chi-thi-05",
                "kind": "chi_thi",
                "number": "05-CT/TW",
                "issuer": "Bộ Chính trị",
                "level": "trung_uong",
                "date_issued": "2016-05-15",
                "date_effective": "",
                "summary": "",
                "files": inline_formset([{"document": str(d.pk)} for d in documents]),
            }
        )
        return self.client.post(
            f"/admin/pages/add/documents/documentpage/{self.index.pk}/",
            data,
            HTTP_ACCEPT_LANGUAGE="vi",
        )

    def test_the_text_of_an_attached_pdf_is_kept_for_search(self):
        pdf = upload("Toàn văn", pdf_bytes("Day manh hoc tap va lam theo tu tuong Ho Chi Minh"))
        response = self.post(pdf)
        assert response.status_code == 302, response.content.decode()[:2000]
        page = DocumentPage.objects.get(slug="chi-thi-05")
        assert "Day manh hoc tap" in page.get_latest_revision_as_object().file_text
        assert page.key == "ct-5-tw"

    def test_a_damaged_pdf_is_refused_next_to_it(self):
        broken = upload("Bản scan hỏng", pdf_bytes("Chi thi")[:150], name="hong.pdf")
        response = self.post(broken)
        assert response.status_code == 200
        html = response.content.decode()
        assert "“Bản scan hỏng” không đọc được như một tệp PDF" in html
        assert not DocumentPage.objects.filter(slug="chi-thi-05").exists()
