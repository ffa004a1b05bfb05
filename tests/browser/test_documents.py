"""A reader follows a directive cited in a story to the library, and finds the other stories
that cite it."""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticlePageFactory, DocumentIndexPageFactory, SectionPageFactory
from tests.helpers import paragraphs, publish, publish_document


def publish_story(section, title, *html):
    story = ArticlePageFactory(parent=section, title=title, body=paragraphs(*html))
    publish(story)
    return story


@pytest.mark.django_db(transaction=True)
def test_reader_clicks_a_directive_in_a_story(page, live_site):
    section = SectionPageFactory(parent=live_site, title="Học tập và làm theo Bác")
    story = publish_story(
        section,
        "Kiên Lương: đưa việc học tập và làm theo Bác thành việc thường xuyên",
        "Ban Thường vụ Huyện ủy xác định lấy kết quả học tập Chỉ thị số 05-CT/TW của Bộ Chính "
        "trị khóa XII là một trong những tiêu chí để đánh giá, phân loại cán bộ, đảng viên.",
    )
    publish_story(section, "Hòn Đất sơ kết hai năm", "Sơ kết hai năm thực hiện Chỉ thị 05-CT/TW.")
    publish_story(section, "Tin không trích dẫn", "Trao giấy khen cho 30 tập thể và 47 cá nhân.")
    directive = publish_document(
        publish(DocumentIndexPageFactory(parent=live_site)),
        "05-CT/TW",
        title="Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng Hồ Chí Minh",
        issuer="Bộ Chính trị",
    )

    page.goto(story.url)
    page.get_by_role("link", name="Chỉ thị số 05-CT/TW", exact=True).click()

    page.wait_for_url(f"**{directive.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(directive.title)
    cited = page.locator(".citing-pages li a")
    expect(cited).to_have_count(2)
    expect(page.locator(".citing-pages")).to_contain_text("Hòn Đất sơ kết hai năm")
    expect(page.locator(".citing-pages")).not_to_contain_text("Tin không trích dẫn")
    cited.filter(has_text="Hòn Đất").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hòn Đất sơ kết hai năm")
