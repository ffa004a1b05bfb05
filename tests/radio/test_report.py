"""The editors' reports: submissions per unit and commune in a period, and the yearly work
report as a page, CSV and .docx, counted once in radio/report.py."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document as WordDocument

from radio.models import Channel, Contribution, Programme, Slot, Submission, SubmissionStatus
from radio.report import Period, WorkReport

COUNTS = "/admin/reports/radio-counts/"
WORK = "/admin/reports/radio-work/"
YEAR_2017 = {"start": "01/01/2017", "end": "31/12/2017"}


def received(day, status=SubmissionStatus.RECEIVED, unit="", commune=None, **fields):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return Submission.objects.create(
        title="Tin",
        text="Tin.",
        author="A",
        contact="0912345678",
        status=status,
        unit=unit,
        commune=commune,
        received_at=moment,
        **fields,
    )


@pytest.fixture
def records(commune):
    """2017: five stories from two units and a commune, two programmes, a contribution."""
    day = datetime.date(2017, 3, 1)
    received(day, unit="Hội Nông dân", commune=commune)
    received(day, SubmissionStatus.ON_AIR, unit="Hội Nông dân", commune=commune)
    received(day, SubmissionStatus.DECLINED, unit="Hội Nông dân", decline_reason="Trùng")
    received(day, SubmissionStatus.PROVINCE, unit="Huyện đoàn", is_sample=True)
    received(day, SubmissionStatus.PUBLISHED)
    received(datetime.date(2016, 12, 31), unit="Hội Nông dân")  # before the period
    news = Slot.objects.create(name="Thời sự", length_minutes=15)
    tax = Slot.objects.create(name="Chuyên mục Thuế", length_minutes=10, days="1,2,4,5")
    tv = Slot.objects.create(name="Trang địa phương", length_minutes=15, channel="province_tv")
    for offset in range(3):
        Programme.objects.create(slot=news, date=day + datetime.timedelta(days=offset), aired=True)
    Programme.objects.create(slot=news, date=day + datetime.timedelta(days=5))  # not aired
    for week in range(52):
        for weekday in range(4):
            date = datetime.date(2017, 1, 2) + datetime.timedelta(weeks=week, days=weekday)
            Programme.objects.create(slot=tax, date=date, aired=True)
    Programme.objects.create(slot=tv, date=day, aired=True)
    Contribution.objects.create(
        submission=Submission.objects.get(status="province"),
        channel=Channel.PROVINCE_RADIO,
        sent_on=day,
        used=True,
    )


def test_counts_per_unit_and_commune_in_the_period(client, editor, records, commune):
    response = client.get(COUNTS, YEAR_2017, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    tables = {table.key: table for table in response.context["tables"]}
    by_unit = {row[0]: row[1:] for row in tables["by_unit"].rows}
    # received, used, published, on air, sent to the province, declined
    assert by_unit["Hội Nông dân"] == [3, 1, 0, 1, 0, 1]
    assert by_unit["Huyện đoàn"] == [1, 1, 0, 0, 1, 0]
    assert by_unit["(không ghi đơn vị: cộng tác viên)"] == [1, 1, 1, 0, 0, 0]
    assert tables["by_unit"].total == ["Tổng cộng", 5, 3, 1, 1, 1, 1]
    by_commune = {row[0]: row[1] for row in tables["by_commune"].rows}
    assert by_commune == {"Hòa Điền": 2, "(không ghi xã, thị trấn)": 3}
    html = response.content.decode()
    assert "Tin, bài nhận được, theo đơn vị" in html and "Đã gửi đài tỉnh" in html


def test_the_work_report_states_the_figures_as_sentences(client, editor, records):
    response = client.get(WORK, YEAR_2017, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    paragraph = " ".join(response.context["report"].sentences())
    assert paragraph.startswith(
        "Từ 01/01/2017 đến 31/12/2017, Đài Truyền thanh huyện đã tiếp nhận 5 tin, bài, cộng tác "
        "với đài tỉnh 1 tin, bài (đài tỉnh sử dụng 1)"
    )
    assert "3 chương trình “Thời sự”" in paragraph
    assert "“Chuyên mục Thuế” 4 buổi/tuần" in paragraph
    assert "1 chương trình “Trang địa phương” phát trên sóng truyền hình tỉnh" in paragraph
    assert "dữ liệu mẫu" not in paragraph.lower() or "1 tin, bài nhận được" in paragraph
    assert "Dữ liệu mẫu của bản trình diễn, không phải số liệu thật: 1 tin, bài nhận được." in (
        paragraph
    )
    assert "Tải tệp Word (.docx)" in response.content.decode()


def test_the_csv_and_the_docx_say_the_same(client, editor, records):
    response = client.get(WORK + "csv/", YEAR_2017, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert "bao-cao-dai-truyen-thanh-20170101-20171231.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Bảng", "Dòng", "Cột", "Giá trị"]
    assert [
        "Chương trình đã phát sóng, theo khung chương trình",
        "Chuyên mục Thuế",
        "Buổi mỗi tuần",
        "4",
    ] in rows
    assert ["Tin, bài nhận được, theo đơn vị", "Tổng cộng", "Đã tiếp nhận", "5"] in rows

    response = client.get(WORK + "docx/", YEAR_2017, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    document = WordDocument(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Báo cáo công tác Đài Truyền thanh" in text
    assert "3 chương trình “Thời sự”" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Hội Nông dân" in cells and "Chuyên mục Thuế" in cells


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"start": "31/02/2017", "end": "31/12/2017"}, "Hãy nhập ngày theo dạng ngày/tháng/năm"),
        ({"start": "hôm qua", "end": "31/12/2017"}, "Hãy nhập ngày theo dạng ngày/tháng/năm"),
        (
            {"start": "01/01/2018", "end": "31/12/2017"},
            "Ngày kết thúc không được trước ngày bắt đầu",
        ),
        ({"start": "01/01/1990", "end": "31/12/2017"}, "Một báo cáo chỉ tính tối đa 20 năm"),
        ({"start": "01/01/2017"}, "Trường này là bắt buộc"),
    ],
)
def test_a_bad_period_is_answered_in_vietnamese(client, editor, period, message):
    for url in (COUNTS, WORK, WORK + "csv/", WORK + "docx/"):
        response = client.get(url, period, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 400
        assert message in response.content.decode()


def test_without_a_period_the_report_is_this_year(client, editor):
    response = client.get(WORK, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.context["report"].period == Period.year(timezone.localdate().year)


def test_the_reports_are_for_the_radio_desk(client, django_user_model, home):
    client.force_login(django_user_model.objects.create_user("docgia", password="x"))
    assert client.get(WORK, YEAR_2017).status_code in (302, 403)
    assert client.get(WORK + "csv/", YEAR_2017).status_code in (302, 403)


def test_the_reports_are_in_the_reports_menu(client, editor):
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert COUNTS in html and WORK in html


def queries_of_the_report():
    with CaptureQueriesContext(connection) as captured:
        report = WorkReport(Period.year(2017))
        report.sentences(), report.tables(), list(report.csv_rows())
    return len(captured)


def test_the_report_queries_do_not_grow_with_the_records(records, commune):
    few = queries_of_the_report()
    day = datetime.date(2017, 6, 1)
    for number in range(20):
        received(day, SubmissionStatus.ON_AIR, unit=f"Đơn vị {number}", commune=commune)
        Slot.objects.create(name=f"Khung {number}", length_minutes=5)
        Programme.objects.create(
            slot=Slot.objects.get(name=f"Khung {number}"), date=day, aired=True
        )
    assert queries_of_the_report() == few
