"""`import_exemplars`: a good file imports, a bad one is reported line by line and writes
nothing, and running the same file again changes nothing."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from exemplars.models import Commendation, ExemplarPage

HEADER = [
    "id",
    "name",
    "kind",
    "unit",
    "commune",
    "field",
    "summary",
    "award_type",
    "award_level",
    "issuer",
    "decision_no",
    "decision_date",
    "award_year",
    "reason",
]


def row(id="gd-1", name="Nguyễn Văn Mẫu", kind="ca_nhan", **values):
    cells = dict.fromkeys(HEADER, "")
    cells.update(id=id, name=name, kind=kind)
    cells.update(
        {
            "award_type": "giay_khen",
            "award_level": "huyen",
            "award_year": "2017",
            **values,
        }
    )
    return [cells[column] for column in HEADER]


@pytest.fixture
def csv_file(tmp_path):
    def write(*rows, header=HEADER):
        path = tmp_path / "guong.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return str(path)

    return write


def run(path, *options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_exemplars", path, *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *options):
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_exemplars", path, *options, stdout=io.StringIO(), stderr=err)
    return str(failure.value), err.getvalue()


GOOD = [
    row(
        "gd-1",
        "Nguyễn Thị Mẫu",
        "ca_nhan",
        unit="Hội Phụ nữ xã Bình An",
        commune="Bình An",
        field="Văn hóa – xã hội",
        summary="Gương mẫu trong phong trào Hũ gạo tình thương.",
        issuer="Chủ tịch UBND huyện Kiên Lương",
        decision_no="45/QĐ-UBND",
        decision_date="2018-01-15",
        reason="Thành tích xuất sắc năm 2017.",
    ),
    row("gd-1", "", "", award_type="bang_khen", award_level="tinh", award_year="2018"),
    row(
        "gd-2",
        "Hũ gạo tình thương",
        "mo_hinh",
        commune="Kiên Lương",
        award_type="",
        award_level="",
        award_year="",
    ),
]


@pytest.mark.django_db
def test_good_file_imports_exemplars_with_their_commendations(exemplar_index, communes, csv_file):
    out, _err = run(csv_file(*GOOD))
    assert "Đã đọc 3 dòng: tạo mới 2, cập nhật 0, 0 dòng lỗi." in out
    person = ExemplarPage.objects.get(legacy_id="gd-1")
    assert person.live and person.get_parent().pk == exemplar_index.pk
    assert (person.title, person.kind, person.commune, person.field) == (
        "Nguyễn Thị Mẫu",
        "ca_nhan",
        communes["binh-an"],
        "Văn hóa – xã hội",
    )
    awards = list(
        person.commendations.values_list(
            "award_type", "level", "year", "decision_number", "decision_date"
        )
    )
    assert awards == [
        ("giay_khen", "huyen", 2017, "45/QĐ-UBND", datetime.date(2018, 1, 15)),
        ("bang_khen", "tinh", 2018, "", None),
    ]
    model = ExemplarPage.objects.get(legacy_id="gd-2")
    assert model.kind == "mo_hinh" and model.commune == communes["kien-luong"]
    assert not model.commendations.exists()
    assert person.revisions.count() == 1  # editors see the import in the page history


@pytest.mark.django_db
def test_vietnamese_labels_are_accepted_in_any_case_with_or_without_accents(
    exemplar_index, communes, csv_file
):
    rows = [
        row("a", kind="Cá nhân", award_type="Bằng khen", award_level="Huyện", commune="xã Bình An"),
        row(
            "b",
            kind="TAP THE",
            award_type="co thi dua",
            award_level="Trung Ương",
            commune="thi tran kien luong",
        ),
        row("c", kind="Mô hình", award_type="DANH HIỆU", award_level="tỉnh", commune="binh-an"),
        row("d", kind="ca_nhan", award_type="Khác", award_level="trung_uong"),
    ]
    run(csv_file(*rows))
    imported = {
        page.legacy_id: (
            page.kind,
            page.commune_id,
            *page.commendations.values_list("award_type", "level").get(),
        )
        for page in ExemplarPage.objects.all()
    }
    binh_an, kien_luong = communes["binh-an"].pk, communes["kien-luong"].pk
    assert imported == {
        "a": ("ca_nhan", binh_an, "bang_khen", "huyen"),
        "b": ("tap_the", kien_luong, "co_thi_dua", "trung_uong"),
        "c": ("mo_hinh", binh_an, "danh_hieu", "tinh"),
        "d": ("ca_nhan", None, "khac", "trung_uong"),
    }


BAD = [
    row("ok"),  # line 2
    row("x1", kind="xyz"),  # line 3
    row("x2", award_year="20x7"),  # line 4
    row("x3", commune="Phú Quốc"),  # line 5
    row("x4", name=""),  # line 6
    row("x5", award_year="", decision_date="15/01/2018"),  # line 7
    row("ok", name="Tên khác"),  # line 8: contradicts line 2
]


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_and_nothing_is_written(exemplar_index, communes, csv_file):
    message, err = run_failing(csv_file(*BAD))
    assert "Đã đọc 7 dòng: tạo mới 0, cập nhật 0, 6 dòng lỗi. Không nhập dữ liệu nào." in message
    lines = [line for line in err.splitlines() if line.startswith("dòng")]
    assert lines[0].startswith("dòng 3: “kind” phải là một trong các giá trị ca_nhan (Cá nhân)")
    assert lines[1] == "dòng 4: “award_year” không phải số nguyên: 20x7"
    assert lines[2] == (
        "dòng 5: không có xã, thị trấn “Phú Quốc”: hãy sửa lại hoặc thêm vào danh sách xã, thị trấn"
    )
    assert lines[3] == "dòng 6: thiếu “name” hoặc để trống"
    assert lines[4] == "dòng 7: “decision_date” không phải ngày dạng YYYY-MM-DD: 15/01/2018"
    assert lines[5] == "dòng 8: “name” khác với dòng 2, dòng đầu tiên của mã này"
    assert not ExemplarPage.objects.exists()


@pytest.mark.django_db
def test_skip_invalid_imports_the_good_rows(exemplar_index, communes, csv_file):
    out, err = run(csv_file(*BAD), "--skip-invalid")
    assert "tạo mới 1, cập nhật 0, 6 dòng lỗi" in out
    assert "dòng 5: không có xã, thị trấn “Phú Quốc”" in err
    assert list(ExemplarPage.objects.values_list("legacy_id", flat=True)) == ["ok"]


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(exemplar_index, communes, csv_file):
    out, _err = run(csv_file(*GOOD), "--dry-run")
    assert "tạo mới 2" in out and "Chạy thử: không ghi dữ liệu nào." in out
    assert not ExemplarPage.objects.exists() and not Commendation.objects.exists()


@pytest.mark.django_db
def test_running_again_updates_without_duplicates(exemplar_index, communes, csv_file):
    path = csv_file(*GOOD)
    run(path)
    out, _err = run(path)
    assert "tạo mới 0, cập nhật 2" in out
    assert ExemplarPage.objects.count() == 2
    assert Commendation.objects.count() == 2
    # A corrected file replaces that exemplar's commendations.
    run(csv_file(row("gd-1", "Nguyễn Thị Mẫu (đã sửa)", award_level="Tỉnh"), GOOD[2]))
    person = ExemplarPage.objects.get(legacy_id="gd-1")
    assert person.title == "Nguyễn Thị Mẫu (đã sửa)"
    assert list(person.commendations.values_list("level", flat=True)) == ["tinh"]
    assert ExemplarPage.objects.count() == 2


@pytest.mark.django_db
def test_missing_columns_and_missing_list_are_explained(home, communes, csv_file):
    _message, err = run_failing(csv_file(["gd-1", "Tên"], header=["id", "name"]))
    assert "dòng 1: dòng tiêu đề thiếu các cột: kind, unit" in err
    _message, err = run_failing(csv_file(row("gd-1")))
    assert "dòng 1: chưa có trang danh sách gương điển hình để nhập vào" in err
