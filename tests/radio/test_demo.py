"""The demo's radio desk reproduces the seed story's figures for 2016–2017, and says which
records are sample data."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from radio.models import Contribution, Programme, Submission
from radio.report import Period, WorkReport

SEED_PERIOD = {"start": "01/01/2016", "end": "31/12/2017"}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def counts():
    return [model.objects.count() for model in (Submission, Programme, Contribution)]


def test_the_report_over_the_demo_period_states_the_seed_figures_and_a_rerun_adds_none(
    demo, admin_client
):
    response = admin_client.get(
        "/admin/reports/radio-work/", SEED_PERIOD, HTTP_ACCEPT_LANGUAGE="vi"
    )
    with translation.override("vi"):
        paragraph = " ".join(response.context["report"].sentences())
    # "Trong 02 năm đã tiếp nhận 1.195 tin, bài, cộng tác với đài tỉnh 414 tin, bài; 330
    # chương trình thời sự; 15 chuyên mục học tập làm theo Bác và chuyên mục thuế 04 buổi/tuần;
    # 9 chương trình “trang địa phương” phát trên sóng truyền hình tỉnh."
    assert paragraph.startswith(
        "Từ 01/01/2016 đến 31/12/2017, Đài Truyền thanh huyện đã tiếp nhận 1.195 tin, bài, cộng "
        "tác với đài tỉnh 414 tin, bài"
    )
    assert "330 chương trình “Thời sự”" in paragraph
    assert "15 chương trình “Học tập và làm theo Bác”" in paragraph
    assert "“Chuyên mục Thuế” 4 buổi/tuần" in paragraph
    assert "9 chương trình “Trang địa phương” phát trên sóng truyền hình tỉnh" in paragraph
    # The inventories' and the commendations' totals, from their apps.
    assert "37 băng rôn, 480 cờ Đảng, 530 cờ phướn, 21 pano" in paragraph
    assert "cấp huyện 47 cá nhân, 30 tập thể" in paragraph
    assert "cấp tỉnh 3 cá nhân, 3 tập thể" in paragraph
    # The invented records say so, in the report and in their titles.
    assert "Dữ liệu mẫu của bản trình diễn, không phải số liệu thật: 1.195 tin, bài" in paragraph
    assert all(
        "(dữ liệu mẫu)" in title for title in Submission.objects.values_list("title", flat=True)
    )
    assert response.status_code == 200 and "1.195" in response.content.decode()

    # A second run writes no radio record (one test: the demo takes a while to load).
    before = counts()
    assert before[0] == 1195 and before[2] == 414
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before
    assert WorkReport(Period.year(2016)).received + WorkReport(Period.year(2017)).received == 1195
