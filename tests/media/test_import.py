"""`import_inventory`: the same rules as the other imports, with the office's spellings."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from media.models import InventoryItem, InventoryPage

HEADER = (
    "id,campaign,year,kind,quantity,location,commune,installed_on,removed_on,slogan,status,lat,lon"
)
CAMPAIGN = "Cổ động trực quan năm 2017"
GOOD_ROWS = [
    f"k1,{CAMPAIGN},2017,băng rôn,37,Trục chính khu Đô thị Ba Hòn,Kiên Lương,2017-01-15,,"
    '"Học tập và làm theo Bác, thi đua yêu nước",đang treo,10.2571,104.6353',
    f"k2,{CAMPAIGN},2017,Cờ Đảng,480,Trục chính khu Đô thị Ba Hòn,thị trấn Kiên Lương,"
    "2017-01-15,,,,,",
    f"k3,{CAMPAIGN},2017,bang ron,530,Trục chính khu Đô thị Ba Hòn,kien-luong,2017-01-15,,,,,",
    f"k4,{CAMPAIGN},2017,Pano,21,Trục chính khu Đô thị Ba Hòn,,2017-02-01,2017-12-31,,,,",
]


def write(tmp_path, rows, name="items.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def run(path, *args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_inventory", path, *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def ready(inventory_index, communes):
    return inventory_index


def totals():
    return sorted(InventoryItem.objects.values_list("import_id", "kind", "quantity"))


@pytest.mark.django_db
def test_good_file_creates_the_campaign_and_its_items(ready, tmp_path, client):
    output = run(write(tmp_path, GOOD_ROWS))
    assert "Đã đọc 4 dòng: tạo mới 4, cập nhật 0, 0 dòng lỗi." in output
    page = InventoryPage.objects.get(title=CAMPAIGN, year=2017)
    assert page.live and page.get_parent().pk == ready.pk
    assert totals() == [
        ("k1", "bang_ron", 37),
        ("k2", "co_dang", 480),
        ("k3", "bang_ron", 530),
        ("k4", "pano", 21),
    ]
    first = page.items.get(import_id="k1")
    assert first.slogan == "Học tập và làm theo Bác, thi đua yêu nước"
    assert str(first.commune) == "Thị trấn Kiên Lương"
    assert str(first.latitude) == "10.257100"
    last = page.items.get(import_id="k4")
    assert last.removed_on == datetime.date(2017, 12, 31) and last.status == "da_thao"
    assert last.commune is None
    # What an editor opens next in the admin holds the imported items too.
    draft = page.get_latest_revision_as_object()
    assert sorted(item.import_id for item in draft.items.all()) == ["k1", "k2", "k3", "k4"]
    assert "1068" in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_rerun_is_idempotent_and_updates(ready, tmp_path):
    run(write(tmp_path, GOOD_ROWS))
    output = run(write(tmp_path, [*GOOD_ROWS[:3], GOOD_ROWS[3].replace(",21,", ",25,")]))
    assert "Đã đọc 4 dòng: tạo mới 0, cập nhật 4, 0 dòng lỗi." in output
    assert InventoryItem.objects.count() == 4
    assert InventoryPage.objects.count() == 1
    assert InventoryItem.objects.get(import_id="k4").quantity == 25


@pytest.mark.django_db
def test_an_item_can_move_to_another_campaign(ready, tmp_path):
    run(write(tmp_path, GOOD_ROWS))
    moved = GOOD_ROWS[3].replace(CAMPAIGN, "Mừng Xuân 2018").replace(",2017,", ",2018,", 1)
    run(write(tmp_path, [moved]))
    item = InventoryItem.objects.get(import_id="k4")
    assert item.page.title == "Mừng Xuân 2018" and item.page.year == 2018
    old = InventoryPage.objects.get(title=CAMPAIGN)
    assert "k4" not in [i.import_id for i in old.get_latest_revision_as_object().items.all()]


BAD_ROWS = [
    (f"b1,{CAMPAIGN},2017,cờ,5,Ba Hòn,,2017-01-15,,,,,", "loại “cờ” không rõ"),
    (f"b2,{CAMPAIGN},2017,pano,0,Ba Hòn,,2017-01-15,,,,,", "phải là số nguyên từ 1 đến 100000"),
    (f"b3,{CAMPAIGN},2017,pano,100001,Ba Hòn,,2017-01-15,,,,,", "“quantity”"),
    (f"b4,{CAMPAIGN},2017,pano,2.5,Ba Hòn,,2017-01-15,,,,,", "“quantity”"),
    (f"b5,{CAMPAIGN},2017,pano,3,Ba Hòn,,2017-03-01,2017-02-01,,,,", "ngày tháo"),
    (f"b6,{CAMPAIGN},2017,pano,3,Ba Hòn,,15/01/2017,,,,,", "YYYY-MM-DD"),
    (f"b7,{CAMPAIGN},2017,pano,3,Ba Hòn,Hà Nội,2017-01-15,,,,,", "xã “Hà Nội”"),
    (f"b8,{CAMPAIGN},2017,pano,3,Ba Hòn,,2017-01-15,,,,91,104", "“lat”"),
    (f"b9,{CAMPAIGN},2017,pano,3,Ba Hòn,,2017-01-15,,,treo ngược,,", "tình trạng"),
    (f"k1,{CAMPAIGN},2017,pano,3,Ba Hòn,,2017-01-15,,,,,", "xuất hiện hai lần"),
    (f"b10,{CAMPAIGN},năm ngoái,pano,3,Ba Hòn,,2017-01-15,,,,,", "“year”"),
    ("b11,,2017,pano,3,Ba Hòn,,2017-01-15,,,,,", "“campaign”"),
    (f"b12,{CAMPAIGN},2017,pano,3", "cột"),
]


@pytest.mark.django_db
def test_bad_file_reports_each_line_and_writes_nothing(ready, tmp_path):
    path = write(tmp_path, GOOD_ROWS + [row for row, _reason in BAD_ROWS])
    with pytest.raises(CommandError) as error:
        run(path)
    assert "Không nhập dữ liệu nào." in str(error.value)
    assert InventoryItem.objects.count() == 0
    assert InventoryPage.objects.count() == 0


@pytest.mark.django_db
def test_bad_lines_are_named_by_number_and_reason(ready, tmp_path):
    from media.importing import InventoryImporter

    path = write(tmp_path, GOOD_ROWS + [row for row, _reason in BAD_ROWS])
    report = InventoryImporter(path).run()
    assert not report.applied
    messages = {error.line: error.message for error in report.errors}
    first_bad = 2 + len(GOOD_ROWS)
    assert sorted(messages) == list(range(first_bad, first_bad + len(BAD_ROWS)))
    for offset, (_row, reason) in enumerate(BAD_ROWS):
        assert reason in messages[first_bad + offset], (first_bad + offset, messages)


@pytest.mark.django_db
def test_command_prints_the_line_numbers(ready, tmp_path):
    from io import StringIO

    err = StringIO()
    path = write(tmp_path, [GOOD_ROWS[0], BAD_ROWS[1][0]])
    with pytest.raises(CommandError):
        call_command("import_inventory", path, stdout=StringIO(), stderr=err)
    assert "dòng 3:" in err.getvalue()


@pytest.mark.django_db
def test_skip_invalid_imports_the_good_rows(ready, tmp_path):
    output = run(write(tmp_path, [*GOOD_ROWS, BAD_ROWS[0][0]]), "--skip-invalid")
    assert "Đã đọc 5 dòng: tạo mới 4, cập nhật 0, 1 dòng lỗi." in output
    assert InventoryItem.objects.count() == 4


@pytest.mark.django_db
def test_dry_run_writes_nothing(ready, tmp_path):
    output = run(write(tmp_path, GOOD_ROWS), "--dry-run")
    assert "tạo mới 4" in output
    assert InventoryItem.objects.count() == 0 and InventoryPage.objects.count() == 0


@pytest.mark.django_db
def test_missing_columns_and_non_utf8_are_refused(ready, tmp_path):
    missing = tmp_path / "missing.csv"
    missing.write_text("id,campaign,kind\nk1,x,pano\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run(str(missing))
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "\n" + GOOD_ROWS[0]).encode("utf-16"))
    with pytest.raises(CommandError):
        run(str(latin))
    assert InventoryItem.objects.count() == 0


@pytest.mark.django_db
def test_export_of_a_page_imports_back_unchanged(ready, tmp_path, client):
    run(write(tmp_path, GOOD_ROWS))
    page = InventoryPage.objects.get()
    exported = client.get(page.url + "items.csv")
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    path = tmp_path / "export.csv"
    path.write_bytes(exported.content)
    before = totals()
    assert "tạo mới 0, cập nhật 4, 0 dòng lỗi." in run(str(path))
    assert totals() == before
