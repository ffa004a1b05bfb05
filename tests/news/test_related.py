"""Under a story: related stories (shared tags first, then the same section) and others."""

import pytest

from tests.factories import SectionPageFactory


def related_titles(response):
    return [story.title for story in response.context["related_stories"]]


@pytest.mark.django_db
def test_related_stories_share_tags_first_then_section(client, home, section, make_story):
    other_section = SectionPageFactory(parent=home, title="Thuế", slug="thue")
    story = make_story(title="Hũ gạo tình thương", tags=["mô hình", "phụ nữ"])
    both = make_story(parent=other_section, title="Nuôi heo đất", tags=["mô hình", "phụ nữ"])
    one = make_story(parent=other_section, title="Bếp ăn từ thiện", tags=["mô hình"])
    sibling = make_story(title="Tin cùng chuyên mục")
    make_story(parent=other_section, title="Tin không liên quan")
    response = client.get(story.url)
    assert related_titles(response) == [both.title, one.title, sibling.title]
    html = response.content.decode()
    assert "Có thể bạn quan tâm" in html


@pytest.mark.django_db
def test_other_stories_of_the_section_skip_those_already_related(client, make_story):
    story = make_story(title="Tin chính", tags=["thuế"])
    make_story(title="Tin liên quan", tags=["thuế"])
    for n in range(8):
        make_story(title=f"Tin khác {n}")
    response = client.get(story.url)
    related = set(related_titles(response))
    others = [s.title for s in response.context["other_stories"]]
    assert others and not related & set(others)
    assert "Tin liên quan" in related and story.title not in related | set(others)
    assert "Các tin khác" in response.content.decode()
