"""Readers and other offices follow newly published exemplar profiles by RSS or Atom."""

import pytest

from tests.helpers import feed_titles


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_exemplar_feed_lists_published_profiles_newest_first(read_feed, make_exemplar, fmt):
    first = make_exemplar(title="Hũ gạo tình thương", summary="Mô hình của Hội Phụ nữ.")
    second = make_exemplar(title="Bếp ăn từ thiện", summary="Mô hình của Hội Chữ thập đỏ.")
    feed = read_feed(f"/feeds/exemplars.{fmt}")
    assert feed_titles(feed) == [second.title, first.title]
    assert feed.entries[1].summary == "Mô hình của Hội Phụ nữ."


@pytest.mark.django_db
def test_unpublished_profile_leaves_the_feed(read_feed, make_exemplar):
    profile = make_exemplar(title="Nuôi heo đất")
    assert feed_titles(read_feed("/feeds/exemplars.rss")) == ["Nuôi heo đất"]
    profile.unpublish()
    assert feed_titles(read_feed("/feeds/exemplars.rss")) == []


@pytest.mark.django_db
def test_exemplar_feed_is_announced_and_listed(client, make_exemplar):
    make_exemplar(title="Nụ cười công sở")
    assert "/feeds/exemplars.atom" in client.get("/").content.decode()
    assert "/feeds/exemplars.rss" in client.get("/feeds/").content.decode()


@pytest.mark.django_db
def test_sample_profiles_stay_out_of_the_feed(read_feed, make_exemplar):
    make_exemplar(title="Hũ gạo tình thương")
    make_exemplar(title="Cá nhân mẫu 01 (dữ liệu mẫu)", is_sample=True)
    assert feed_titles(read_feed("/feeds/exemplars.rss")) == ["Hũ gạo tình thương"]
