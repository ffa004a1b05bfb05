"""A reader on a phone searches without diacritics, picks a suggestion, narrows by year."""

import datetime
import re

import pytest
from django.utils import timezone


def at(year):
    return timezone.make_aware(datetime.datetime(year, 5, 19, 8, 0))


@pytest.mark.django_db(transaction=True)
def test_a_reader_finds_a_story_typing_without_diacritics(page, live_site, make_story):
    make_story(title="Học tập và làm theo Bác", published_at=at(2017))
    make_story(title="Học tập và làm theo Bác ở Hòn Chông", published_at=at(2018))
    make_story(title="Hội thi tìm hiểu lịch sử Đảng", published_at=at(2018))

    page.goto("/")
    page.fill("#search-q", "hoc tap lam")
    suggestions = page.locator(".search-suggestions a")
    suggestions.first.wait_for()
    assert suggestions.count() == 2
    suggestions.get_by_text("Học tập và làm theo Bác", exact=True).click()

    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.locator(".search-result__title")
    assert results.count() == 2
    assert page.locator(".search-count").inner_text().startswith("2 kết quả")

    page.locator(".search-facet[data-facet=year] a", has_text="2017").click()

    page.wait_for_url(re.compile(r"year=2017"))
    assert results.count() == 1
    assert results.first.inner_text() == "Học tập và làm theo Bác"
    assert page.locator(".search-result__title mark").inner_text() == "Học tập và làm theo Bác"
