"""Documents are in the site search on both engines: a number in any spelling finds its
document first, and the text of its PDFs is searched like the rest."""

import datetime

import pytest

from documents.services import upsert_document
from tests.helpers import facet, hit_titles, pdf_bytes, upload

pytestmark = pytest.mark.django_db

DIRECTIVE = (
    "Chỉ thị về tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
)


@pytest.fixture
def library(engine, make_document, citing_story):
    make_document(
        "05-CT/TW",
        title=DIRECTIVE,
        issuer="Bộ Chính trị",
        date_issued=datetime.date(2016, 5, 15),
    )
    make_document("74-KH/HU", kind="ke_hoach", title="Kế hoạch thực hiện chủ đề năm 2017–2018")
    # Newer, with the number in their titles: without the document's own rank they would
    # come first.
    citing_story("Học tập Chỉ thị số 05-CT/TW.", title="Kiên Lương học tập Chỉ thị số 05-CT/TW")
    citing_story("Sơ kết Chỉ thị 05/CT-TW ở cơ sở.", title="Hòn Đất sơ kết Chỉ thị 05-CT/TW")
    citing_story("Trao giấy khen cho 30 tập thể.", title="Khen thưởng tập thể, cá nhân")
    engine.ready()


@pytest.mark.parametrize(
    "query",
    ["05-CT/TW", "05/CT-TW", "05-CT/TW", "chi thi 05", "CT05", "ct 5", "Chỉ thị số 05-CT/TW"],
)
def test_a_number_in_any_spelling_finds_the_document_first(library, search, query):
    found = hit_titles(search(q=query))
    assert found[0] == DIRECTIVE
    # The stories citing it follow, whichever way they write it.
    assert set(found[1:]) == {
        "Kiên Lương học tập Chỉ thị số 05-CT/TW",
        "Hòn Đất sơ kết Chỉ thị 05-CT/TW",
    }


def test_the_document_is_first_on_every_filter_that_keeps_it(library, search):
    response = search(q="05/CT-TW", type="document")
    assert hit_titles(response) == [DIRECTIVE]
    assert facet(response, "type") == {"Văn bản": 1, "Tin bài": 2}
    assert DIRECTIVE not in hit_titles(search(q="05/CT-TW", type="story"))


def test_newest_first_ignores_the_named_document(library, search):
    found = hit_titles(search(q="05-CT/TW", sort="newest"))
    assert found[-1] == DIRECTIVE


def test_a_number_the_library_lacks_is_searched_as_words(library, search, citing_story, engine):
    citing_story("Thực hiện Quy định số 55-QĐ/TW.", title="Nêu gương theo Quy định 55")
    engine.ready()
    assert hit_titles(search(q="55-QĐ/TW")) == ["Nêu gương theo Quy định 55"]


def test_the_text_of_a_pdf_is_searched(engine, document_index, search):
    pdf = upload(
        "Toàn văn", pdf_bytes("Ke hoach tuyen truyen mo hinh Hu gao tinh thuong o khu pho Ba Hon")
    )
    upsert_document(
        document_index,
        "kh-49-tu",
        attachments=[pdf],
        title="Kế hoạch số 49-KH/TU",
        kind="ke_hoach",
        number="49-KH/TU",
        level="tinh_uy",
    )
    engine.ready()
    assert hit_titles(search(q="hu gao tinh thuong")) == ["Kế hoạch số 49-KH/TU"]
    assert hit_titles(search(q="Hũ gạo tình thương")) == ["Kế hoạch số 49-KH/TU"]
    assert hit_titles(search(q='"khu pho Ba Hon"')) == ["Kế hoạch số 49-KH/TU"]
