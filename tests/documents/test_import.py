"""`import_documents`: the shared import rules (every bad line named, nothing written from a bad
file, a second run updates) with a list of documents and their files beside it."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model

from documents.models import DocumentPage
from tests.helpers import pdf_bytes

pytestmark = pytest.mark.django_db

HEADER = "number,kind,title,issuer,level,date_issued,date_effective,summary,files"
GOOD_ROWS = [
    "05-CT/TW,Chỉ thị,,Bộ Chính trị,Trung ương,2016-05-15,2016-05-15,"
    '"Về tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",'
    "05-ct-tw.pdf",
    "74-KH/HU,ke_hoach,Kế hoạch thực hiện chủ đề năm 2017–2018,Ban Thường vụ Huyện ủy,"
    "huyen_uy,2017-11-02,,,74-kh-hu.pdf; 74-kh-hu-phu-luc.docx",
]


def write(folder, rows, name="van-ban.csv"):
    (folder / "05-ct-tw.pdf").write_bytes(pdf_bytes("Chi thi 05 ve hoc tap va lam theo Bac"))
    (folder / "74-kh-hu.pdf").write_bytes(pdf_bytes("Phat huy vai tro nguoi dung dau cap uy"))
    (folder / "74-kh-hu-phu-luc.docx").write_bytes(b"PK\x03\x04 phu luc")
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_documents", path, *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def refused(path, *args):
    """The report of a refused file: each bad line, then the summary."""
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_documents", path, *args, stdout=StringIO(), stderr=err)
    return err.getvalue() + str(error.value)


def test_a_good_file_adds_the_documents_with_their_files(document_index, tmp_path, client):
    output = run(write(tmp_path, GOOD_ROWS))
    assert "Đã đọc 2 dòng: tạo mới 2, cập nhật 0, 0 dòng lỗi." in output
    directive = DocumentPage.objects.get(key="ct-5-tw")
    assert directive.live and directive.get_parent().pk == document_index.pk
    assert directive.title == "Chỉ thị số 05-CT/TW"
    assert directive.level == "trung_uong" and directive.date_issued == datetime.date(2016, 5, 15)
    assert "hoc tap va lam theo Bac" in directive.file_text
    plan = DocumentPage.objects.get(key="kh-74-hu")
    assert [f.document.filename for f in plan.files.all()] == [
        "74-kh-hu.pdf",
        "74-kh-hu-phu-luc.docx",
    ]
    html = client.get(plan.url).content.decode()
    assert "Kế hoạch thực hiện chủ đề năm 2017–2018" in html and "74-kh-hu-phu-luc" in html


def test_a_second_run_updates_rather_than_duplicates(document_index, tmp_path):
    run(write(tmp_path, GOOD_ROWS))
    # Another spelling of the same number is the same document.
    changed = GOOD_ROWS[0].replace("05-CT/TW,", "05/CT-TW,").replace(",,Bộ", ",Chỉ thị 05,Bộ")
    output = run(write(tmp_path, [changed, GOOD_ROWS[1]]))
    assert "Đã đọc 2 dòng: tạo mới 0, cập nhật 2, 0 dòng lỗi." in output
    assert DocumentPage.objects.count() == 2
    assert get_document_model().objects.count() == 3
    directive = DocumentPage.objects.get(key="ct-5-tw")
    assert directive.title == "Chỉ thị 05" and directive.number == "05/CT-TW"


def test_every_bad_line_is_named_and_nothing_is_written(document_index, tmp_path):
    rows = [
        GOOD_ROWS[0],
        GOOD_ROWS[1].replace("ke_hoach", "sắc lệnh"),
        "101-QĐ/TW,quy_dinh,,Ban Bí thư,trung_uong,07-6-2012,,,",
        "55-QĐ/TW,quy_dinh,,Bộ Chính trị,trung_uong,2016-12-19,,,55-qd-tw.pdf",
        "05/CT-TW,chi_thi,,Bộ Chính trị,trung_uong,,,,",
        "03,ke_hoach,,Ban Bí thư,trung_uong,,,,",
        "49-KH/TU,ke_hoach,,Tỉnh ủy,tinh_uy,,,,../49-kh-tu.pdf",
    ]
    message = refused(write(tmp_path, rows))
    assert "Không nhập dữ liệu nào." in message
    assert DocumentPage.objects.count() == 0
    assert get_document_model().objects.count() == 0
    assert "dòng 3: “kind” phải là một trong các giá trị" in message
    assert "không phải “sắc lệnh”" in message
    assert "dòng 4: “date_issued” không phải ngày dạng YYYY-MM-DD: 07-6-2012" in message
    assert "dòng 5: không có tệp 55-qd-tw.pdf bên cạnh tệp CSV" in message
    assert "dòng 6: số 05/CT-TW đã có ở một dòng trước (là 05-CT/TW)" in message
    assert "dòng 7: “number” phải là số kèm ký hiệu" in message
    assert "dòng 8: tệp ../49-kh-tu.pdf không nằm trong thư mục của tệp CSV" in message


def test_a_damaged_pdf_is_named(document_index, tmp_path):
    path = write(tmp_path, GOOD_ROWS)
    (tmp_path / "74-kh-hu.pdf").write_bytes(pdf_bytes("Ke hoach")[:150])
    message = refused(path)
    assert "dòng 3: “74-kh-hu.pdf” không đọc được như một tệp PDF" in message
    assert DocumentPage.objects.count() == 0


def test_a_dry_run_writes_nothing(document_index, tmp_path):
    output = run(write(tmp_path, GOOD_ROWS), "--dry-run")
    assert "tạo mới 2" in output and "Chạy thử: không ghi dữ liệu nào." in output
    assert DocumentPage.objects.count() == 0
    assert get_document_model().objects.count() == 0


def test_without_a_library_nothing_is_imported(home, tmp_path):
    message = refused(write(tmp_path, GOOD_ROWS))
    assert "chưa có thư viện văn bản để nhập vào" in message
